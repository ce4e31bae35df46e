// Framework 1.13's own clock: with a date set, every file's date (FileAttachment#lastModified, and
// the hashes that depend on it) is that date. Framework sets it in its tests; the build sets it from
// SOURCE_DATE_EPOCH (observablehq.config.ts).
declare module "@observablehq/framework/dist/config.js" {
  export function setCurrentDate(date: Date | null): void;
}
