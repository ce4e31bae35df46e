import { loadDataset, writeToStdout } from "../../loaders/index.js";
import { toCsv } from "../components/export.js";
import { PROJECT_EXPORT_COLUMNS } from "../components/project-columns.js";

await writeToStdout(toCsv((await loadDataset()).projects, PROJECT_EXPORT_COLUMNS));
