import { zonesData, loadDataset } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(zonesData(await loadDataset())));
