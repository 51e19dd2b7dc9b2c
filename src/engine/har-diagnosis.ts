// HarDiagnosis: the report of a many-exchange input built one exchange at a time, so that a
// HAR of any size is diagnosed in bounded memory. Denials are diagnosed as they arrive and
// grouped by (responder, cause, status); only each group's representative is kept whole.
import type { Catalog } from "../knowledge/catalog.js";
import type { Exchange, ParsedInput } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";
import type { FlowStep, Report, ReportDenial, ReportGroup } from "../model/report.js";
import { round2 } from "./confidence.js";
import { diagnoseExchange, isDenial, isDenialStatus, emptyReport, fillReport, mayBeDecidedDenial, mayBeDecidedDenialStatus, type ExchangeDiagnosis } from "./diagnose.js";

export interface HarDiagnosisOptions {
  file: string;
  /** List every denial in `denials`. */
  all?: boolean;
  /** Notes of the input (e.g. "the HAR looks sanitised"). */
  notes?: string[];
  /**
   * Redaction, applied only to what is diagnosed or shown: the exchanges that are denials and
   * the URLs of the steps before them. Most entries of a HAR are neither, and are not scanned.
   */
  redactExchange?: (x: Exchange) => Exchange;
  redactText?: (s: string) => string;
}

/** What is remembered of a recent entry to follow redirects and preflights back. */
interface RecentEntry {
  entry: number;
  method?: string;
  url?: string;
  status?: number;
  redirectTo?: string;
}

const RECENT = 64;
const URLS_PER_GROUP = 10;
const MAX_HOPS = 10;

const sameUrl = (a: string | undefined, b: string | undefined): boolean => {
  if (!a || !b) return false;
  return a.split("#")[0] === b.split("#")[0];
};

const resolve = (target: string, base: string | undefined): string => {
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
};

const step = (r: RecentEntry, relation: FlowStep["relation"], redact: (s: string) => string): FlowStep => ({
  entry: r.entry,
  relation,
  ...(r.method ? { method: r.method } : {}),
  ...(r.url ? { url: redact(r.url) } : {}),
  ...(r.status !== undefined ? { status: r.status } : {}),
});

const same = (s: string): string => s;

