import { loadDataset, writeToStdout } from "../../loaders/index.js";
import { toXlsx } from "../components/export.js";
import { PROJECT_EXPORT_COLUMNS } from "../components/project-columns.js";

await writeToStdout(toXlsx((await loadDataset()).projects, PROJECT_EXPORT_COLUMNS, "Projets"));
