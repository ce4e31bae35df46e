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
