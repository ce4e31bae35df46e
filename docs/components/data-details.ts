// « Voir les données »: the numbers of a chart as a table, folded under it. A printed page
// includes them: every folded table opens for print (and folds back after).
import { dataTable, type DataColumn, type DataTableOptions } from "./data-table.js";

const openedForPrint = new Set<HTMLDetailsElement>();

function openForPrint(): void {
  for (const details of document.querySelectorAll<HTMLDetailsElement>("details.data-details:not([open])")) {
    details.open = true;
    openedForPrint.add(details);
  }
}

function foldAfterPrint(): void {
  for (const details of openedForPrint) details.open = false;
  openedForPrint.clear();
}

// beforeprint/afterprint for the print dialog; the media query also for print previews and emulation.
if (typeof window !== "undefined") {
  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", foldAfterPrint);
  if (typeof window.matchMedia === "function")
    window.matchMedia("print").addEventListener("change", (event) => (event.matches ? openForPrint() : foldAfterPrint()));
}

export function dataDetails<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  summary = "Voir les données",
  options: DataTableOptions = {},
): HTMLDetailsElement {
  const details = document.createElement("details");
  details.className = "data-details";
  const s = document.createElement("summary");
  s.textContent = summary;
  const wrapper = document.createElement("div");
  wrapper.className = "data-details-scroll";
  // A scrolling region must be reachable with the keyboard.
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", summary);
  wrapper.append(dataTable(rows, columns, options));
  details.append(s, wrapper);
  // A table folded while the page is printed (drawn late) opens too.
  if (typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("print").matches) {
    details.open = true;
    openedForPrint.add(details);
  }
  return details;
}
