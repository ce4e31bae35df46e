import { importComponent, loadDataset, renderMarkup, reportData } from "../../../loaders/index.js";

// Default view of the home page: the latest edition, at the width of its column on a laptop screen.
const report = reportData(await loadDataset());
const { costBandChart } = await importComponent<typeof import("../../components/cost-band-chart.js")>(
  new URL("../../components/cost-band-chart.js", import.meta.url),
);
const current = report.editions.find((e) => e.edition === report.latest)!;
const bands = report.cost_bands.filter((d) => d.edition === report.latest);
process.stdout.write(await renderMarkup(() => costBandChart(bands, { width: 480, label: current.label })));
