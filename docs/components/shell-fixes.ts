// Fixes to Framework 1.13's page shell, run in every page as elements are parsed or drawn, in
// preview and build alike (observablehq.config.ts inlines this file, compiled, in <head>).
// Framework has no `lang` option (scripts/finalize-build.js also writes <html lang="fr"> and the
// labels into the built pages); the sidebar toggle is a checkbox with only a title; the sidebar's
// close label is a <label> directly in an <ol>, a mouse-only duplicate of the toggle; code blocks
// scroll but take no keyboard focus; Plot 0.6's mark groups are <g aria-label>, not allowed
// without a role.

const TITLED = "#observablehq-sidebar-toggle, label[for='observablehq-sidebar-toggle']";

/** Framework's English title of the sidebar toggle, in French: « Toggle sidebar ⌘B » → « Afficher ou masquer le menu (⌘B) ». */
export function frenchToggleTitle(title: string): string | null {
  const match = /^Toggle sidebar(?: (.+))?$/.exec(title);
  return match ? `Afficher ou masquer le menu${match[1] ? ` (${match[1]})` : ""}` : null;
}

function retitle(e: Element): void {
  const title = frenchToggleTitle(e.getAttribute("title") ?? "");
  if (title !== null) e.setAttribute("title", title);
}

const FIXES: readonly [selector: string, apply: (e: Element) => void][] = [
  ["#observablehq-sidebar-toggle:not([aria-label])", (e) => e.setAttribute("aria-label", "Afficher le menu")],
  [TITLED, retitle],
  ["#observablehq-sidebar-close:not([aria-hidden]), #observablehq-sidebar-backdrop:not([aria-hidden])", (e) => e.setAttribute("aria-hidden", "true")],
  [
    "#observablehq-search input:not([aria-label])",
    (e) => {
      e.setAttribute("placeholder", "Rechercher");
      e.setAttribute("aria-label", "Rechercher dans le site");
    },
  ],
  ["#observablehq-main pre:not([tabindex])", (e) => e.setAttribute("tabindex", "0")],
  ["svg g[aria-label]:not([role])", (e) => e.setAttribute("role", "group")],
];

function fix(node: Element): void {
  for (const [selector, apply] of FIXES) {
    if (node.matches(selector)) apply(node);
    for (const e of node.querySelectorAll(selector)) apply(e);
  }
}

/** Applies the fixes now and to every element added later; Framework's client script retitles the toggle in English, with the shortcut. */
export function fixShell(doc: Document): void {
  doc.documentElement.lang = "fr";
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") {
        if (record.target instanceof Element && record.target.matches(TITLED)) retitle(record.target);
      } else for (const node of record.addedNodes) if (node instanceof Element) fix(node);
    }
  }).observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["title"] });
  fix(doc.documentElement);
}
