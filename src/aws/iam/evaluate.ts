// evaluate(SimulateInput) → Verdict: the public entry. S3 requests with S3 settings (ACLs, Block
// Public Access, KMS, access points, VPC endpoints, a missing key) get the S3 verdict; everything
// else the IAM evaluation alone.
import { evaluateS3, wantsS3Verdict } from "../s3/verdict.js";
import { evaluateCore } from "./core.js";
import type { SimulateInput, Verdict } from "./types.js";

export type { SimulateInput, Verdict } from "./types.js";

/**
 * Evaluates one request against its policies as AWS documents it and names the deciding statements
 * (exported from the package as `simulate`).
 *
 * @throws {WhyError} `POLICY_INVALID` (naming policy, statement and field) or `SIMULATE_INVALID`.
 * @example
 * ```ts
 * import { simulate } from "why403";
 * const v = simulate({
 *   request: { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" },
 *   policies: { identity: [{ name: "read", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] } }] },
 * });
 * console.log(v.decision, v.deciding[0]?.policy); // "Allow" "read"
 * ```
 */
export const evaluate = (input: SimulateInput): Verdict => (wantsS3Verdict(input) ? evaluateS3(input) : evaluateCore(input).verdict);
