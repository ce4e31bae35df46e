// A y axis of long category names (zones, ministries) that wraps them onto several lines instead
// of cutting them, with rows tall enough for the longest one.
import * as Plot from "npm:@observablehq/plot";

/** Average width of a character, in ems, for the 10 px sans-serif of Plot's axes. */
const CHAR_EM = 0.56;
const FONT_SIZE = 10;
const LINE_HEIGHT = 1.15;

export interface CategoryAxis {
  marginLeft: number;
  /** Height of one row, in pixels, for the longest label. */
  rowHeight: number;
  /** The axis mark (the plot's own y axis must be turned off: `y: {axis: null}`). */
  axis: ReturnType<typeof Plot.axisY>;
}

export interface CategoryOptions {
  /** Largest share of the width the names may take, and largest margin in pixels. */
  share?: number;
  max?: number;
  minRow?: number;
  tickFormat?: (d: string) => string;
}

/** The margin, the width of a line (ems) and the row height that let every name wrap without being cut. */
export function categoryLayout(
  labels: readonly string[],
  width: number,
  { share = 0.42, max = 300, minRow = 22, tickFormat }: CategoryOptions = {},
): { marginLeft: number; lineWidth: number; rowHeight: number } {
  const longest = Math.max(1, ...labels.map((l) => (tickFormat ? tickFormat(l) : l).length));
  const wanted = longest * CHAR_EM * FONT_SIZE + 12;
  const marginLeft = Math.round(Math.min(wanted, max, Math.max(96, width * share)));
  // Plot measures text with its own estimate of glyph widths: leave 10 % to spare.
  const lineWidth = ((marginLeft - 10) / FONT_SIZE) * 0.9;
  const lines = Math.max(...labels.map((l) => Math.ceil(((tickFormat ? tickFormat(l) : l).length * CHAR_EM) / lineWidth)), 1);
  const rowHeight = Math.max(minRow, Math.ceil(lines * FONT_SIZE * LINE_HEIGHT + 8));
  return { marginLeft, lineWidth, rowHeight };
}

export function categoryAxis(labels: readonly string[], width: number, options: CategoryOptions = {}): CategoryAxis {
  const { tickFormat } = options;
  const { marginLeft, lineWidth, rowHeight } = categoryLayout(labels, width, options);
  return {
    marginLeft,
    rowHeight,
    axis: Plot.axisY({ lineWidth, lineHeight: LINE_HEIGHT, tickSize: 0, tickPadding: 6, label: null, ...(tickFormat ? { tickFormat } : {}) }),
  };
}
