import { movementsData, loadDataset } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(movementsData(await loadDataset())));
