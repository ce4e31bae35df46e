// @vitest-environment jsdom
// The page typesetter: every text node drawn in the page gets French spacing, code stays as written,
// data text stays text (never parsed as HTML).
import { describe, expect, it } from "vitest";
import { typeset, typesetPage, typographyFaults } from "../docs/components/typography.js";

const show = (s: string | null) => (s ?? "").replace(/\u202f/g, "⍽").replace(/\u00a0/g, "_");

describe("typeset", () => {
  it("spaces prose, leaves code and markup alone", () => {
    const div = document.createElement("div");
    div.innerHTML = `<p>Attention : « Ressources Humaines » ; 12 M€</p><code>a ? b : c</code><pre>x ; y</pre><td><a href="https://x.org/?a=1">lien : ici</a></td>`;
    typeset(div);
    expect(show(div.querySelector("p")!.textContent)).toBe("Attention⍽: «⍽Ressources Humaines⍽»⍽; 12_M€");
    expect(div.querySelector("code")!.textContent).toBe("a ? b : c");
    expect(div.querySelector("pre")!.textContent).toBe("x ; y");
    expect(show(div.querySelector("a")!.textContent)).toBe("lien⍽: ici");
    expect(div.querySelector("a")!.getAttribute("href")).toBe("https://x.org/?a=1");
  });

  it("leaves the Atelier's query results as stored", () => {
    const div = document.createElement("div");
    div.innerHTML = `<div class="sql-editor"><table><tr><td>É, é &amp; ?</td></tr></table></div><p>Oui ?</p>`;
    typeset(div);
    expect(div.querySelector("td")!.textContent).toBe("É, é & ?");
    expect(show(div.querySelector("p")!.textContent)).toBe("Oui⍽?");
  });

  it("binds « n° » to its number", () => {
    const p = document.createElement("p");
    p.textContent = "mars 2019 (n° 8)";
    typeset(p);
    expect(show(p.textContent)).toBe("mars 2019 (n°_8)");
  });

  it("keeps data text as text", () => {
    const p = document.createElement("p");
    p.textContent = "<b>gras</b> : non";
    typeset(p);
    expect(p.children).toHaveLength(0);
    expect(show(p.textContent)).toBe("<b>gras</b>⍽: non");
  });
});

describe("typesetPage", () => {
  it("spaces the text drawn after it starts, and text changed later", async () => {
    document.body.innerHTML = "<main><p>Déjà là : oui</p></main>";
    typesetPage(document);
    const main = document.querySelector("main")!;
    expect(typographyFaults(main.textContent!)).toEqual([]);
    const added = document.createElement("p");
    added.textContent = "Ajouté ensuite ; « citation » ?";
    main.append(added);
    const text = main.querySelector("p")!.firstChild as Text;
    text.nodeValue = "Changé : oui";
    await new Promise((r) => setTimeout(r, 0));
    expect(show(added.textContent)).toBe("Ajouté ensuite⍽; «⍽citation⍽»⍽?");
    expect(show(text.nodeValue)).toBe("Changé⍽: oui");
  });
});
