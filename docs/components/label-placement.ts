// Labels beside the dots of a scatter chart, placed so that none overlaps another or leaves the
// chart; pure (pixel positions in, placements out), so that it can be tested without a browser.

const CHAR_PX = 6.4;
const LINE_PX = 13;

/** A name short enough for a label: the acronym in brackets when the name is long (« Espace numérique en Santé (ENS) » → ENS). */
export function shortName(name: string): string {
  if (name.length <= 20) return name;
  const acronym = /\(([^()]{2,12})\)\s*$/.exec(name)?.[1];
  return acronym ?? `${name.slice(0, 18).trimEnd()}…`;
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const POSITIONS = [
  { name: "right", dx: 7, dy: 0, anchor: "start" },
  { name: "left", dx: -7, dy: 0, anchor: "end" },
  { name: "above", dx: 0, dy: -11, anchor: "middle" },
  { name: "below", dx: 0, dy: 12, anchor: "middle" },
] as const;
export type Position = (typeof POSITIONS)[number];

/**
 * The projects to name, and where: the largest costs and the largest changes first, each beside
 * its dot where its label overlaps no other label and stays inside the chart; one that fits
 * nowhere is left to its tooltip.
 */
export function placeLabels<T extends { name: string }>(
  candidates: readonly T[],
  at: (d: T) => [number, number],
  frame: Box,
  dots: readonly [number, number][] = [],
): { datum: T; text: string; position: Position }[] {
  const placed: Box[] = [];
  const out: { datum: T; text: string; position: Position }[] = [];
  const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const d of candidates) {
    const text = shortName(d.name);
    const w = text.length * CHAR_PX;
    const [x, y] = at(d);
    for (const p of POSITIONS) {
      const cx = x + p.dx;
      const cy = y + p.dy;
      const left = p.anchor === "start" ? cx : p.anchor === "end" ? cx - w : cx - w / 2;
      const box = { left, right: left + w, top: cy - LINE_PX / 2, bottom: cy + LINE_PX / 2 };
      if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      if (dots.some(([dx, dy]) => (dx !== x || dy !== y) && dx > box.left - 2 && dx < box.right + 2 && dy > box.top - 2 && dy < box.bottom + 2)) continue;
      placed.push(box);
      out.push({ datum: d, text, position: p });
      break;
    }
  }
  return out;
}
