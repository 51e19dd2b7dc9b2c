// Building DOM nodes from data. Text always goes in as text nodes (never innerHTML): what the
// server sends may quote the user's input and must not become markup.

export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

const append = (el: Element, children: (Child | Child[])[]): void => {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
};

const setAttrs = (el: Element, attrs: Attrs): void => {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
};

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
};

const SVG_NS = "http://www.w3.org/2000/svg";

export const s = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): SVGElementTagNameMap[K] => {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
};

export const pct = (x: number): string => x.toFixed(2);

/** A link to the knowledge base page of a responder or cause. */
export const kbLink = (id: string, text: string = id): HTMLAnchorElement => h("a", { href: `#/kb/${encodeURIComponent(id)}` }, text);
