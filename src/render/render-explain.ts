// The knowledge page of a cause or responder, from the catalog entry itself.
import type { CauseEntry, ResponderEntry } from "../knowledge/schema.js";
import { CAUSE_SUMMARY, RESPONDER_SUMMARY } from "../model/taxonomy.js";
import { fillTemplate } from "../engine/template.js";
import { paintFor } from "./style.js";

const section = (title: string, lines: string[], bold: (s: string) => string): string[] =>
  lines.length === 0 ? [] : ["", bold(title), ...lines.map((l) => `  - ${l}`)];

/** Templates on an explain page show their placeholders as <name>. */
const plain = (s: string): string => fillTemplate(s, {});

export const renderCausePage = (c: CauseEntry, usedBy: string[], color: boolean): string => {
  const p = paintFor(color);
  const b = (s: string) => p("bold", s);
  const out = [
    b(`${c.id} — ${CAUSE_SUMMARY[c.id]}`),
    "",
    "What it means",
    `  ${plain(c.why)}`,
    ...section("How to tell", c.signals.map((s) => s.detail), b),
    ...section("What to change", c.fix.map(plain), b),
    ...section("How to verify", c.verify.map(plain), b),
    "",
    b("The experiment that separates it"),
    `  ${plain(c.separate)}`,
    ...section("Common mistakes", c.mistakes, b),
    ...section("Seen from", usedBy, b),
    ...section("Sources", c.sources, b),
  ];
  return out.join("\n") + "\n";
};

export const renderResponderPage = (r: ResponderEntry, color: boolean): string => {
  const p = paintFor(color);
  const b = (s: string) => p("bold", s);
  const causes = Object.entries(r.causes)
    .sort((a, b2) => (b2[1]?.prior ?? 0) - (a[1]?.prior ?? 0))
    .map(([id, rc]) => `${id} (prior ${(rc?.prior ?? 0).toFixed(2)})`);
  const out = [
    b(`${r.id} — ${r.name}`),
    `  ${RESPONDER_SUMMARY[r.id]}`,
    "",
    b("What it is"),
    `  ${r.summary}`,
    ...section("How to tell it wrote the 403", r.howToTell, b),
    ...section("Decision signals", r.signals.filter((s) => s.role === "decision").map((s) => s.detail), b),
    ...section("Presence signals (in the path, did not decide)", r.signals.filter((s) => s.role === "presence").map((s) => s.detail), b),
    ...section("Causes it produces (most common first)", causes, b),
    ...section("Sources", r.sources, b),
  ];
  return out.join("\n") + "\n";
};
