// First chart of each project page (docs/projets/[key].md): the cost per edition, at the width of its card.
import { editionGaps, importComponent, loadDataset, projectPages, renderArchive, writeToStdout } from "../../../loaders/index.js";

type Component = typeof import("../../components/project-trajectory-chart.js");
const { projectTrajectoryChart } = await importComponent<Component>(new URL("../../components/project-trajectory-chart.js", import.meta.url));
const dataset = await loadDataset();
// As the page reads them: through JSON.
const pages = JSON.parse(JSON.stringify(projectPages(dataset.projects, dataset.editions, editionGaps(dataset)))) as Parameters<
  Component["projectTrajectoryChart"]
>[0][];
await writeToStdout(
  await renderArchive(pages.map((page) => ({ name: `${page.project_key}.svg`, render: () => projectTrajectoryChart(page, { width: 400, metric: "cost" }) }))),
);
