// The part of d3-dsv (no bundled types) that the tests use to read the CSV downloads back.
declare module "d3-dsv" {
  export interface DsvFormat {
    parseRows(text: string): string[][];
  }
  export function dsvFormat(delimiter: string): DsvFormat;
  export function csvParseRows(text: string): string[][];
}
