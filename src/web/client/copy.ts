// A copy button for a command or a fix; says "Copied" where screen readers hear it.
import { h } from "./dom.js";

const copyText = async (text: string): Promise<void> => {
  if (navigator.clipboard) return navigator.clipboard.writeText(text);
  // no Clipboard API (an old browser): copy through a selected, off-screen textarea
  const area = h("textarea", { class: "offscreen", "aria-hidden": "true" }, text);
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
};

export const copyButton = (text: string, what: string): HTMLSpanElement => {
  const status = h("span", { class: "copy-status", role: "status" });
  const button = h("button", { type: "button", class: "copy", "aria-label": `Copy ${what}` }, "Copy");
  button.addEventListener("click", () => {
    copyText(text).then(
      () => (status.textContent = "Copied"),
      () => (status.textContent = "Copy failed: select the text instead"),
    );
    setTimeout(() => (status.textContent = ""), 2500);
  });
  return h("span", { class: "copy-wrap" }, button, status);
};

/** A list item holding a command or instruction and its copy button. */
export const copyItem = (text: string, what: string): HTMLLIElement => h("li", {}, h("code", { class: "copyable" }, text), " ", copyButton(text, what));
