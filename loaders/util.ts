// Small pure helpers shared by every stage.

/** Code-unit order: the same on every machine and locale (keys, editions, file names). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
