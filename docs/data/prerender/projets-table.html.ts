// Default view of the explorer (docs/projets.md): its table with the first rows in the default order,
// drawn by the page's own component, so that the rows are in the HTML before any script runs.
import { explorerData, importComponent, loadDataset, renderMarkup } from "../../../loaders/index.js";

type Component = typeof import("../../components/explorer.js");
const { DEFAULT_SORT, EXPLORER_CAPTION, FIRST_ROWS, explorerTable, inflate, sortProjects } = await importComponent<Component>(
  new URL("../../components/explorer.js", import.meta.url),
);
const dataset = await loadDataset();
// As the page reads them: through JSON.
const file = JSON.parse(JSON.stringify(explorerData(dataset.projects, dataset.editions))) as Parameters<Component["inflate"]>[0];
const first = sortProjects(inflate(file), DEFAULT_SORT.key, DEFAULT_SORT.direction).slice(0, FIRST_ROWS);
process.stdout.write(
  await renderMarkup(() => {
    const table = explorerTable({ caption: EXPLORER_CAPTION });
    table.update(first);
    // Its sort buttons do nothing until the live table takes its place; the project links work.
    table.element.querySelector("thead")!.setAttribute("inert", "");
    return table.element;
  }),
);
