// The knowledge page of a cause or responder (see knowledge/explain-page.ts) as terminal text
// and as Markdown (SARIF rule help, issue comments).
import type { CausePage, ResponderPage } from "../knowledge/explain-page.js";
import { paintFor } from "./style.js";

const section = (title: string, lines: string[], bold: (s: string) => string): string[] =>
  lines.length === 0 ? [] : ["", bold(title), ...lines.map((l) => `  - ${l}`)];

const causeLine = (c: ResponderPage["causes"][number]): string => `${c.id} (prior ${c.prior.toFixed(2)})`;

export const renderCausePage = (c: CausePage, color: boolean): string => {
  const p = paintFor(color);
  const b = (s: string) => p("bold", s);
  const out = [
    b(`${c.id} — ${c.summary}`),
    "",
    "What it means",
    `  ${c.whatItMeans}`,
    ...section("How to tell", c.howToTell, b),
    ...section("What to change", c.fix, b),
    ...section("How to verify", c.verify, b),
    "",
    b("The experiment that separates it"),
    `  ${c.separate}`,
    ...section("Common mistakes", c.mistakes, b),
    ...section("Seen from", c.seenFrom, b),
    ...section("Sources", c.sources, b),
  ];
  return out.join("\n") + "\n";
};

export const renderResponderPage = (r: ResponderPage, color: boolean): string => {
  const p = paintFor(color);
  const b = (s: string) => p("bold", s);
  const out = [
    b(`${r.id} — ${r.name}`),
    `  ${r.summary}`,
    "",
    b("What it is"),
    `  ${r.whatItIs}`,
    ...section("How to tell it wrote the 403", r.howToTell, b),
    ...section("Decision signals", r.decisionSignals, b),
    ...section("Presence signals (in the path, did not decide)", r.presenceSignals, b),
    ...section("Causes it produces (most common first)", r.causes.map(causeLine), b),
    ...section("Sources", r.sources, b),
  ];
  return out.join("\n") + "\n";
};

const mdList = (title: string, lines: string[]): string[] => (lines.length === 0 ? [] : [`### ${title}`, "", ...lines.map((l) => `- ${l}`), ""]);

/** A cause page as Markdown: the help of a SARIF rule. */
export const renderCausePageMarkdown = (c: CausePage): string =>
  [
    `## \`${c.id}\` — ${c.summary}`,
    "",
    "### What it means",
    "",
    c.whatItMeans,
    "",
    ...mdList("How to tell", c.howToTell),
    ...mdList("What to change", c.fix),
    ...mdList("How to verify", c.verify),
    "### The experiment that separates it",
    "",
    c.separate,
    "",
    ...mdList("Common mistakes", c.mistakes),
    ...mdList("Seen from", c.seenFrom.map((id) => `\`${id}\``)),
    ...mdList("Sources", c.sources.map((s) => `<${s}>`)),
  ].join("\n");
