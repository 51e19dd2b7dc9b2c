// The page: a hash router over the diagnose view and the knowledge base.
import { h } from "./dom.js";
import { diagnoseView } from "./diagnose-view.js";
import { kbIndexView, kbPageView } from "./kb-view.js";

let diagnose: HTMLElement | undefined;

const route = async (): Promise<void> => {
  const hash = location.hash || "#/";
  // "#main" and other in-page anchors are not routes
  if (!hash.startsWith("#/")) return;
  const main = document.getElementById("main")!;
  const path = hash.slice(2);
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a[data-nav]")) {
    const current = (a.dataset.nav === "kb") === path.startsWith("kb");
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    if (path === "" || path === "diagnose") {
      // the diagnose view keeps its input and result when the user comes back to it
      diagnose ??= diagnoseView();
      main.replaceChildren(diagnose);
      return;
    }
    if (path === "kb") main.replaceChildren(await kbIndexView());
    else if (path.startsWith("kb/")) main.replaceChildren(await kbPageView(decodeURIComponent(path.slice(3))));
    else main.replaceChildren(h("p", {}, "No such page. ", h("a", { href: "#/" }, "Back to Diagnose")));
    main.querySelector<HTMLElement>("h1[tabindex], h2[tabindex]")?.focus();
  } catch (e) {
    main.replaceChildren(h("p", { class: "error", role: "alert" }, `Could not load this page: ${(e as Error).message}`));
  }
};

// a file dropped outside the drop zone must not replace the page
for (const ev of ["dragover", "drop"]) document.addEventListener(ev, (e) => e.preventDefault());
window.addEventListener("hashchange", () => void route());
void route();
