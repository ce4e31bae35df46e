import { loadCatalogue, loadDataset, reportData } from "../../loaders/index.js";

process.stdout.write(JSON.stringify(reportData(await loadDataset(), loadCatalogue())));
