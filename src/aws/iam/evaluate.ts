// evaluate(SimulateInput) → Verdict: the public entry. S3 requests with S3 settings (ACLs, Block
// Public Access, KMS, access points, VPC endpoints, a missing key) get the S3 verdict; everything
// else the IAM evaluation alone.
import { evaluateS3, wantsS3Verdict } from "../s3/verdict.js";
import { evaluateCore } from "./core.js";
import type { SimulateInput, Verdict } from "./types.js";

export type { SimulateInput, Verdict } from "./types.js";

export const evaluate = (input: SimulateInput): Verdict => (wantsS3Verdict(input) ? evaluateS3(input) : evaluateCore(input).verdict);
