// Dashboard pages made in tests (the shape of the R flexdashboard pages: a "Date d’actualisation"
// line and DT widgets holding their table by column), for hostile variants of one part at a time.

export interface Widget {
  id: string;
  headers: string[];
  columns: unknown[][];
}

/** The JSON of a DT widget as htmlwidgets writes it ("</" escaped so that the script does not end early). */
export function widgetJson(w: Pick<Widget, "headers" | "columns">): string {
  const container = `<table class="display"><thead><tr>${w.headers.map((h) => `<th>${h}</th>`).join("")}</tr></thead></table>`;
  return JSON.stringify({ x: { filter: "none", data: w.columns, container, options: { pageLength: 10 } }, evals: [], jsHooks: [] }).replaceAll("</", "<\\/");
}

export function widgetScript(id: string, json: string): string {
  return `<div id="htmlwidget-${id}" class="datatables html-widget"></div>\n<script type="application/json" data-for="htmlwidget-${id}">${json}</script>\n`;
}

export function dashboardPage(date: string, scripts: string[]): string {
  return `<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8" /><title>Panorama des grands projets numériques de l’État</title></head>\n<body>\n<p>Date d’actualisation : <b>${date}</b></p>\n${scripts.join("")}</body>\n</html>\n`;
}

/** A project table of `n` rows: names P1…Pn, alternating ministries, costs 1…n M€. */
export function projectWidget(id: string, n: number, prefix = "P"): Widget {
  const names = Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const ministries = names.map((_, i) => (i % 2 ? "Ministère de la Justice" : "Ministère de l'Intérieur"));
  const costs = names.map((_, i) => i + 1);
  return { id, headers: ["Projet", "Ministère porteur", "Coût estimé"], columns: [names, ministries, costs] };
}

export const widget = (w: Widget) => widgetScript(w.id, widgetJson(w));

/** Names that a replacement pattern, an HTML parser, a template or a regular expression would act on. */
export const HOSTILE_NAMES = [
  "A $& B",
  "C $` D",
  "E $' F",
  "G $1 $2 $<x> $$ $0 H",
  "</script><script>alert(1)</script>",
  "<!-- I",
  "J -->",
  "K \\ \\\\ \\n \\u0041 \\$&",
  '<div class="prerender-slot"><img class="prerendered" src="./x.svg">',
  "url(//evil.example/x.css) @import '//evil.example/y.css'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a name that looks like an inline expression stays text.
  "${1+1} {{title}} {{heading}} [key]",
  "L\u2028M\u2029N",
];
