// `why403 URL`: replays the user's request, then runs the experiments that best separate the
// remaining causes, one at a time, until the top cause is decided or the budget is spent. Every
// answer goes through the same engine as `diagnose`; the differences become probe facts.
import { diagnoseExchange, diagnoseParsed, type ExchangeDiagnosis } from "../engine/diagnose.js";
import { loadCatalog, type Catalog } from "../knowledge/catalog.js";
import { WhyError } from "../model/errors.js";
import type { Exchange, ParsedInput } from "../model/exchange.js";
import type { ProbeObservation } from "../model/probe-facts.js";
import type { Report, ReportProbe } from "../model/report.js";
import { Redactor } from "../redact/redactor.js";
import { createClient, type ProbeClient, type ProbeRequest, type ProbeResponse } from "./client.js";
import { passiveFacts, shownUrl, toExchange } from "./exchange.js";
import { Guard } from "./guard.js";
import { chooseNext } from "./planner.js";
import { createSigner, type Signer } from "./sigv4.js";
import type { ProbeSpec } from "./spec.js";
import { newNonce, VARIANTS, type PlanContext, type VariantId } from "./variants.js";

export interface ProbeRunOptions {
  showSecrets?: boolean;
  /** Called after each request (progress on a terminal). */
  onRequest?: (p: ReportProbe) => void;
}

export interface DryRunPlan {
  dryRun: true;
  maxRequests: number;
  baseline: { method: string; url: string; headers: string[] };
  /** Experiments that apply to this request, most telling first; which run depends on the answers. */
  candidates: { variant: VariantId; method: string; url: string; why: string; always: boolean }[];
}

/** The user's request as flags describe it. */
export const baselineRequest = (spec: ProbeSpec): ProbeRequest => {
  const headers = [...spec.headers];
  if (spec.origin && !headers.some(([n]) => n.toLowerCase() === "origin")) headers.push(["Origin", spec.origin]);
  const req: ProbeRequest = { method: spec.method, url: spec.url, headers, route: "normal" };
  if (spec.body !== undefined) req.body = spec.body;
  if (spec.hostHeader) req.hostHeader = spec.hostHeader;
  return req;
};

const parsedOf = (x: Exchange): ParsedInput => ({ kind: "http-response", text: "", exchanges: [x], notes: [] });

const statusText = (res: ProbeResponse): string => `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;

/** One line for an answer that is not a denial. */
const notADenial = (req: ProbeRequest, res: ProbeResponse, spec: ProbeSpec, redactor: Redactor): WhyError => {
  const what = `${req.method} ${redactor.text(shownUrl(req))} answered ${statusText(res)}`;
  if (res.status >= 500) return new WhyError("SERVER_ERROR", `${what}: a server error, not a denial`);
  const location = res.headers.find(([n]) => n.toLowerCase() === "location")?.[1];
  if (res.status >= 300 && res.status < 400) {
    return new WhyError("NO_DENIAL", `${what}${location ? ` (Location: ${redactor.text(location)})` : ""}: a redirect, nothing was refused; why403 follows no redirects, so probe the Location if that is the page`);
  }
  if (res.status === 401 || res.status === 407) {
    const challenge = res.headers.find(([n]) => /^(?:www|proxy)-authenticate$/i.test(n))?.[1];
    return new WhyError("NO_DENIAL", `${what}: it asks for credentials${challenge ? ` (${res.status === 407 ? "Proxy" : "WWW"}-Authenticate: ${redactor.text(challenge).slice(0, 80)})` : ""} rather than refusing them; send them with -u or -H 'Authorization: …'`);
  }
  if (res.status === 404 || res.status === 410) return new WhyError("NO_DENIAL", `${what}: the resource is not there, which is not a refusal`);
  if (res.status >= 400) return new WhyError("NO_DENIAL", `${what}: a client error, not a refusal`);
  let cors = "";
  if (spec.origin) {
    const acao = res.headers.find(([n]) => n.toLowerCase() === "access-control-allow-origin")?.[1]?.trim();
    if (acao === undefined) cors = `, but without Access-Control-Allow-Origin: a page at ${spec.origin} could not read it`;
    else if (acao !== "*" && acao.toLowerCase() !== spec.origin.toLowerCase()) cors = `, but Access-Control-Allow-Origin is ${acao}, not ${spec.origin}: a browser would block it`;
  }
  return new WhyError("NO_DENIAL", `${what}${cors}${cors ? "" : ": nothing was refused"}`);
};

/** A denial the engine can explain: a 403, or another status a layer says is its refusal. */
const isDenial = (x: Exchange, catalog: Catalog): boolean => {
  if (x.response.status === 403) return true;
  if ((x.response.status ?? 0) >= 500) return false;
  const d = diagnoseExchange(x, parsedOf(x), catalog);
  return !d.match.guessed && d.match.decider !== "unknown" && (d.causes[0]?.for.length ?? 0) > 0;
};

const findingOf = (d: ExchangeDiagnosis, res: ProbeResponse): string => {
  const hit = d.match.hits[0];
  if (!hit || d.match.decider === "unknown") return `${statusText(res)}: no layer's own page, header or message`;
  return `${statusText(res)}: ${hit.signal.detail}${d.match.guessed ? " (only present, not the one that decided)" : ""}`;
};

