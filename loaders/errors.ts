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
  constructor(message: string, place: ErrorPlace = {}, hint: string | null = null, options?: { cause?: unknown }) {
    super(formatMessage(message, place, hint), options);
    this.name = "PanoramaError";
    this.place = place;
    this.hint = hint;
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
  return [where ? `${where}: ${message}` : message, hint].filter(Boolean).join(" ");
}
