import { buildHistory, buildMovements, type Dataset } from "../build/index.js";
import { TABLES } from "../schema.js";
import type { TableData } from "./write.js";

/** The tables written for a dataset, in their order in panorama.duckdb. */
export function datasetTables(dataset: Dataset): TableData[] {
  const editionOrder = dataset.editions.map((e) => e.edition);
  return [
    { name: "projects", columns: TABLES.projects, rows: dataset.projects },
    { name: "editions", columns: TABLES.editions, rows: dataset.editions },
    { name: "anomalies", columns: TABLES.anomalies, rows: dataset.anomalies },
    { name: "normalizations", columns: TABLES.normalizations, rows: dataset.normalizations },
    { name: "project_history", columns: TABLES.project_history, rows: buildHistory(dataset.projects, editionOrder) },
    { name: "movements", columns: TABLES.movements, rows: buildMovements(dataset.projects, editionOrder) },
  ];
}
