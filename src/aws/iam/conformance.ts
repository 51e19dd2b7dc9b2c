// The conformance case format and its runner, shared by the test suite and
// scripts/iam-conformance.mjs (which judges the evaluator on any directory of cases).
//
// A file holds {"cases": [...]}, a list of cases, or one case. A case:
//   { "id": "...", "doc": "https://docs.aws.amazon.com/...", "rule": "what it tests",
//     "input": SimulateInput,
//     "expected": { "decision": "Allow" | "ExplicitDeny" | "ImplicitDeny",
//                   "deciding"?: [ { "policyType"?, "policy"?, "statement"? } ... ], "cause"?: "no-allow" }
//              | { "error": "POLICY_INVALID" | "SIMULATE_INVALID", "messageIncludes"?: ["..."] } }
// `deciding` entries must each match some deciding statement on the fields they give.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isWhyError } from "../../model/errors.js";
import { evaluate } from "./evaluate.js";
import type { DecidingStatement, SimulateInput, Verdict } from "./types.js";

export interface ConformanceCase {
  id: string;
  doc?: string;
  rule?: string;
  input: SimulateInput;
  expected: {
    decision?: Verdict["decision"];
    deciding?: Partial<Pick<DecidingStatement, "policyType" | "policy" | "statement">>[];
    /** The why403 cause id the verdict names (no-allow, kms-denied, object-missing-masked …). */
    cause?: string;
    error?: string;
    messageIncludes?: string[];
  };
  /** false (or a reason) when iam-simulate is not expected to agree. */
  secondOpinion?: boolean | string;
  note?: string;
  /** The file the case came from. */
  file?: string;
}

export interface CaseResult {
  id: string;
  file?: string;
  pass: boolean;
  /** What went wrong, when it did not pass. */
  problem?: string;
  verdict?: Verdict;
}

const asCases = (data: unknown, file: string): ConformanceCase[] => {
  const list = Array.isArray(data) ? data : typeof data === "object" && data !== null && "cases" in data ? (data as { cases: unknown[] }).cases : [data];
  return list.map((c, i) => {
    const x = c as Partial<ConformanceCase> & { name?: string; expect?: ConformanceCase["expected"] };
    return { ...x, id: x.id ?? x.name ?? `${file}#${i}`, expected: x.expected ?? x.expect ?? {}, file } as ConformanceCase;
  });
};

/** Every case in a file or in the .json files of a directory (recursively), in name order. */
export const loadConformanceCases = (path: string): ConformanceCase[] => {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => {
        const p = join(path, name);
        return statSync(p).isDirectory() || name.endsWith(".json") ? loadConformanceCases(p) : [];
      });
  }
  return asCases(JSON.parse(readFileSync(path, "utf8")) as unknown, path);
};

const decidingMatches = (want: NonNullable<ConformanceCase["expected"]["deciding"]>[number], got: DecidingStatement): boolean =>
  (want.policyType === undefined || want.policyType === got.policyType) &&
  (want.policy === undefined || want.policy === got.policy) &&
  (want.statement === undefined || want.statement === got.statement);

export const runConformanceCase = (c: ConformanceCase): CaseResult => {
  const base = { id: c.id, ...(c.file ? { file: c.file } : {}) };
  let verdict: Verdict;
  try {
    verdict = evaluate(c.input);
  } catch (e) {
    if (!isWhyError(e)) return { ...base, pass: false, problem: `crashed: ${(e as Error).message}` };
    if (c.expected.error === undefined) return { ...base, pass: false, problem: `error ${e.code}: ${e.message}` };
    if (e.code !== c.expected.error) return { ...base, pass: false, problem: `error ${e.code}, expected ${c.expected.error}: ${e.message}` };
    const missing = (c.expected.messageIncludes ?? []).filter((s) => !e.message.includes(s));
    return missing.length ? { ...base, pass: false, problem: `message "${e.message}" lacks ${JSON.stringify(missing)}` } : { ...base, pass: true };
  }
  if (c.expected.error !== undefined) return { ...base, pass: false, verdict, problem: `expected error ${c.expected.error}, got ${verdict.decision}` };
  if (verdict.decision !== c.expected.decision) return { ...base, pass: false, verdict, problem: `decision ${verdict.decision}, expected ${c.expected.decision}` };
  if (c.expected.cause !== undefined && verdict.cause !== c.expected.cause) return { ...base, pass: false, verdict, problem: `cause ${verdict.cause ?? "(none)"}, expected ${c.expected.cause}` };
  for (const want of c.expected.deciding ?? []) {
    if (!verdict.deciding.some((d) => decidingMatches(want, d))) {
      return { ...base, pass: false, verdict, problem: `no deciding statement matches ${JSON.stringify(want)}` };
    }
  }
  return { ...base, pass: true, verdict };
};
