// The knowledge base: a searchable index of every responder and cause, and each one's page.
import type { ExplainIndexEntry, ExplainPage, CausePage, ResponderPage } from "../../knowledge/explain-page.js";
import { getJson } from "./api.js";
import { copyItem } from "./copy.js";
import { h, kbLink } from "./dom.js";

const list = (title: string, items: (string | Node)[]): HTMLElement[] =>
  items.length === 0 ? [] : [h("h3", {}, title), h("ul", {}, items.map((i) => h("li", {}, i)))];

const sourceLink = (url: string): HTMLAnchorElement => h("a", { href: url, rel: "noreferrer noopener external" }, url);

const causeSection = (c: CausePage): HTMLElement =>
  h(
    "section",
    { class: "kb-page", "aria-labelledby": `kb-${c.id}-cause` },
    h("h2", { id: `kb-${c.id}-cause`, tabindex: -1 }, h("code", {}, c.id), ` — ${c.summary}`),
    h("h3", {}, "What it means"),
    h("p", {}, c.whatItMeans),
    ...list("How to tell", c.howToTell),
    h("h3", {}, "What to change"),
    h("ul", { class: "steps" }, c.fix.map((f, i) => copyItem(f, `fix ${i + 1}`))),
    h("h3", {}, "How to verify"),
    h("ul", { class: "steps" }, c.verify.map((v, i) => copyItem(v, `verify step ${i + 1}`))),
    h("h3", {}, "The experiment that separates it"),
    h("p", {}, c.separate),
    ...list("Common mistakes", c.mistakes),
    ...list("Seen from", c.seenFrom.map((id) => kbLink(id))),
    ...list("Sources", c.sources.map(sourceLink)),
  );

const responderSection = (r: ResponderPage): HTMLElement =>
  h(
    "section",
    { class: "kb-page", "aria-labelledby": `kb-${r.id}-responder` },
    h("h2", { id: `kb-${r.id}-responder`, tabindex: -1 }, h("code", {}, r.id), ` — ${r.name}`),
    h("p", { class: "lead" }, r.summary),
    h("h3", {}, "What it is"),
    h("p", {}, r.whatItIs),
    ...list("How to tell it wrote the 403", r.howToTell),
    ...list("Decision signals", r.decisionSignals),
    ...list("Presence signals (in the path, did not decide)", r.presenceSignals),
    ...list("Causes it produces, most common first", r.causes.map((c) => h("span", {}, kbLink(c.id), ` (prior ${c.prior.toFixed(2)})`, c.note ? ` — ${c.note}` : ""))),
    ...list("Sources", r.sources.map(sourceLink)),
  );

export const kbPageView = async (id: string): Promise<HTMLElement> => {
  const page = await getJson<ExplainPage>(`api/kb/${encodeURIComponent(id)}`);
  return h(
    "div",
    { class: "kb", "data-testid": "kb-page" },
    h("p", {}, h("a", { href: "#/kb" }, "← Knowledge base")),
    page.responder ? responderSection(page.responder) : null,
    page.cause ? causeSection(page.cause) : null,
  );
};

let index: Promise<ExplainIndexEntry[]> | undefined;

export const kbIndexView = async (): Promise<HTMLElement> => {
  index ??= getJson<ExplainIndexEntry[]>("api/kb");
  const entries = await index;
  const search = h("input", { type: "search", id: "kb-search", autocomplete: "off", "aria-describedby": "kb-count" });
  const count = h("p", { id: "kb-count", role: "status", "aria-live": "polite" });
  const item = (e: ExplainIndexEntry): HTMLLIElement =>
    h("li", { "data-id": e.id, "data-text": `${e.id} ${e.name} ${e.summary}`.toLowerCase() }, kbLink(e.id, e.type === "responder" ? `${e.id} (${e.name})` : e.id), ` — ${e.summary}`);
  const responders = h("ul", { class: "kb-list", "aria-label": "Responders" }, entries.filter((e) => e.type === "responder").map(item));
  const causes = h("ul", { class: "kb-list", "aria-label": "Causes" }, entries.filter((e) => e.type === "cause").map(item));
  const filter = (): void => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const li of [...responders.children, ...causes.children] as HTMLElement[]) {
      const hit = words.every((w) => (li.dataset.text ?? "").includes(w));
      li.hidden = !hit;
      if (hit) shown++;
    }
    count.textContent = `${shown} of ${entries.length} shown`;
  };
  search.addEventListener("input", filter);
  filter();
  return h(
    "div",
    { class: "kb", "data-testid": "kb-index" },
    h("h1", { tabindex: -1 }, "Knowledge base"),
    h("p", { class: "lead" }, "Every layer that writes 403s (responders) and every reason (causes), with how to tell, what to change and how to verify."),
    h("label", { for: "kb-search" }, "Search responders and causes"),
    search,
    count,
    h("h2", {}, "Responders: who said no"),
    responders,
    h("h2", {}, "Causes: why"),
    causes,
  );
};
