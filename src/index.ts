// The library API: `import { diagnose, explain } from "why403"`. No side effects on import.
export { diagnoseText as diagnose, type DiagnoseTextOptions } from "./diagnose-text.js";
export type { Report, ReportCause, ReportResponder, EvidenceItem, ChainLink, ReportGroup } from "./model/report.js";
export type { CauseId, ResponderId } from "./model/taxonomy.js";
export type { CauseEntry as Cause, ResponderEntry as Responder } from "./knowledge/schema.js";
export { WhyError } from "./model/errors.js";
export { evaluate as evaluatePolicies } from "./aws/iam/evaluate.js";
export type { SimulateInput, Verdict, DecidingStatement, VerdictFix, PolicyInput, PolicyDocument } from "./aws/iam/types.js";
