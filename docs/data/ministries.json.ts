import { ministriesData, loadDataset } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(ministriesData(await loadDataset())));
