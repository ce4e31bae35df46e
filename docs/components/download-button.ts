// A button that builds a file in the browser when clicked (nothing is computed before) and saves it.

export function downloadButton(label: string, filename: string | (() => string), build: () => BlobPart | Promise<BlobPart>, type: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download-button";
  button.textContent = label;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const url = URL.createObjectURL(new Blob([await build()], { type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = typeof filename === "function" ? filename() : filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
