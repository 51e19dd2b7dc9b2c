// The library API: `import { diagnose, explain } from "why403"`. ESM, no side effects on import:
// the catalog loads on the first call.
//
// One export line per capability; a new capability (probe, simulate…) adds its function with
// TSDoc and an @example where it is defined, one line here, and its types below.

export { diagnoseText as diagnose } from "./diagnose-text.js";
export { explainId as explain, explainIndex } from "./knowledge/explain-page.js";
export { WhyError } from "./model/errors.js";
export { evaluate as simulate } from "./aws/iam/evaluate.js";
export { probe } from "./probe/probe.js";
export { diagnoseHarStream as diagnoseHar } from "./diagnose-har.js";
export { checkCloudFront } from "./aws/cloudfront/check.js";
export { parseDistribution } from "./aws/cloudfront/load.js";
export { checkApiGateway } from "./aws/apigateway/check.js";
export { inspectText as inspect } from "./inspect/inspect.js";

export type { DiagnoseTextOptions, DiagnoseTextOptions as DiagnoseOptions } from "./diagnose-text.js";
export type { ExplainPage, CausePage, ResponderPage, ExplainIndexEntry } from "./knowledge/explain-page.js";
export type { Report, ReportCause, ReportResponder, EvidenceItem, ChainLink, ReportGroup, ReportError, ReportCheck, ReportInspected } from "./model/report.js";
export type { CloudFrontCheckInput } from "./aws/cloudfront/check.js";
export type { ApiGatewayCheckInput } from "./aws/apigateway/check.js";
export type { InspectInput } from "./inspect/inspect.js";
export type { ProbeOptions } from "./probe/probe.js";
export type { DiagnoseHarOptions } from "./diagnose-har.js";
export type { CauseId, ResponderId } from "./model/taxonomy.js";
export type { SimulateInput, Verdict, Decision, DecidingStatement, VerdictFix, PolicyInput, PolicyDocument, PolicyType } from "./aws/iam/types.js";
export type { InputKind } from "./model/exchange.js";
export type { ErrorCode } from "./model/errors.js";
export type { CauseCluster } from "./model/cluster.js";
export type { CauseEntry as Cause, ResponderEntry as Responder } from "./knowledge/schema.js";
