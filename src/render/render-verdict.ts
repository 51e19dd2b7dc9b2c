// renderVerdict: an IAM verdict as a compiler-style diagnostic — the decision and request, each
// deciding statement with what matched, then note / help / verify.
import type { DecidingStatement, Verdict, VerdictFix } from "../aws/iam/types.js";
import { POLICY_TYPE_NAMES, SETTING_TYPES } from "../aws/iam/verdict.js";
import { paintFor, type Paint } from "./style.js";

const LEVEL: Record<Verdict["decision"], { word: string; style: "red" | "green" }> = {
  Allow: { word: "allow", style: "green" },
  ExplicitDeny: { word: "error[ExplicitDeny]", style: "red" },
  ImplicitDeny: { word: "error[ImplicitDeny]", style: "red" },
};

const showValue = (v: string | string[] | undefined): string => (v === undefined ? "absent" : Array.isArray(v) ? JSON.stringify(v) : JSON.stringify(v));

const block = (d: DecidingStatement, p: Paint): string[] => {
  const type = POLICY_TYPE_NAMES[d.policyType];
  const bar = `   ${p("blue", "|")}`;
  const out: string[] = [];
  if (d.statement !== undefined) {
    out.push(`  ${p("blue", "-->")} ${d.policy}: statement ${d.statement.startsWith("#") ? d.statement : `"${d.statement}"`} (${type}, ${d.effect ?? "?"})`);
    const matched = [
      d.matchedAction ? `Action ${d.matchedAction}` : "",
      d.matchedResource ? `Resource ${d.matchedResource}` : "",
      d.matchedPrincipal ? `Principal ${d.matchedPrincipal}` : "",
    ].filter(Boolean);
    if (matched.length) out.push(`${bar}   matched ${matched.join(" · ")}`);
    for (const c of d.conditions ?? []) {
      out.push(`${bar}   Condition ${c.operator} ${c.key} ${JSON.stringify(c.policyValues.length === 1 ? c.policyValues[0] : c.policyValues)} — request ${showValue(c.contextValue)} → ${c.result}`);
    }
  } else if (SETTING_TYPES.has(d.policyType)) {
    out.push(`  ${p("blue", "-->")} ${d.policy}`);
    out.push(`${bar}   ${d.reason}`);
  } else {
    out.push(`  ${p("blue", "-->")} ${d.policy === "(none)" ? `(no ${type})` : d.policy}: ${type}, no applicable Allow`);
    out.push(`${bar}   ${d.reason}`);
    if (d.closest) out.push(`${bar}   closest: ${d.closest}`);
  }
  return out;
};

const fixLines = (f: VerdictFix, p: Paint): string[] => {
  const out = [`   ${p("blue", "=")} ${p("green", "help")}: ${f.summary}`];
  if (f.statement) {
    const json = JSON.stringify(f.statement, null, 2).split("\n");
    for (const l of json) out.push(`           ${l}`);
  }
  return out;
};

/** Explain lines the deciding blocks already show (per-statement and per-policy lines). */
const COVERED = new RegExp(`^(  |(${Object.values(POLICY_TYPE_NAMES).join("|")})\\b)`);

export const renderVerdict = (v: Verdict, opts: { color: boolean }): string => {
  const p = paintFor(opts.color);
  const level = LEVEL[v.decision];
  const head = (v.explain[0] ?? v.decision).replace(/^\w+: /, "");
  const out = [`${p(level.style, p("bold", level.word))}${p("bold", `: ${head}`)}`];
  for (const d of v.deciding) out.push(...block(d, p));
  // an Allow's "allowed by" lines are its deciding blocks; a denial's are context worth a note
  const reasons = new Set(v.deciding.map((d) => d.reason));
  const covered = (line: string): boolean => COVERED.test(line) || reasons.has(line) || (v.decision === "Allow" && line.startsWith("allowed by "));
  for (const line of v.explain.slice(1)) if (!covered(line)) out.push(`   ${p("blue", "=")} ${p("bold", "note")}: ${line}`);
  if (v.fix) {
    out.push(...fixLines(v.fix, p));
    for (const more of v.fix.also ?? []) out.push(...fixLines(more, p));
    if (v.fix.simulateCommand) {
      const [first, ...rest] = v.fix.simulateCommand.split("\n");
      out.push(`   ${p("blue", "=")} ${p("cyan", "verify")}: ${first}`);
      for (const r of rest) out.push(`             ${r}`);
    }
  }
  return out.join("\n") + "\n";
};

/** The JSON form every `aws` subcommand prints: {decision, deciding, explain, fix?, cause?, ...extra}. */
export const verdictJson = (v: Verdict, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ decision: v.decision, deciding: v.deciding, explain: v.explain, ...(v.fix ? { fix: v.fix } : {}), ...(v.cause ? { cause: v.cause } : {}), ...extra });
