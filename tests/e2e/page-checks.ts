// Shared checks for the browser tests of the built site: wait for a Framework page to settle, list
// its Plot charts, run axe-core.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { PageReport } from "./browser.js";
import { DEFAULT_DIST } from "./server.js";

export const AXE_PATH = join(process.cwd(), "node_modules", "axe-core", "axe.min.js");

/** URL paths of the built pages: /index → /, /projets/[key] excluded unless `projects`. */
export function builtPages(dist = DEFAULT_DIST): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".html"))
    .map((f) => (f === "index.html" ? "/" : `/${f.slice(0, -".html".length)}`))
    .sort();
}

/** Keys of the built project pages, sorted. */
export function builtProjectKeys(dist = DEFAULT_DIST): string[] {
  return readdirSync(join(dist, "projets"))
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.slice(0, -".html".length))
    .sort();
}

/** `count` items spread evenly over `items` (first and last included). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

/** The content of a built data file, found by its unhashed name (e.g. "data/projects.json"). */
export function builtFile(name: string, dist = DEFAULT_DIST): Buffer {
  const dir = join(dist, "_file", name.split("/").slice(0, -1).join("/"));
  const base = name.split("/").at(-1)!;
  const dot = base.lastIndexOf(".");
  const pattern = new RegExp(`^${base.slice(0, dot).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-f]{8}${base.slice(dot).replace(".", "\\.")}$`);
  const match = readdirSync(dir).find((f) => pattern.test(f));
  if (!match) throw new Error(`${name}: not found in ${dir}`);
  return readFileSync(join(dir, match));
}

/** Waits until every cell has run: no loading placeholder left, network idle. */
export async function settle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, { timeout });
  await page.waitForLoadState("networkidle");
}

/** Cell errors that Framework shows in the page instead of throwing. */
export async function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent ?? ""));
}

/** Root SVG elements drawn by Observable Plot (legends excluded), with their aria-label. */
export async function plotCharts(page: Page): Promise<{ label: string | null; description: string | null }[]> {
  return page.$$eval("#observablehq-main svg", (svgs) =>
    svgs
      .filter((svg) => /^plot-[0-9a-f]+$/.test(svg.getAttribute("class") ?? "") && !svg.parentElement?.closest("svg"))
      .map((svg) => ({
        label: svg.getAttribute("aria-label"),
        description: svg.querySelector(":scope > desc")?.textContent ?? svg.getAttribute("aria-description"),
      })),
  );
}

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };

/** The page's own content; the sidebar, header and footer are the site shell, common to every page. */
export const MAIN = "#observablehq-main";
export const SHELL = ["#observablehq-sidebar", "#observablehq-sidebar-toggle", "#observablehq-header", "#observablehq-footer"];

/** Serious and critical axe-core violations within `include` (CSS selectors), folded content opened first. */
export async function axeViolations(page: Page, include: readonly string[] = [MAIN]): Promise<string[]> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async (selectors) => {
      const axe = (window as unknown as { axe: { run(context: unknown): Promise<AxeResult> } }).axe;
      const present = selectors.filter((s) => document.querySelector(s));
      return (await axe.run({ include: present.map((s) => [s]) })).violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
      }));
    },
    [...include],
  );
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.targets.join(", ")}`);
}

export function expectClean(report: PageReport, where: string): void {
  expect(report.externalRequests, `${where}: requests leaving 127.0.0.1`).toEqual([]);
  expect(report.failedRequests, `${where}: failed requests`).toEqual([]);
  expect(report.consoleErrors, `${where}: console errors`).toEqual([]);
}
