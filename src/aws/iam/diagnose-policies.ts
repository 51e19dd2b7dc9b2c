// diagnose --policies DIR: when the denial names a principal and an action (an AccessDenied
// "User: … is not authorized to perform: …"), evaluate that request against DIR's policies and
// put the deciding statement into the report.
import { loadCatalog } from "../../knowledge/catalog.js";
import type { Report } from "../../model/report.js";
import type { Facts } from "../../signals/facts.js";
import { evaluate } from "./evaluate.js";
import { inputFromDirectory, loadPolicyDirectory } from "./policy-dir.js";
import { applyVerdict } from "./report-verdict.js";

export const explainWithPolicies = (report: Report, facts: Facts, dir: string): Report => {
  const principal = facts.principal;
  const action = facts.action;
  const resource = facts.resource ?? "*";
  if (!principal || !action) {
    return { ...report, notes: [...report.notes, `--policies ${dir}: the input names no principal and action ("User: ARN is not authorized to perform: ACTION"), so nothing was evaluated`] };
  }
  const d = loadPolicyDirectory(dir);
  const context: Record<string, string> = facts.scheme ? { "aws:SecureTransport": String(facts.scheme === "https") } : {};
  const verdict = evaluate(inputFromDirectory(d, { principal, action, resource, context }));
  return applyVerdict(report, verdict, facts, d.files, loadCatalog(), dir);
};
