// Headless Chromium (Debian's package, see scripts/ensure-chromium.sh) driven by playwright-core,
// with a fresh profile per launch. Every host but 127.0.0.1 is unresolvable inside the browser,
// so a request leaving the machine fails the same way here, in CI and on a connected laptop.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: { colorScheme?: "light" | "dark" } = {}): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "panorama-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageReport {
  /** Every URL requested by the page and its workers, in order. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  consoleErrors: string[];
  /** Requests that failed at the network level or answered with a status ≥ 400. */
  failedRequests: string[];
  /** Requests whose host is not 127.0.0.1 (data: and blob: URLs are local). */
  externalRequests: string[];
}

function isExternal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return false;
  return hostname !== "127.0.0.1";
}

/**
 * Opens `url` in a new tab and records what happens until the network is idle. The report keeps
 * filling afterwards (e.g. while the test waits for a chart), so read it at the end of the test.
 */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; report: PageReport }> {
  const page = await browser.context.newPage();
  const report: PageReport = { requests: [], consoleErrors: [], failedRequests: [], externalRequests: [] };
  const onRequest = (request: { url(): string }) => {
    const href = request.url();
    report.requests.push(href);
    if (isExternal(href)) report.externalRequests.push(href);
  };
  page.on("request", onRequest);
  page.on("worker", (worker) => {
    worker.on("console", (message) => {
      if (message.type() === "error") report.consoleErrors.push(`[worker ${worker.url()}] ${message.text()}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") {
      const { url: source } = message.location();
      report.consoleErrors.push(source ? `${message.text()} (${source})` : message.text());
    }
  });
  page.on("pageerror", (error) => report.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => report.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
  page.on("response", (response) => {
    if (response.status() >= 400) report.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, report };
}