interface Primary {
  n: number;
  req: ProbeRequest;
  res: ProbeResponse;
}

export const runProbe = async (spec: ProbeSpec, opts: ProbeRunOptions = {}): Promise<Report> => {
  const catalog = loadCatalog();
  const redactor = new Redactor(!opts.showSecrets);
  const baseline = baselineRequest(spec);
  const guard = new Guard(baseline, spec.maxRequests);
  const signer: Signer | undefined = spec.sigv4 ? await createSigner(spec.sigv4, spec.url) : undefined;
  const client: ProbeClient = await createClient(spec);
  const probes: ReportProbe[] = [];
  const notes: string[] = [];

  const send = async (variant: VariantId, why: string, req: ProbeRequest): Promise<ProbeResponse | WhyError> => {
    guard.admit(req);
    const n = guard.requestsSent;
    const record: ReportProbe = { n, variant, method: req.method, url: redactor.text(req.url.href), why, finding: "" };
    if (req.hostHeader && req.hostHeader !== req.url.host) record.host = req.hostHeader;
    probes.push(record);
    try {
      const res = await client.send(signer && !req.unsigned ? await signer(req) : req);
      guard.done(res.status, undefined, res.headers.find(([h]) => h.toLowerCase() === "retry-after")?.[1]);
      record.status = res.status;
      if (res.sentTo) record.sentTo = res.sentTo;
      record.timings = { firstByteMs: res.firstByteMs, totalMs: res.totalMs };
      return res;
    } catch (e) {
      const err = e instanceof WhyError ? e : new WhyError("CONNECTION_FAILED", (e as Error).message);
      guard.done(undefined, `request ${n} failed`);
      record.error = redactor.text(err.message);
      record.finding = `no answer: ${record.error}`;
      return err;
    } finally {
      if (opts.onRequest) opts.onRequest(record);
    }
  };

  try {
    const first = await send("baseline", "replay the request as given", baseline);
    if (first instanceof WhyError) throw first;
    const facts: ProbeObservation[] = passiveFacts(baseline, first);
    if (baseline.url.pathname === "/" && first.status === 403) facts.push({ fact: "site-root-denied", probe: 1, detail: `${baseline.method} / → 403: the site root itself is refused` });
    let primary: Primary = { n: 1, req: baseline, res: first };
    const exchangeOf = (p: Primary): Exchange => ({ ...toExchange(p.n, p.req, p.res, redactor), probeFacts: [...facts] });
    if (!isDenial(exchangeOf(primary), catalog)) throw notADenial(baseline, first, spec, redactor);

    const diagnose = (): ExchangeDiagnosis => {
      const x = exchangeOf(primary);
      return diagnoseExchange(x, parsedOf(x), catalog);
    };
    let diagnosis = diagnose();
    probes[0]!.finding = findingOf(diagnosis, first);
    const done = new Set<VariantId>();
    const nonce = newNonce();
    const context = (): PlanContext => ({ spec, baseline, base: primary.res, diagnosis, facts, done, nonce });

    while (guard.remaining > 0) {
      const choice = chooseNext(context(), VARIANTS);
      if (!choice) break;
      const v = choice.variant;
      done.add(v.id);
      const req = v.build(context());
      const res = await send(v.id, v.why, req);
      const record = probes[probes.length - 1]!;
      if (res instanceof WhyError) break;
      const reading = v.read(context(), res);
      record.finding = reading.finding;
      for (const fact of reading.facts) facts.push({ fact, probe: record.n, detail: `${req.method} ${record.host ? `(Host: ${record.host}) ` : ""}${redactor.text(req.url.pathname + req.url.search)} → ${reading.finding}` });
      if (res.status === 429) {
        const after = res.headers.find(([n]) => n.toLowerCase() === "retry-after")?.[1];
        facts.push({ fact: "rate-limited-while-probing", probe: record.n, detail: `request ${record.n} answered 429${after ? ` (Retry-After: ${after})` : ""}` });
        notes.push(`probing stopped at request ${record.n}: the server answered 429${after ? ` and asked to wait ${after} s` : ""}; no further request was sent`);
      }
      // a GET with the body explains the HEAD the user sent better than the empty HEAD answer
      if (v.id === "get-for-body" && res.status === primary.res.status && res.body.trim()) primary = { n: record.n, req, res };
      diagnosis = diagnose();
    }
    if (guard.stopped && !notes.some((n) => n.startsWith("probing stopped"))) notes.push(`probing stopped: ${guard.stopped}`);
    if (guard.remaining === 0 && !guard.stopped && chooseNext(context(), VARIANTS)) {
      notes.push(`the budget of ${spec.maxRequests} requests (--max-requests) ran out before the cause was decided`);
    }
    const x = exchangeOf(primary);
    const report = diagnoseParsed(parsedOf(x), catalog, { file: redactor.text(spec.url.href) });
    report.notes.push(...notes);
    report.probes = probes;
    report.requestsSent = guard.requestsSent;
    report.redacted = redactor.redacted;
    return report;
  } finally {
    await client.close();
  }
};

