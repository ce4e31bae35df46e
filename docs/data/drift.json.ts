import { driftData, loadDataset } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(driftData(await loadDataset())));
