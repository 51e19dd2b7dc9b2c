// EC2-style "Encoded authorization failure message": once decoded (sts decode-authorization-message)
// it carries the request context — principal, action, resource, every condition key — and the
// statements that matched. This reads it into a request for the evaluator and a verdict of its own.
import { WhyError } from "../../model/errors.js";
import type { ContextValue, DecidingStatement, SimulateRequest, Verdict } from "./types.js";

interface Items<T> {
  items?: T[];
}
interface DecodedStatement {
  statementId?: string;
  effect?: string;
  actions?: Items<{ value?: string }>;
  resources?: Items<{ value?: string }>;
  conditions?: Items<{ key?: string; values?: Items<{ value?: string }> }>;
}
export interface DecodedMessage {
  allowed?: boolean;
  explicitDeny?: boolean;
  matchedStatements?: Items<DecodedStatement>;
  context?: {
    principal?: { id?: string; name?: string; arn?: string };
    action?: string;
    resource?: string;
    conditions?: Items<{ key?: string; values?: Items<{ value?: string }> }>;
  };
}

const ENCODED = /Encoded authorization failure message:\s*([A-Za-z0-9_-]{40,})/;

/** What the user gave: the decoded JSON (bare or as the AWS CLI prints it), or an encoded message. */
export type AuthorizationInput = { decoded: DecodedMessage } | { encoded: string };

export const readAuthorizationInput = (text: string): AuthorizationInput => {
  const t = text.trim();
  if (t.startsWith("{")) {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch (e) {
      throw new WhyError("INPUT_UNRECOGNISED", `not valid JSON: ${(e as Error).message}`);
    }
    const outer = data as { DecodedMessage?: unknown };
    if (typeof outer.DecodedMessage === "string") return { decoded: JSON.parse(outer.DecodedMessage) as DecodedMessage };
    if (typeof data === "object" && data !== null && "context" in data) return { decoded: data as DecodedMessage };
    throw new WhyError("INPUT_UNRECOGNISED", "JSON without DecodedMessage or a decoded message's context");
  }
  const m = ENCODED.exec(t);
  if (m) return { encoded: m[1]! };
  if (/^[A-Za-z0-9_-]{40,}$/.test(t)) return { encoded: t };
  throw new WhyError("INPUT_UNRECOGNISED", "no encoded authorization failure message and no decoded JSON found");
};

const values = (v: Items<{ value?: string }> | undefined): string[] => (v?.items ?? []).flatMap((x) => (x.value !== undefined ? [x.value] : []));

/** The request the message describes, with its full condition context. */
export const requestOf = (m: DecodedMessage): SimulateRequest => {
  const c = m.context;
  if (!c?.action) throw new WhyError("INPUT_UNRECOGNISED", "the decoded message has no context.action");
  const context: Record<string, ContextValue> = {};
  for (const item of c.conditions?.items ?? []) {
    if (!item.key) continue;
    const vs = values(item.values);
    context[item.key] = vs.length === 1 ? vs[0]! : vs;
  }
  return { principal: c.principal?.arn ?? "anonymous", action: c.action, resource: c.resource ?? "*", context };
};

/** AWS's own verdict, as the message states it: the decision and the statements that matched. */
export const verdictOfMessage = (m: DecodedMessage): Verdict => {
  const r = requestOf(m);
  const decision = m.allowed ? "Allow" : m.explicitDeny ? "ExplicitDeny" : "ImplicitDeny";
  const deciding: DecidingStatement[] = (m.matchedStatements?.items ?? []).map((s) => ({
    policyType: "unknown",
    policy: "(named by AWS only by statement id)",
    ...(s.statementId ? { statement: s.statementId } : {}),
    effect: s.effect?.toUpperCase() === "DENY" ? "Deny" : "Allow",
    ...(values(s.actions)[0] ? { matchedAction: values(s.actions).join(", ") } : {}),
    ...(values(s.resources)[0] ? { matchedResource: values(s.resources).join(", ") } : {}),
    reason: s.effect?.toUpperCase() === "DENY" ? "AWS reports this Deny statement matched" : "AWS reports this statement matched",
  }));
  const what = `${r.principal} → ${r.action} on ${r.resource}`;
  const explain = [`${decision}: ${what}`, "as decoded from the encoded authorization failure message (AWS names statement ids, not policies)"];
  if (decision === "ImplicitDeny" && deciding.length === 0) explain.push("no statement matched: no policy allows this action on this resource with this context");
  const keys = Object.entries(r.context ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`);
  if (keys.length) explain.push(`request context: ${keys.join(", ")}`);
  return {
    decision,
    deciding,
    explain,
    ...(decision === "Allow" ? {} : { cause: decision === "ExplicitDeny" ? "explicit-deny" : "no-allow" }),
  };
};
