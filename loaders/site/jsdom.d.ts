// The part of jsdom (a dependency of Framework, pinned in package.json) that loaders/site/prerender.ts
// and the tests use.
declare module "jsdom" {
  /** Without listeners: what the page logs is dropped. */
  export class VirtualConsole {}
  export class JSDOM {
    constructor(html?: string, options?: { virtualConsole?: VirtualConsole });
    readonly window: Window & typeof globalThis;
  }
}
