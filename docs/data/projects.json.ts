import { explorerData, loadDataset, writeToStdout } from "../../loaders/index.js";

const dataset = await loadDataset();
await writeToStdout(JSON.stringify(explorerData(dataset.projects, dataset.editions)));
