// A labelled native <select> of editions (latest first). Its value is the edition id; it keeps
// ?edition=… in the address so that a chapter opened from a link shows the same edition.

export interface EditionOption {
  edition: string;
  label: string;
}

let counter = 0;

export function editionSelect(
  editions: readonly EditionOption[],
  { value, label = "Édition" }: { value?: string; label?: string } = {},
): HTMLDivElement & { value: string } {
  const ids = editions.map((e) => e.edition);
  const fromUrl = new URLSearchParams(location.search).get("edition");
  const initial = fromUrl && ids.includes(fromUrl) ? fromUrl : value && ids.includes(value) ? value : ids[ids.length - 1]!;
  const root = document.createElement("div") as HTMLDivElement & { value: string };
  root.className = "edition-select";
  const id = `edition-select-${++counter}`;
  const l = document.createElement("label");
  l.htmlFor = id;
  l.textContent = label;
  const select = document.createElement("select");
  select.id = id;
  for (const e of [...editions].reverse()) {
    const option = document.createElement("option");
    option.value = e.edition;
    option.textContent = e.label;
    select.append(option);
  }
  select.value = initial;
  select.addEventListener("input", () => {
    const url = new URL(location.href);
    url.searchParams.set("edition", select.value);
    history.replaceState(history.state, "", url);
  });
  Object.defineProperty(root, "value", {
    get: () => select.value,
    set: (v: string) => {
      select.value = v;
    },
  });
  root.append(l, select);
  return root;
}
