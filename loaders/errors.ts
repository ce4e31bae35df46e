/** Where a problem was found; every field that is known is named in the message. */
export interface ErrorPlace {
  edition?: string | null;
  file?: string | null;
  row?: number | null;
  column?: string | null;
}

/**
 * An expected failure (bad input, missing file, network): its message is one
 * paragraph for a person, saying where, what was expected and what to do.
 */
export class PanoramaError extends Error {
  readonly place: ErrorPlace;
  readonly hint: string | null;
  /** The message without place and hint, to rebuild the error when more of its place is known. */
  readonly detail: string;
  constructor(message: string, place: ErrorPlace = {}, hint: string | null = null, options?: { cause?: unknown }) {
    super(formatMessage(message, place, hint), options);
    this.name = "PanoramaError";
    this.place = place;
    this.hint = hint;
    this.detail = message;
  }

  /** The same error, with the parts of its place it did not know filled from `more`, and an optional note after the message. */
  located(more: ErrorPlace, note: string | null = null): PanoramaError {
    const place: ErrorPlace = { ...this.place };
    for (const key of ["edition", "file", "row", "column"] as const) {
      if (place[key] == null && more[key] != null) (place as Record<string, unknown>)[key] = more[key];
    }
    return new PanoramaError(note ? `${this.detail} ${note}` : this.detail, place, this.hint, { cause: this.cause ?? this });
  }
}

export function formatPlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.edition) parts.push(`edition ${place.edition}`);
  if (place.file) parts.push(`file ${place.file}`);
  if (place.row != null) parts.push(`row ${place.row}`);
  if (place.column) parts.push(`column "${place.column}"`);
  return parts.join(", ");
}

function formatMessage(message: string, place: ErrorPlace, hint: string | null): string {
  const where = formatPlace(place);
  return visibleText([where ? `${where}: ${message}` : message, hint].filter(Boolean).join(" "));
}

// C0 controls but newline, DEL, C1 controls (U+009B is a CSI on its own), bidirectional marks,
// embeddings, overrides and isolates, line and paragraph separators.
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files and servers as a terminal shows it: control and bidirectional characters are
 * written as their code (`\u{1b}`), so that they can be seen and can neither move the cursor,
 * retitle the window nor reorder the line. Newlines are kept.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
