// The live side of a chart or table drawn at build time (loaders/site/prerender.ts, scripts/inline-prerender.js):
// once the live element is ready in its .prerender-slot, the build-time one leaves the page, so that
// only one copy (and one aria-label) remains. prerender.css hides it as soon as the live element is
// in the slot and no longer pending.

const PENDING = "data-prerender-pending";

/**
 * `ready` tells when the live element can stand in for the build-time one: by default once it has a
 * child (a chart drawn by resize()). With another test, the live element stays hidden until then.
 */
export function replacePrerendered<T extends HTMLElement>(live: T, ready?: (live: T) => boolean): T {
  const isReady = ready ?? ((e: T) => e.firstChild !== null);
  if (ready) live.setAttribute(PENDING, "");
  const drop = (frames: number) => {
    const slot = live.parentElement;
    if (slot) slot.querySelector(":scope > .prerendered")?.remove();
    else if (frames > 0) requestAnimationFrame(() => drop(frames - 1));
  };
  const observer = new MutationObserver(() => {
    if (!isReady(live)) return;
    observer.disconnect();
    live.removeAttribute(PENDING);
    // A live element made ready before Framework puts it in the page: wait a few frames for its slot.
    drop(60);
  });
  observer.observe(live, { childList: true, subtree: true });
  return live;
}
