import { loadCatalogue, loadDataset, methodologyData, writeToStdout } from "../../loaders/index.js";

await writeToStdout(JSON.stringify(methodologyData(await loadDataset(), loadCatalogue())));