/** --dry-run: the request and the experiments that could follow; nothing is sent. */
export const planProbe = (spec: ProbeSpec, opts: ProbeRunOptions = {}): DryRunPlan => {
  const catalog = loadCatalog();
  const redactor = new Redactor(!opts.showSecrets);
  const baseline = baselineRequest(spec);
  // an imagined bare 403: the experiments that apply to the request itself
  const base: ProbeResponse = { status: 403, statusText: "Forbidden", headers: [], body: "", truncated: false, firstByteMs: 0, totalMs: 0, receivedAt: Date.now() };
  const x = toExchange(1, baseline, base, redactor);
  const ctx: PlanContext = { spec, baseline, base, diagnosis: diagnoseExchange(x, parsedOf(x), catalog), facts: [], done: new Set(), nonce: "why403-probe-XXXXXXXX" };
  const candidates = VARIANTS.filter((v) => v.applies(ctx))
    .map((v) => ({ v, always: v.mandatory?.(ctx) ?? false, bonus: v.bonus?.(ctx) ?? 0 }))
    .sort((a, b) => Number(b.always) - Number(a.always) || b.bonus - a.bonus)
    .map(({ v, always }) => {
      const req = v.build(ctx);
      return { variant: v.id, method: req.method, url: redactor.text(shownUrl(req)), why: v.why, always };
    });
  return {
    dryRun: true,
    maxRequests: spec.maxRequests,
    baseline: {
      method: baseline.method,
      url: redactor.text(shownUrl(baseline)),
      headers: baseline.headers.map(([n, v]) => `${n}: ${redactor.headerValue(n, v)}`),
    },
    candidates,
  };
};
