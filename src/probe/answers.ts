// Reading an experiment's answer against the baseline: served, the same denial, not found, a
// challenge; and the short phrase the report shows for it.
import type { ProbeResponse } from "./client.js";

export type Outcome = "ok" | "same" | "denied" | "not-found" | "challenge" | "other";

const LOGIN_PATH = /\/(?:log-?in|sign-?in|auth|sso|oauth|account\/login)\b/i;

export const header = (headers: readonly [string, string][], name: string): string | undefined =>
  headers.find(([n]) => n.toLowerCase() === name)?.[1];

export const outcomeOf = (base: ProbeResponse, res: ProbeResponse): Outcome => {
  if (res.status >= 300 && res.status < 400) return LOGIN_PATH.test(header(res.headers, "location") ?? "") ? "challenge" : "ok";
  if (res.status >= 200 && res.status < 300) return "ok";
  if (res.status === base.status) return "same";
  if (res.status === 404 || res.status === 410) return "not-found";
  if (res.status === 401 || res.status === 407) return "challenge";
  if (res.status === 403 || res.status === 451 || res.status === 429) return "denied";
  return "other";
};

export const statusLine = (res: ProbeResponse): string => `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;

/** "403 again, the same answer" / "200 OK" / "404 Not Found" with the meaning appended. */
export const say = (base: ProbeResponse, res: ProbeResponse, meaning: Partial<Record<Outcome, string>>): string => {
  const o = outcomeOf(base, res);
  const head = o === "same" ? `${res.status} again` : statusLine(res);
  const m = meaning[o];
  return m ? `${head}: ${m}` : head;
};
