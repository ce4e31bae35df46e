// The live side of a chart drawn at build time (loaders/prerender.ts, scripts/inline-prerender.js):
// once the live chart is in its .prerender-slot, the build-time one leaves the page, so that only one
// chart (and one aria-label) remains. prerender.css hides it as soon as the live <div> exists.

export function replacePrerendered<T extends HTMLElement>(live: T): T {
  const observer = new MutationObserver(() => {
    if (!live.firstChild) return;
    live.parentElement?.querySelector(":scope > .prerendered")?.remove();
    observer.disconnect();
  });
  observer.observe(live, { childList: true });
  return live;
}
