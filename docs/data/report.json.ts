import { reportData, loadDataset } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(reportData(await loadDataset())));
