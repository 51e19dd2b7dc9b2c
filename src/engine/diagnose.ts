// diagnose: ParsedInput → Report. The pure core of the pipeline:
// exchanges → signals → responder + ranked causes → report with evidence, fix and verify.
import type { Catalog } from "../knowledge/catalog.js";
import type { SignalDef } from "../knowledge/schema.js";
import type { Exchange, ParsedInput } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";
import type { EvidenceItem, Report, ReportCause } from "../model/report.js";
import { CAUSE_SUMMARY, RESPONDER_SUMMARY } from "../model/taxonomy.js";
import { extractSignals, type Evidence, type SignalHit } from "../signals/extract.js";
import { extractFacts } from "../signals/facts.js";
import { round2 } from "./confidence.js";
import { matchResponders, type ResponderMatch } from "./match-responders.js";
import { rankCauses, type RankedCause } from "./rank-causes.js";
import { fillTemplate, type Vars } from "./template.js";
import { HarDiagnosis } from "./har-diagnosis.js";

/** Statuses that are, or may hide, an authorization failure. */
export const DENIAL_STATUSES: ReadonlySet<number> = new Set([403, 401, 404, 406, 407, 429, 451]);
/**
 * Statuses that are a denial only when a layer says so: WAF CAPTCHA/challenge (405, 202) and
 * AWS JSON services that answer AccessDeniedException with 400.
 */
const DENIAL_IF_DECIDED: ReadonlySet<number> = new Set([400, 405, 202]);

export interface DiagnoseOptions {
  file: string;
  redacted?: string[];
  /** Multi-exchange inputs: list every denial. */
  all?: boolean;
}

/** One exchange diagnosed, before it is placed in a report. */
export interface ExchangeDiagnosis {
  exchange: Exchange;
  match: ResponderMatch;
  causes: RankedCause[];
  vars: Vars;
  hits: SignalHit[];
}

const lineIndex = (text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
};

const locate = (starts: number[], offset: number): { line: number; column: number } => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
};

const QUOTE_LIMIT = 240;

const evidenceKind = (e: Evidence, parsed: ParsedInput): EvidenceItem["signal"] => {
  if (e.source === "status") return "status";
  if (e.source === "probe") return "probe";
  if (e.source === "header" || e.source === "request-header" || e.source === "cookie") return parsed.kind === "har" ? "har" : "header";
  if (parsed.kind === "har") return "har";
  if (parsed.kind === "cli-error") return "cli";
  return e.source === "url" ? "header" : "body";
};

const toEvidence = (
  hit: SignalHit,
  role: EvidenceItem["role"],
  parsed: ParsedInput,
  starts: number[],
  detail: (s: SignalDef) => string,
): EvidenceItem[] => {
  const items = hit.evidence.filter((e) => e.source !== "kind" && e.source !== "method" && e.source !== "fact");
  // a status condition only scopes the signal; quote it when nothing else was matched
  const telling = items.filter((e) => e.source !== "status");
  const base = telling.length > 0 ? telling : items.length > 0 ? items.slice(0, 1) : hit.evidence.slice(0, 1);
  return base.slice(0, 2).map((e) => {
    const item: EvidenceItem = { signal: evidenceKind(e, parsed), signalId: hit.key, role, detail: detail(hit.signal) };
    if (e.name) item.name = e.name;
    item.text = e.text.length > QUOTE_LIMIT ? `${e.text.slice(0, QUOTE_LIMIT)}…` : e.text;
    if (e.offset !== undefined) {
      const { line, column } = locate(starts, e.offset);
      item.line = line;
      item.column = column;
      const lineStart = starts[line - 1]!;
      const lineEnd = parsed.text.indexOf("\n", lineStart);
      const quote = parsed.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
      item.quote = quote.length > QUOTE_LIMIT * 2 ? quote.slice(0, QUOTE_LIMIT * 2) : quote;
      item.length = Math.max(1, Math.min(e.length ?? e.text.length, quote.length - column + 1));
    }
    if (e.path) item.path = e.path;
    return item;
  });
};

/** Diagnoses one exchange: signals, responder, causes and the template values. */
export const diagnoseExchange = (x: Exchange, parsed: ParsedInput, catalog: Catalog): ExchangeDiagnosis => {
  const hits = extractSignals(x, parsed.kind, catalog);
  const match = matchResponders(hits, catalog);
  const causes = rankCauses(match, hits, catalog);
  const vars: Record<string, string> = { ...extractFacts(x) };
  // captures of any signal fill gaps; those of the signals that count override the generic facts
  for (const h of hits) for (const [k, val] of Object.entries(h.captures)) vars[k] ??= val;
  for (const h of [...match.hits, ...causes.flatMap((c) => c.for)]) Object.assign(vars, h.captures);
  vars.responder = catalog.responders.get(match.decider)?.name ?? match.decider;
  return { exchange: x, match, causes, vars, hits };
};

const unique = (xs: string[]): string[] => [...new Set(xs)];

