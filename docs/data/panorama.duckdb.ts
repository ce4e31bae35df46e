import { loadDataset, writeDatabaseToStdout } from "../../loaders/index.js";

await writeDatabaseToStdout(await loadDataset());
