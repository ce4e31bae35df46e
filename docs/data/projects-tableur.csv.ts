import { loadDataset, writeToStdout } from "../../loaders/index.js";
import { PROJECT_EXPORT_DIGITS, toSpreadsheetCsv } from "../components/export.js";
import { PROJECT_EXPORT_COLUMNS } from "../components/project-columns.js";

await writeToStdout(toSpreadsheetCsv((await loadDataset()).projects, PROJECT_EXPORT_COLUMNS, PROJECT_EXPORT_DIGITS));