const buildCause = (
  d: ExchangeDiagnosis,
  r: RankedCause,
  ranked: RankedCause[],
  parsed: ParsedInput,
  starts: number[],
  catalog: Catalog,
): ReportCause => {
  const entry = catalog.causes.get(r.id);
  const specific = catalog.responders.get(d.match.decider)?.causes[r.id];
  const fill = (s: string) => fillTemplate(s, d.vars);
  const title = fill(specific?.title ?? entry?.title ?? CAUSE_SUMMARY[r.id]);
  const nextSteps: string[] = [];
  if (entry) nextSteps.push(fill(entry.separate));
  // the checks that confirm it from configuration or credentials: the cause's, then each layer's in the chain
  const layers = new Set([d.match.decider, ...d.match.chain.map((c) => c.id)]);
  for (const check of [...(entry?.checks ?? []), ...[...layers].flatMap((id) => catalog.responders.get(id)?.checks ?? [])]) nextSteps.push(fill(check));
  const runnerUp = ranked.find((c) => c.id !== r.id);
  if (ranked[0]?.id === r.id && runnerUp && runnerUp.confidence >= r.confidence * 0.5) {
    const other = catalog.causes.get(runnerUp.id);
    if (other) nextSteps.push(`To tell it from ${runnerUp.id}: ${fill(other.separate)}`);
  }
  return {
    id: r.id,
    confidence: round2(r.confidence),
    title,
    why: fill(specific?.note ?? entry?.why ?? CAUSE_SUMMARY[r.id]),
    evidence: r.for.flatMap((h) => toEvidence(h, "for", parsed, starts, (s) => s.detail)),
    against: r.against.flatMap((h) => toEvidence(h, "against", parsed, starts, (s) => s.detail)),
    // the responder's own advice is more concrete; the generic one stands in when it has none
    fix: unique((specific?.fix ?? entry?.fix ?? []).map(fill)),
    verify: unique((specific?.verify ?? entry?.verify ?? []).map(fill)),
    nextSteps: unique(nextSteps),
  };
};

export const fillReport = (report: Report, diagnosis: ExchangeDiagnosis, parsed: ParsedInput, catalog: Catalog): void => {
  // the input's name fills {file} in the commands offered as next steps
  const d: ExchangeDiagnosis = { ...diagnosis, vars: { ...diagnosis.vars, file: report.file } };
  const starts = lineIndex(parsed.text);
  const entry = catalog.responders.get(d.match.decider);
  const x = d.exchange;
  if (x.response.status !== undefined) report.status = x.response.status;
  report.statusSource = x.response.statusSource;
  if (x.request?.method || x.request?.url) {
    report.request = {};
    if (x.request.method) report.request.method = x.request.method;
    if (x.request.url) report.request.url = x.request.url;
  }
  report.responder = {
    id: d.match.decider,
    name: entry?.name ?? RESPONDER_SUMMARY[d.match.decider],
    confidence: round2(d.match.confidence),
    evidence: d.match.hits.flatMap((h) => toEvidence(h, d.match.guessed ? "presence" : "decision", parsed, starts, (s) => s.detail)),
  };
  // presence evidence of the other layers helps the reader see the chain
  for (const s of d.match.scores) {
    if (s.id === d.match.decider) continue;
    for (const h of s.presenceHits.slice(0, 1)) report.responder.evidence.push(...toEvidence(h, "presence", parsed, starts, (sig) => `${s.id}: ${sig.detail}`));
  }
  report.chain = d.match.chain;
  report.causes = d.causes.map((r) => buildCause(d, r, d.causes, parsed, starts, catalog));
  if (x.response.statusSource === "assumed") report.notes.push("no status line or status code in the input: read as the body of a 403");
  if (x.request?.sanitised) {
    report.notes.push("the HAR has no Authorization or Cookie headers; DevTools removes them on export, so it cannot show whether credentials were sent");
  }
};

export const emptyReport = (parsed: ParsedInput, opts: DiagnoseOptions): Report => ({
  schemaVersion: 1,
  file: opts.file,
  inputKind: parsed.kind,
  responder: { id: "unknown", name: "unknown", confidence: 0, evidence: [] },
  chain: [],
  causes: [],
  redacted: opts.redacted ?? [],
  notes: [...parsed.notes],
});

/** A status that is, or may hide, an authorization failure. */
export const isDenialStatus = (status: number): boolean => DENIAL_STATUSES.has(status);
/** A status that is a denial only when a layer's own signal says so. */
export const mayBeDecidedDenialStatus = (status: number): boolean => DENIAL_IF_DECIDED.has(status);
export const isDenial = (x: Exchange): boolean => x.response.status !== undefined && isDenialStatus(x.response.status);
export const mayBeDecidedDenial = (x: Exchange): boolean => x.response.status !== undefined && mayBeDecidedDenialStatus(x.response.status);

/** The report for a parsed input: one diagnosis, or for many exchanges the groups of them. */
export const diagnoseParsed = (parsed: ParsedInput, catalog: Catalog, opts: DiagnoseOptions): Report => {
  if (parsed.kind === "har") {
    const har = new HarDiagnosis(catalog, { file: opts.file, notes: parsed.notes, ...(opts.all ? { all: true } : {}) });
    for (const x of parsed.exchanges) har.add(x);
    return har.finish(opts.redacted ?? []);
  }
  const decidedDenials = parsed.exchanges
    .filter(mayBeDecidedDenial)
    .map((x) => diagnoseExchange(x, parsed, catalog))
    .filter((d) => !d.match.guessed && d.match.decider !== "unknown" && (d.causes[0]?.for.length ?? 0) > 0);
  const denials = [...parsed.exchanges.filter(isDenial), ...decidedDenials.map((d) => d.exchange)].sort((a, b) => a.index - b.index);
  if (denials.length === 0) {
    const statuses = unique(parsed.exchanges.map((x) => String(x.response.status ?? "none")));
    throw new WhyError("NO_DENIAL", `the input holds no 403 or neighbour status (statuses seen: ${statuses.join(", ")})`);
  }
  const report = emptyReport(parsed, opts);
  const early = new Map(decidedDenials.map((d) => [d.exchange, d]));
  const diagnosed = denials.map((x) => early.get(x) ?? diagnoseExchange(x, parsed, catalog));
  // a redirect chain or a retried request: explain the last 403, else the last neighbour
  const last = [...diagnosed].reverse().find((d) => d.exchange.response.status === 403) ?? diagnosed[diagnosed.length - 1]!;
  fillReport(report, last, parsed, catalog);
  return report;
};
