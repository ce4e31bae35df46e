// The part of jsdom (a dependency of Framework, pinned in package.json) that loaders/prerender.ts uses.
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string);
    readonly window: Window & typeof globalThis;
  }
}
