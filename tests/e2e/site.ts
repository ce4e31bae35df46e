import { afterAll, beforeAll } from "vitest";
import { launchBrowser, type Browser } from "./browser.js";
import { DEFAULT_DIST, startServer, type StaticServer } from "./server.js";

export interface Site {
  server: StaticServer;
  browser: Browser;
}

/** The built site (dist/) served on 127.0.0.1 and a light-mode browser, for the tests of one file. */
export function builtSite(): Site {
  const site = {} as Site;
  beforeAll(async () => {
    site.server = await startServer(DEFAULT_DIST);
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

export type Scheme = "light" | "dark";

export interface SchemedSite {
  server: StaticServer;
  browsers: Record<Scheme, Browser>;
}

/** The built site and one browser per color scheme, for the tests of one file that check both themes. */
export function builtSiteInSchemes(): SchemedSite {
  const site = { browsers: {} } as SchemedSite;
  beforeAll(async () => {
    site.server = await startServer(DEFAULT_DIST);
    for (const scheme of ["light", "dark"] as const) site.browsers[scheme] = await launchBrowser({ colorScheme: scheme });
  });
  afterAll(async () => {
    for (const browser of Object.values(site.browsers)) await browser?.close();
    await site.server?.close();
  });
  return site;
}
