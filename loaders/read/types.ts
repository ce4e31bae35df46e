import type { HeadlineFigures, SourceFormat } from "../schema.js";

export type Cell = string | number | boolean | null;

/** One row as read, before any cleaning. `row` is its number in the source as a person sees it (1-based; a CSV record, a sheet row). */
export interface RawRow {
  row: number;
  cells: Cell[];
}

/** A grid of rows from one sheet or table, header row included, entirely blank rows left out. */
export interface RawSheet {
  file: string;
  format: SourceFormat;
  sheetName: string | null;
  rows: RawRow[];
  /** Merged areas read as their top-left value in each cell (workbooks), in A1 notation. */
  merged?: string[];
}

/** What a dashboard page states besides its table. */
export interface DashboardPage {
  /** The edition as written in the page ("Date d’actualisation : Juin 2017"), or null when the page does not say. */
  editionText: string | null;
  /** `YYYY-MM` parsed from editionText, or null. */
  edition: string | null;
  headline: HeadlineFigures;
  /** Each value box as published: label → text ("projets suivis" → "57"). */
  valueBoxes: Record<string, string>;
}

export interface ReadResult {
  format: SourceFormat;
  sheets: RawSheet[];
  page: DashboardPage | null;
  /** Non-fatal observations (extension that lies, unknown sheet…). */
  warnings: string[];
}
