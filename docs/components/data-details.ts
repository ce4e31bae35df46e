// « Voir les données »: the numbers of a chart as a table, folded under it.
import { dataTable, type DataColumn } from "./data-table.js";

export function dataDetails<T>(rows: readonly T[], columns: readonly DataColumn<T>[], summary = "Voir les données"): HTMLDetailsElement {
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
  wrapper.append(dataTable(rows, columns));
  details.append(s, wrapper);
  return details;
}
