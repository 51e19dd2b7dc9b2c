#!/usr/bin/env node
// bench/iam: validated evaluations per second for a realistic S3 request (identity policies, a
// bucket policy, two SCP levels and a permissions boundary; every policy parsed and validated on
// each call), through why403's evaluate() and @cloud-copilot/iam-simulate's runSimulation in the
// same run, interleaved. Prints both rates and the ratio (target >= 10x). Build first.
//   node bench/iam.mjs [--seconds N]
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { evaluate } from "../dist/src/aws/iam/evaluate.js";

const args = process.argv.slice(2);
const at = args.indexOf("--seconds");
const seconds = at === -1 ? 2 : Number(args[at + 1]);

const ACCOUNT = "111122223333";
const PRINCIPAL = `arn:aws:sts::${ACCOUNT}:assumed-role/DataPipeline/etl-run-42`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/DataPipeline`;
const OBJECT = "arn:aws:s3:::analytics-exports/daily/2026-11-01/part-0001.parquet";
const context = {
  "aws:PrincipalArn": ROLE,
  "aws:PrincipalAccount": ACCOUNT,
  "aws:PrincipalOrgID": "o-a1b2c3d4e5",
  "aws:SecureTransport": "true",
  "aws:SourceIp": "10.20.30.40",
  "aws:RequestedRegion": "eu-west-1",
  "aws:PrincipalTag/team": "data",
  "s3:ExistingObjectTag/classification": "internal",
};
const identity = [
  {
    name: "DataPipelineS3",
    document: {
      Version: "2012-10-17",
      Statement: [
        { Sid: "ListExports", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: "arn:aws:s3:::analytics-exports" },
        { Sid: "ReadWriteExports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:GetObjectTagging"], Resource: "arn:aws:s3:::analytics-exports/daily/*", Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } },
        { Sid: "NoDeletes", Effect: "Deny", Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource: "*" },
      ],
    },
  },
  { name: "KmsForExports", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*` }] } },
];
const bucketPolicy = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "HttpsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::analytics-exports", "arn:aws:s3:::analytics-exports/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::analytics-exports", "arn:aws:s3:::analytics-exports/*"], Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    { Sid: "NoRestricted", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::analytics-exports/*", Condition: { StringEquals: { "s3:ExistingObjectTag/classification": "restricted" } } },
    { Sid: "PipelineRead", Effect: "Allow", Principal: { AWS: ROLE }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::analytics-exports", "arn:aws:s3:::analytics-exports/*"] },
  ],
};
const scpRoot = { Version: "2012-10-17", Statement: [{ Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" }] };
const scpOu = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" },
    { Sid: "RegionLock", Effect: "Deny", NotAction: ["iam:*", "organizations:*", "sts:*", "support:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } },
    { Sid: "ProtectLogging", Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" },
  ],
};
const boundary = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "DataServices", Effect: "Allow", Action: ["s3:*", "kms:Decrypt", "kms:GenerateDataKey", "glue:*", "athena:*"], Resource: "*" },
    { Sid: "NoIamWrites", Effect: "Deny", Action: ["iam:Create*", "iam:Put*", "iam:Attach*"], Resource: "*" },
  ],
};

const ours = {
  request: { principal: PRINCIPAL, action: "s3:GetObject", resource: OBJECT, resourceAccount: ACCOUNT, context },
  policies: { identity, resource: { name: "bucket-policy.json", document: bucketPolicy }, scp: [{ name: "root", document: scpRoot }, { name: "ou-data", document: scpOu }], rcp: [], boundary: { name: "DataBoundary", document: boundary }, session: null },
};
const theirs = {
  request: { principal: PRINCIPAL, action: "s3:GetObject", resource: { resource: OBJECT, accountId: ACCOUNT }, contextVariables: context },
  identityPolicies: identity.map((p) => ({ name: p.name, policy: p.document })),
  serviceControlPolicies: [
    { orgIdentifier: "r-root", policies: [{ name: "root", policy: scpRoot }] },
    { orgIdentifier: "ou-data", policies: [{ name: "ou-data", policy: scpOu }] },
  ],
  resourceControlPolicies: [],
  resourcePolicy: bucketPolicy,
  permissionBoundaryPolicies: [{ name: "DataBoundary", policy: boundary }],
};

const mine = evaluate(ours).decision;
const other = await runSimulation(theirs, {});
console.log(`decision: why403 ${mine}, iam-simulate ${other.resultType === "error" ? `error ${JSON.stringify(other.errors)}` : other.overallResult}`);

const timeOurs = (ms) => {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) evaluate(ours);
    n += 100;
  }
  return n;
};
const timeTheirs = async (ms) => {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await runSimulation(theirs, {});
    n++;
  }
  return n;
};

// warm up both, then alternate slices so drift in machine speed hits both alike
timeOurs(300);
await timeTheirs(300);
const slice = 250;
let a = 0;
let b = 0;
let t = 0;
for (let elapsed = 0; elapsed < seconds * 1000; elapsed += 2 * slice) {
  a += timeOurs(slice);
  b += await timeTheirs(slice);
  t += slice;
}
const rateOurs = (a / t) * 1000;
const rateTheirs = (b / t) * 1000;
console.log(`why403 evaluate        ${rateOurs.toFixed(0).padStart(9)} evaluations/s`);
console.log(`iam-simulate           ${rateTheirs.toFixed(0).padStart(9)} evaluations/s`);
console.log(`ratio                  ${(rateOurs / rateTheirs).toFixed(1)}x  (target >= 10x)`);
