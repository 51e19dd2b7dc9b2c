// Findings → the standard Report. Title, why, fix and verify come from the catalog (the
// service's own advice first, then the cause entry), filled with the values the checks read;
// each finding adds its concrete change in front.
import { round2 } from "../engine/confidence.js";
import { fillTemplate } from "../engine/template.js";
import type { Catalog } from "../knowledge/catalog.js";
import type { CheckInputKind, ChainLink, EvidenceItem, Report, ReportCause, ReportInspected } from "../model/report.js";
import { CAUSE_SUMMARY, RESPONDER_SUMMARY, type CauseId, type ResponderId } from "../model/taxonomy.js";
import type { Redactor } from "../redact/redactor.js";
import type { CheckRun, Finding } from "./finding.js";

export interface CheckReportInput {
  file: string;
  inputKind: CheckInputKind;
  /** The service whose configuration was read: its catalog advice is used first. */
  service: ResponderId;
  request?: { method?: string; url?: string };
  run: CheckRun;
  vars: Record<string, string>;
  /** Hides secrets in every text that reaches the report (header lines, URLs, token shapes). */
  redactor: Redactor;
  inspected?: ReportInspected[];
}

const unique = (xs: string[]): string[] => [...new Set(xs.filter((x) => x.trim() !== ""))];

const evidenceOf = (f: Finding): EvidenceItem => ({
  signal: "config",
  signalId: f.check,
  role: "for",
  detail: f.detail,
  text: f.value,
  path: f.path,
  configPath: f.path,
});

/** Several findings of one cause become one report cause with all their evidence. */
const groupByCause = (findings: readonly Finding[]): Finding[][] => {
  const groups = new Map<CauseId, Finding[]>();
  for (const f of [...findings].sort((a, b) => b.confidence - a.confidence)) {
    const g = groups.get(f.cause) ?? [];
    g.push(f);
    groups.set(f.cause, g);
  }
  return [...groups.values()];
};

const causeOf = (group: Finding[], service: ResponderId, baseVars: Record<string, string>, catalog: Catalog): ReportCause => {
  const top = group[0]!;
  const vars = { ...baseVars, ...Object.assign({}, ...group.map((f) => f.vars ?? {})) as Record<string, string> };
  const fill = (s: string) => fillTemplate(s, vars);
  const entry = catalog.causes.get(top.cause);
  const specific = catalog.responders.get(service)?.causes[top.cause] ?? catalog.responders.get(top.decider)?.causes[top.cause];
  // independent findings of one cause add up (noisy-or), never past the strongest plus the rest
  const confidence = 1 - group.reduce((acc, f) => acc * (1 - f.confidence), 1);
  return {
    id: top.cause,
    confidence: round2(Math.min(0.99, confidence)),
    title: fill(specific?.title ?? entry?.title ?? CAUSE_SUMMARY[top.cause]),
    why: fill(specific?.note ?? entry?.why ?? CAUSE_SUMMARY[top.cause]),
    evidence: group.map(evidenceOf),
    against: [],
    fix: unique([...group.flatMap((f) => f.fix ?? []), ...(specific?.fix ?? entry?.fix ?? [])].map(fill)),
    verify: unique([...group.flatMap((f) => f.verify ?? []), ...(specific?.verify ?? entry?.verify ?? [])].map(fill)),
    nextSteps: unique(group.flatMap((f) => f.nextSteps ?? []).map(fill)),
  };
};

const chainOf = (service: ResponderId, decider: ResponderId): ChainLink[] =>
  decider === service ? [{ id: service, role: "decision" }] : [{ id: service, role: "presence" }, { id: decider, role: "decision" }];

const redactFinding = (f: Finding, redact: (s: string) => string): Finding => ({
  ...f,
  value: redact(f.value),
  detail: redact(f.detail),
  ...(f.fix ? { fix: f.fix.map(redact) } : {}),
  ...(f.verify ? { verify: f.verify.map(redact) } : {}),
  ...(f.nextSteps ? { nextSteps: f.nextSteps.map(redact) } : {}),
});

export const buildCheckReport = (input: CheckReportInput, catalog: Catalog): Report => {
  const redact = (s: string) => input.redactor.rawText(s);
  const groups = groupByCause(input.run.findings.map((f) => redactFinding(f, redact)));
  const causes = groups.map((g) => causeOf(g, input.service, input.vars, catalog)).sort((a, b) => b.confidence - a.confidence);
  const topFinding = groups.find((g) => g[0]!.cause === causes[0]?.id)?.[0];
  const decider: ResponderId = topFinding?.decider ?? "unknown";
  const report: Report = {
    schemaVersion: 1,
    file: input.file,
    inputKind: input.inputKind,
    // the checks explain why this request would be refused: a 403 is what they are about
    status: 403,
    statusSource: "assumed",
    responder: {
      id: decider,
      name: catalog.responders.get(decider)?.name ?? RESPONDER_SUMMARY[decider],
      confidence: topFinding ? round2(topFinding.confidence) : 0,
      evidence: topFinding ? [{ ...evidenceOf(topFinding), role: "decision" }] : [],
    },
    chain: topFinding ? chainOf(input.service, decider) : [],
    causes,
    redacted: [],
    notes: input.run.notes.map(redact),
    checks: input.run.checks.map((c) => ({ ...c, detail: redact(c.detail) })),
  };
  if (input.request && (input.request.method || input.request.url)) report.request = { ...input.request };
  if (input.inspected && input.inspected.length > 0) {
    report.inspected = input.inspected.map((i) => ({ kind: i.kind, fields: Object.fromEntries(Object.entries(i.fields).map(([k, v]) => [k, redact(v)])) }));
  }
  if (!topFinding) report.notes.push("no check found a cause for a 403 in this configuration");
  report.redacted = input.redactor.redacted;
  return report;
};
