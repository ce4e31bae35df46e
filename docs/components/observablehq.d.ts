// Types for the Framework modules that live-sql.ts imports (resolved by Framework, not by npm).
declare module "observablehq:stdlib" {
  export function FileAttachment(name: string): { url(): Promise<string>; json(): Promise<unknown> };
}
declare module "npm:@observablehq/duckdb" {
  export const DuckDBClient: {
    of(sources?: Record<string, unknown>, config?: Record<string, unknown>): Promise<unknown>;
  };
}
