// Layout checks for the browser tests: what overflows the screen or its card, which chart labels
// are cut by their chart or overlap each other. Run in the page after it has settled.
import type { Page } from "playwright-core";

// tsx and vite may compile with keepNames, which wraps named functions in `__name(…)`: a helper
// that does not exist in the page, where these functions run.
async function nameShim(page: Page): Promise<void> {
  await page.evaluate("globalThis.__name ??= (f) => f");
}

export interface Overflow {
  /** A short CSS-like path to the element, with its text when it has some. */
  element: string;
  /** "écran", "carte" or "graphique", and by how many pixels. */
  problem: string;
}

/**
 * Elements of the page's main content that stick out of the viewport, of their card (a
 * `.card`), or (SVG text) of their chart. An element inside a horizontal scroll container is
 * allowed to stick out of the screen only if that container itself fits the screen.
 */
export async function overflows(page: Page, tolerance = 1): Promise<Overflow[]> {
  await nameShim(page);
  return page.evaluate((tol) => {
    const width = document.documentElement.clientWidth;
    const main = document.querySelector("#observablehq-main") ?? document.body;
    const describe = (e: Element) => {
      const parts: string[] = [];
      for (let n: Element | null = e; n && n !== main && parts.length < 4; n = n.parentElement) {
        const cls = typeof n.className === "string" && n.className ? `.${n.className.trim().split(/\s+/)[0]}` : "";
        parts.unshift(`${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : cls}`);
      }
      const text = (e.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${parts.join(" > ")}${text ? ` « ${text} »` : ""}`;
    };
    const hidden = (e: Element) => {
      if (e.closest("details:not([open]) > :not(summary)")) return true;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return true;
      const style = getComputedStyle(e);
      return style.visibility === "hidden" || style.display === "none";
    };
    const scroller = (e: Element): Element | null => {
      for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
        const o = getComputedStyle(n).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return n;
      }
      return null;
    };
    const contentBox = (e: Element) => {
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const left = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.borderLeftWidth);
      const right = Number.parseFloat(style.paddingRight) + Number.parseFloat(style.borderRightWidth);
      return { left: r.left + left, right: r.right - right };
    };
    const found: { element: string; problem: string }[] = [];
    // Text itself, wherever it sits: a word that does not fit its card or the screen.
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest("svg, [aria-hidden=true]") || hidden(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      const card = parent.closest(".card");
      const box = scroller(parent);
      if (card) {
        const c = contentBox(card);
        if (r.right > c.right + tol || r.left < c.left - tol)
          found.push({ element: describe(parent), problem: `carte : texte qui dépasse de ${Math.round(Math.max(r.right - c.right, c.left - r.left))} px` });
      } else if (!box && (r.right > width + tol || r.left < -tol)) {
        found.push({ element: describe(parent), problem: `écran : texte qui dépasse de ${Math.round(Math.max(r.right - width, -r.left))} px` });
      }
    }
    for (const e of main.querySelectorAll("*")) {
      if (e.closest("svg") && e.tagName.toLowerCase() !== "text") continue;
      if (e.closest("[aria-hidden=true]") || hidden(e)) continue;
      const r = e.getBoundingClientRect();
      const box = scroller(e);
      const bounds = box ? box.getBoundingClientRect() : null;
      // Within a scroll container: the container must fit the screen; its content may scroll.
      const limit = bounds ? { left: Math.max(0, bounds.left), right: Math.min(width, bounds.right) } : { left: 0, right: width };
      if (bounds && (bounds.right > width + tol || bounds.left < -tol)) {
        found.push({ element: describe(box!), problem: `écran : conteneur défilant de ${Math.round(bounds.width)} px` });
        continue;
      }
      if (!bounds && (r.right > limit.right + tol || r.left < limit.left - tol)) {
        found.push({ element: describe(e), problem: `écran : dépasse de ${Math.round(Math.max(r.right - limit.right, limit.left - r.left))} px` });
        continue;
      }
      const card = e.parentElement?.closest(".card");
      if (card && !e.closest("svg")) {
        const c = contentBox(card);
        if (r.right > c.right + tol || r.left < c.left - tol)
          found.push({ element: describe(e), problem: `carte : dépasse de ${Math.round(Math.max(r.right - c.right, c.left - r.left))} px` });
      }
      if (e.tagName.toLowerCase() === "text") {
        const svg = (e as SVGElement).ownerSVGElement;
        // Plot's own tip and legend swatches are transient or separate; only chart labels count.
        if (!svg || e.closest("[aria-label=tip]")) continue;
        const s = svg.getBoundingClientRect();
        if (r.right > s.right + tol || r.left < s.left - tol || r.top < s.top - tol || r.bottom > s.bottom + tol)
          found.push({ element: describe(e), problem: "graphique : texte coupé par le bord du graphique" });
      }
    }
    // An element wider than its own box scrolls or is cut: a card, a table cell, a paragraph.
    for (const e of main.querySelectorAll(".card, .card *")) {
      if (hidden(e) || e.closest("svg")) continue;
      const style = getComputedStyle(e);
      if (style.overflowX !== "visible" && e.scrollWidth > e.clientWidth + tol)
        found.push({ element: describe(e), problem: `carte : contenu plus large que la carte de ${e.scrollWidth - e.clientWidth} px` });
    }
    return found;
  }, tolerance);
}

/** Text labels of Plot charts (outside the axes) that overlap another label of the same chart. */
export async function overlappingLabels(page: Page): Promise<string[]> {
  await nameShim(page);
  return page.evaluate(() => {
    const found: string[] = [];
    for (const svg of document.querySelectorAll("#observablehq-main svg[class^=plot-]")) {
      const labels = [...svg.querySelectorAll("g[aria-label=text] text")]
        .map((t) => ({ text: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }))
        .filter((t) => t.text && t.r.width > 0);
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i]!.r;
          const b = labels[j]!.r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) found.push(`${svg.getAttribute("aria-label")} : « ${labels[i]!.text} » et « ${labels[j]!.text} »`);
        }
      for (const axis of svg.querySelectorAll("g[aria-label$='-axis tick label']")) {
        const ticks = [...axis.querySelectorAll("text")].map((t) => ({ text: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }));
        for (let i = 1; i < ticks.length; i++) {
          const a = ticks[i - 1]!.r;
          const b = ticks[i]!.r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) found.push(`${svg.getAttribute("aria-label")}, axe : « ${ticks[i - 1]!.text} » et « ${ticks[i]!.text} »`);
        }
      }
    }
    return found;
  });
}