const statusCounts = (counts: Map<string, number>): string =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s}×${n}`)
    .join(", ");

export class HarDiagnosis {
  private readonly recent: RecentEntry[] = [];
  private readonly groups = new Map<string, { g: ReportGroup; rep: ExchangeDiagnosis; flow: FlowStep[] }>();
  private readonly denials: ReportDenial[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly parsed: ParsedInput;
  exchanges = 0;
  status403 = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly opts: HarDiagnosisOptions,
  ) {
    this.parsed = { kind: "har", text: "", exchanges: [], notes: [...(opts.notes ?? [])] };
  }

  /** The redirects and preflight that led to an entry, oldest first, from the recent entries. */
  private flowOf(x: Exchange): FlowStep[] {
    const before: FlowStep[] = [];
    let url = x.request?.url;
    for (let hops = 0, i = this.recent.length - 1; hops < MAX_HOPS && i >= 0; i--) {
      const r = this.recent[i]!;
      if (r.status === undefined || r.status < 300 || r.status > 399 || !r.redirectTo) continue;
      if (!sameUrl(resolve(r.redirectTo, r.url), url)) continue;
      before.unshift(step(r, "redirect", this.opts.redactText ?? same));
      url = r.url;
      hops++;
    }
    if (x.request?.method && x.request.method !== "OPTIONS") {
      const pre = [...this.recent].reverse().find((r) => r.method === "OPTIONS" && sameUrl(r.url, x.request?.url));
      if (pre) before.push(step(pre, "preflight", this.opts.redactText ?? same));
    }
    if (before.length === 0) return [];
    const self: RecentEntry = { entry: x.harEntry ?? x.index };
    if (x.request?.method) self.method = x.request.method;
    if (x.request?.url) self.url = x.request.url;
    if (x.response.status !== undefined) self.status = x.response.status;
    return [...before, step(self, "denied", same)];
  }

  private remember(x: Exchange): void {
    const r: RecentEntry = { entry: x.harEntry ?? x.index };
    if (x.request?.method) r.method = x.request.method;
    if (x.request?.url) r.url = x.request.url;
    if (x.response.status !== undefined) r.status = x.response.status;
    if (x.redirectTo) r.redirectTo = x.redirectTo;
    this.recent.push(r);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** Whether an exchange with this status is diagnosed (and so needs its body). */
  static wants(status: number | undefined): boolean {
    return status !== undefined && (isDenialStatus(status) || mayBeDecidedDenialStatus(status));
  }

  /** Takes the next exchange of the input. */
  add(raw: Exchange): void {
    const x = HarDiagnosis.wants(raw.response.status) && this.opts.redactExchange ? this.opts.redactExchange(raw) : raw;
    this.exchanges++;
    const status = x.response.status;
    const key = String(status ?? "none");
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (status === 403) this.status403++;
    let d: ExchangeDiagnosis | undefined;
    if (isDenial(x)) d = diagnoseExchange(x, this.parsed, this.catalog);
    else if (mayBeDecidedDenial(x)) {
      const maybe = diagnoseExchange(x, this.parsed, this.catalog);
      if (!maybe.match.guessed && maybe.match.decider !== "unknown" && (maybe.causes[0]?.for.length ?? 0) > 0) d = maybe;
    }
    if (d) this.record(d);
    this.remember(x);
  }

  private record(d: ExchangeDiagnosis): void {
    const x = d.exchange;
    const cause = d.causes[0]?.id ?? "unknown";
    const status = x.response.status ?? 0;
    const entry = x.harEntry ?? x.index;
    const at = x.startedAt;
    const url = x.request?.url;
    if (this.opts.all) {
      this.denials.push({
        entry,
        status,
        ...(x.request?.method ? { method: x.request.method } : {}),
        ...(url ? { url } : {}),
        ...(at ? { time: at } : {}),
        responder: d.match.decider,
        cause,
        confidence: round2(d.causes[0]?.confidence ?? 0),
      });
    }
    const key = `${d.match.decider}|${cause}|${status}`;
    const slot = this.groups.get(key);
    if (!slot) {
      const g: ReportGroup = { responder: d.match.decider, cause, status, count: 1, urls: url ? [url] : [], entry };
      if (at) {
        g.firstSeen = at;
        g.lastSeen = at;
      }
      this.groups.set(key, { g, rep: d, flow: this.flowOf(x) });
      return;
    }
    slot.g.count++;
    if (at && (!slot.g.firstSeen || at < slot.g.firstSeen)) slot.g.firstSeen = at;
    if (at && (!slot.g.lastSeen || at > slot.g.lastSeen)) slot.g.lastSeen = at;
    if (url && slot.g.urls.length < URLS_PER_GROUP && !slot.g.urls.includes(url)) slot.g.urls.push(url);
  }

  /** The report: the largest 403 group explained in full, every group counted. */
  finish(redacted: string[] = []): Report {
    if (this.groups.size === 0) {
      const seen = this.exchanges === 0 ? "the HAR has no entries" : `statuses seen: ${statusCounts(this.statuses)}`;
      throw new WhyError("NO_DENIAL", `the input holds no 403 or neighbour status (${seen})`);
    }
    const ordered = [...this.groups.values()].sort(
      (a, b) => Number(b.g.status === 403) - Number(a.g.status === 403) || b.g.count - a.g.count,
    );
    const report = emptyReport(this.parsed, { file: this.opts.file, redacted });
    report.exchanges = this.exchanges;
    report.status403 = this.status403;
    report.groups = ordered.map((o) => o.g);
    const top = ordered[0]!;
    report.exchange = top.g.entry;
    fillReport(report, top.rep, this.parsed, this.catalog);
    if (top.flow.length > 0) {
      report.flow = top.flow;
      report.notes.push(describeFlow(top.flow));
    }
    if (this.opts.all) report.denials = this.denials;
    return report;
  }
}

/** One sentence on how the explained entry was reached. */
export const describeFlow = (flow: FlowStep[]): string => {
  const parts = flow.map((s) => {
    const what = `entry ${s.entry} ${s.method ?? "?"} ${s.url ?? "?"} → ${s.status ?? "no status"}`;
    return s.relation === "redirect" ? `redirect: ${what}` : s.relation === "preflight" ? `CORS preflight: ${what}` : `then ${what}`;
  });
  const pre = flow.find((s) => s.relation === "preflight");
  const why =
    pre && pre.status !== undefined && pre.status >= 200 && pre.status < 300
      ? " The preflight passed, so the browser's CORS check did not block this request: the 403 is the server's answer to the request itself."
      : flow.some((s) => s.relation === "redirect")
        ? " The request was redirected before it was denied: check where the redirect sends it (a login page, another host or path) and whether credentials survive the hop."
        : "";
  return `How this entry was reached: ${parts.join("; ")}.${why}`;
};
