// One <project_key>.json per project page: FileAttachment(`../data/projets/${key}.json`) in docs/projets/[key].md.
import { editionGaps, loadDataset, projectPages, projectPagesArchive, writeToStdout } from "../../loaders/index.js";

const dataset = await loadDataset();
await writeToStdout(projectPagesArchive(projectPages(dataset.projects, dataset.editions, editionGaps(dataset))));
