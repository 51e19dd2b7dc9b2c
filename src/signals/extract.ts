// extractSignals: Exchange → SignalSet. Pure: evaluates every catalog signal's conditions on
// one exchange and records where each matched, so renderers can quote the user's own input.
import type { Exchange, HeaderField, InputKind, TextPart } from "../model/exchange.js";
import type { Condition, SignalDef } from "../knowledge/schema.js";
import type { Catalog } from "../knowledge/catalog.js";
import { deriveFact } from "./derived.js";
import { literalsOf } from "./required-literal.js";

export type EvidenceSource = "status" | "header" | "request-header" | "body" | "url" | "cookie" | "method" | "kind" | "fact" | "probe";

/** Where a condition matched: a span of the input (offset/length) or a labelled value. */
export interface Evidence {
  source: EvidenceSource;
  /** Header or cookie name, when the evidence is one. */
  name?: string;
  /** The matched text, verbatim. */
  text: string;
  /** Offset of the matched span in the input text, when the part is verbatim. */
  offset?: number;
  length?: number;
  /** Label of the part when it has no offset (HAR field path). */
  path?: string;
}

export interface SignalHit {
  /** `entry.signal`, unique in the catalog. */
  key: string;
  entryId: string;
  entryType: "responder" | "cause";
  signal: SignalDef;
  exchange: number;
  evidence: Evidence[];
  captures: Record<string, string>;
}

export type SignalSet = SignalHit[];

/** Bodies are scanned up to this size: error pages are small, and it bounds regex time. */
const SCAN_LIMIT = 256 * 1024;

interface Found {
  evidence: Evidence[];
  captures: Record<string, string>;
}

const capturesOf = (m: RegExpExecArray): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined && v !== "") out[k] = v;
  return out;
};

/** Lower-cased scanned text of each part, for the literal checks of case-insensitive regexes. */
const lowered = new WeakMap<TextPart, string>();
/** False when the part cannot match: it lacks every literal one of which each match contains (the regex is then never compiled). */
const mayMatch = (part: TextPart, text: string, re: RegExp): boolean => {
  const literals = literalsOf(re);
  if (literals === undefined) return true;
  let hay = text;
  if (re.ignoreCase) {
    let lower = lowered.get(part);
    if (lower === undefined) {
      lower = text.toLowerCase();
      lowered.set(part, lower);
    }
    hay = lower;
  }
  return literals.some((l) => hay.includes(l));
};

const searchPart = (part: TextPart, re: RegExp, source: EvidenceSource): Found | undefined => {
  const text = part.text.length > SCAN_LIMIT ? part.text.slice(0, SCAN_LIMIT) : part.text;
  if (!mayMatch(part, text, re)) return undefined;
  const m = re.exec(text);
  if (!m) return undefined;
  const ev: Evidence = { source, text: m[0], length: m[0].length };
  if (part.offset !== undefined) ev.offset = part.offset + m.index;
  if (part.path !== undefined) ev.path = part.path;
  return { evidence: [ev], captures: capturesOf(m) };
};

const searchHeaders = (
  headers: readonly HeaderField[],
  name: string,
  re: RegExp | undefined,
  source: EvidenceSource,
): Found | undefined => {
  const lower = name.toLowerCase();
  for (const h of headers) {
    if (h.name.toLowerCase() !== lower) continue;
    const valueStart = h.valueOffset;
    if (!re) {
      const ev: Evidence = { source, name: h.name, text: `${h.name}: ${h.value}` };
      if (h.offset !== undefined) {
        ev.offset = h.offset;
        ev.length = h.name.length;
      }
      return { evidence: [ev], captures: {} };
    }
    const m = re.exec(h.value);
    if (!m) continue;
    const ev: Evidence = { source, name: h.name, text: m[0], length: m[0].length };
    if (valueStart !== undefined) ev.offset = valueStart + m.index;
    return { evidence: [ev], captures: capturesOf(m) };
  }
  return undefined;
};

const cookieNames = (headers: readonly HeaderField[]): HeaderField[] =>
  headers
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => ({ ...h, value: h.value.split("=", 1)[0]?.trim() ?? "" }));

/** Evaluates one condition; `undefined` means it does not hold. */
const evaluate = (c: Condition, x: Exchange, kind: InputKind): Found | undefined => {
  const none: Found = { evidence: [], captures: {} };
  let found: Found | undefined;
  switch (c.on) {
    case "status": {
      const s = x.response.status;
      if (s === undefined || !c.in.includes(s)) return undefined;
      const ev: Evidence = { source: "status", text: String(s) };
      if (x.response.statusOffset !== undefined) {
        ev.offset = x.response.statusOffset;
        ev.length = 3;
      }
      return { evidence: [ev], captures: {} };
    }
    case "method": {
      const m = x.request?.method?.toUpperCase();
      return m !== undefined && c.in.includes(m) ? { evidence: [{ source: "method", text: m }], captures: {} } : undefined;
    }
    case "kind":
      return c.in.includes(kind) ? none : undefined;
    case "fact": {
      const holds = deriveFact(c.name, x);
      if (c.absent) return holds ? undefined : none;
      return holds ? { evidence: [{ source: "fact", text: c.name }], captures: {} } : undefined;
    }
    case "probe": {
      const seen = x.probeFacts?.find((o) => o.fact === c.name);
      if (c.absent) return seen ? undefined : none;
      return seen ? { evidence: [{ source: "probe", name: `request ${seen.probe}`, text: seen.detail }], captures: {} } : undefined;
    }
    case "header":
      found = searchHeaders(x.response.headers, c.name, c.match, "header");
      break;
    case "request-header":
      found = x.request ? searchHeaders(x.request.headers, c.name, c.match, "request-header") : undefined;
      break;
    case "body": {
      for (const part of [x.response.body, ...x.context]) {
        found = searchPart(part, c.match, "body");
        if (found) break;
      }
      break;
    }
    case "url":
      found = x.request?.url ? searchPart({ text: x.request.url }, c.match, "url") : undefined;
      break;
    case "cookie":
      found = searchHeaders(cookieNames(x.response.headers), "set-cookie", c.name, "cookie");
      break;
  }
  if (c.absent) return found ? undefined : none;
  return found;
};

/** Fires one signal on one exchange; all conditions must hold. */
export const matchSignal = (signal: SignalDef, x: Exchange, kind: InputKind): Found | undefined => {
  const out: Found = { evidence: [], captures: {} };
  for (const c of signal.when) {
    const f = evaluate(c, x, kind);
    if (!f) return undefined;
    out.evidence.push(...f.evidence);
    Object.assign(out.captures, f.captures);
  }
  return out;
};

/** Runs every signal of the catalog on an exchange. */
export const extractSignals = (x: Exchange, kind: InputKind, catalog: Catalog): SignalSet => {
  const hits: SignalSet = [];
  for (const { entryId, entryType, signal } of catalog.signals) {
    const f = matchSignal(signal, x, kind);
    if (!f) continue;
    hits.push({
      key: `${entryId}.${signal.id}`,
      entryId,
      entryType,
      signal,
      exchange: x.index,
      evidence: f.evidence,
      captures: f.captures,
    });
  }
  return hits;
};
