// Plot 0.6 puts aria-label on its mark groups (<g aria-label="bar">) without a role, which ARIA
// does not allow on a generic element: give them role="group", now and whenever Plot redraws a
// mark (the tips are redrawn on pointer moves).

function fix(root: ParentNode): void {
  for (const g of root.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
}

export function accessible<T extends Element>(chart: T): T {
  fix(chart);
  new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes)
        if (node instanceof Element) {
          if (node.matches("g[aria-label]:not([role])")) node.setAttribute("role", "group");
          fix(node);
        }
  }).observe(chart, { childList: true, subtree: true });
  return chart;
}
