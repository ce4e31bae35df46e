export function walk(dir: string): AsyncGenerator<string>;
export function isPage(dist: string, path: string): boolean;
