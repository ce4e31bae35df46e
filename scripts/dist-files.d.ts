export function walk(dir: string): AsyncGenerator<string>;
export function listFiles(dir: string): Promise<string[]>;
export function isPage(dist: string, path: string): boolean;
