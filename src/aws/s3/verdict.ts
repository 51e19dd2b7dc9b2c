// The S3 verdict: the IAM evaluation plus what S3 adds — ACLs (off under BucketOwnerEnforced),
// Block Public Access (account, bucket and access point levels; the most restrictive wins),
// objects owned by another account, access point and VPC endpoint policies, the SSE-KMS key
// policy, and the 403 that hides a missing key from a caller without s3:ListBucket.
import { splitArn } from "../iam/arn.js";
import { evaluateCore, type CoreExtras, type CoreResult } from "../iam/core.js";
import { parsePolicy, type ParsedPolicy } from "../iam/parse.js";
import type { Caller } from "../iam/principal.js";
import type { DecidingStatement, PolicyInput, S3Settings, SimulateInput, Verdict, VerdictFix } from "../iam/types.js";
import { causeOf } from "../iam/verdict.js";
import { aclPolicy, ALL_USERS, AUTHENTICATED_USERS, isPublicGrant } from "./acl.js";
import { effectiveBpa, publicStatement } from "./public.js";

export const wantsS3Verdict = (input: SimulateInput): boolean =>
  typeof input?.settings?.s3 === "object" && input.settings.s3 !== null && typeof input.request?.action === "string" && /^s3:/i.test(input.request.action);

/** The KMS actions S3 calls on the caller's behalf for SSE-KMS objects. */
const KMS_ACTIONS: Record<string, string[]> = {
  "s3:getobject": ["kms:Decrypt"],
  "s3:getobjectversion": ["kms:Decrypt"],
  "s3:putobject": ["kms:GenerateDataKey"],
};
const OBJECT_READS = new Set(["s3:getobject", "s3:getobjectversion"]);
const ACL_WRITES = new Set(["s3:putobject", "s3:putobjectacl", "s3:putbucketacl", "s3:createbucket"]);
const PUBLIC_CANNED = new Set(["public-read", "public-read-write", "authenticated-read"]);

const contextValue = (input: SimulateInput, key: string): string[] => {
  for (const [k, v] of Object.entries(input.request.context ?? {})) {
    if (k.toLowerCase() === key) return (Array.isArray(v) ? v : [v]).map(String);
  }
  return [];
};

/** The request sets a public ACL (canned public-read… or a grant header naming AllUsers/AuthenticatedUsers). */
const setsPublicAcl = (input: SimulateInput): string | undefined => {
  const canned = contextValue(input, "s3:x-amz-acl").find((v) => PUBLIC_CANNED.has(v));
  if (canned) return `x-amz-acl: ${canned}`;
  for (const header of ["s3:x-amz-grant-read", "s3:x-amz-grant-write", "s3:x-amz-grant-read-acp", "s3:x-amz-grant-write-acp", "s3:x-amz-grant-full-control"]) {
    const v = contextValue(input, header).find((x) => x.includes(ALL_USERS) || x.includes(AUTHENTICATED_USERS));
    if (v) return `${header.slice(3)}: ${v}`;
  }
  return undefined;
};

const settingFix = (summary: string, type: VerdictFix["policyType"], simulateCommand?: string): VerdictFix => ({ kind: "change-setting", summary, policyType: type, ...(simulateCommand ? { simulateCommand } : {}) });

const otherAccount = (c: Caller, owner: string | undefined): boolean =>
  c.kind === "anonymous" || (c.kind !== "service" && owner !== undefined && c.account !== owner);

interface Scope {
  input: SimulateInput;
  s3: S3Settings;
  bucket: string;
  bucketArn: string;
  owner?: string;
  bpa: ReturnType<typeof effectiveBpa>;
}

/** The bucket layer for one action on one resource: policies, ACLs, object ownership, RPB, endpoint policy. */
const bucketLayer = (scope: Scope, action: string, resource: string): Verdict => {
  const { input, s3, bpa } = scope;
  const key = resource.startsWith(`${scope.bucketArn}/`) ? resource.slice(scope.bucketArn.length + 1) : undefined;
  const request = { ...input.request, action, resource };
  const sub: SimulateInput = { ...input, request };
  const anonymous = request.principal === "anonymous";
  const aclsOn = s3.objectOwnership !== "BucketOwnerEnforced";
  const grants: ParsedPolicy[] = [];
  const arns = { bucket: scope.bucketArn, object: resource };
  const keepGrant = (g: { grantee: { uri?: string } }) => !(bpa.has("IgnorePublicAcls") && isPublicGrant(g as never));
  let objectForeign = false;
  if (aclsOn) {
    const bucketAcl = aclPolicy("bucket ACL", (s3.bucketAcl ?? []).filter(keepGrant), "bucket", arns, anonymous);
    const objectAcl = key !== undefined ? aclPolicy("object ACL", (s3.objectAcl ?? []).filter(keepGrant), "object", arns, anonymous) : undefined;
    objectForeign = key !== undefined && s3.objectOwnerAccount !== undefined && scope.owner !== undefined && s3.objectOwnerAccount !== scope.owner;
    if (!objectForeign && bucketAcl) grants.push(bucketAcl);
    if (objectAcl) grants.push(objectAcl);
  }
  const guards = s3.vpcEndpointPolicy ? [parsePolicy(s3.vpcEndpointPolicy, "vpc-endpoint", "VPC endpoint policy")] : [];
  const extras: CoreExtras = { grants, guards, ...(s3.callerCanonicalId ? { canonicalId: s3.callerCanonicalId } : {}), ...(objectForeign ? { voidResourceAllows: true } : {}) };
  const first = evaluateCore(sub, extras);
  const bucketPolicy = first.set.resource;
  const open = publicStatement(bucketPolicy);
  if (!objectForeign && bpa.has("RestrictPublicBuckets") && open && bucketPolicy && otherAccount(first.req.caller, scope.owner)) {
    const second = evaluateCore(sub, { ...extras, voidResourceAllows: true });
    if (first.verdict.decision === "Allow" && second.verdict.decision !== "Allow") {
      return restricted(second, bpa.get("RestrictPublicBuckets")!, bucketPolicy.name, open.sid ?? open.label);
    }
    return second.verdict;
  }
  if (objectForeign && first.verdict.decision !== "Allow") {
    return withFirst(first.verdict, {
      policyType: "object-ownership",
      policy: "Object Ownership",
      reason: `the object is owned by account ${s3.objectOwnerAccount}, not the bucket owner ${scope.owner}: only the object's ACL can grant access to it`,
    }, "resource-ownership");
  }
  return first.verdict;
};

/** A denial whose root is a setting: the setting leads the deciding list and names the fix. */
const withFirst = (v: Verdict, d: DecidingStatement, cause?: Verdict["cause"]): Verdict => ({
  ...v,
  deciding: [d, ...v.deciding],
  explain: [v.explain[0] ?? v.decision, d.reason, ...v.explain.slice(1)],
  ...(cause ? { cause } : {}),
});

const restricted = (core: CoreResult, levels: string[], policy: string, statement: string): Verdict => {
  const reason = `RestrictPublicBuckets is on (${levels.join(" and ")} level) and the bucket policy is public (statement ${statement}): its grants to anonymous callers and other accounts do not count`;
  const v = withFirst(core.verdict, { policyType: "block-public-access", policy: `Block Public Access (${levels.join(", ")})`, reason }, "no-allow");
  return {
    ...v,
    fix: settingFix(
      `turn RestrictPublicBuckets off at the ${levels.join(" and ")} level (aws s3api put-public-access-block / aws s3control put-public-access-block), or grant a fixed principal or through CloudFront with OAC instead of a public statement in ${policy}`,
      "block-public-access",
      core.verdict.fix?.simulateCommand,
    ),
  };
};

const decisionRank = { ExplicitDeny: 0, ImplicitDeny: 1, Allow: 2 } as const;

/** Layers that must all allow: the first explicit denial wins, then the first implicit one; Allows merge. */
const allOf = (verdicts: Verdict[]): Verdict => {
  const worst = [...verdicts].sort((a, b) => decisionRank[a.decision] - decisionRank[b.decision])[0]!;
  if (worst.decision !== "Allow") return worst;
  return { decision: "Allow", deciding: verdicts.flatMap((v) => v.deciding), explain: [worst.explain[0] ?? "Allow", ...verdicts.flatMap((v) => v.explain.slice(1))] };
};

const policyOf = (p: PolicyInput | null | undefined, name: string): PolicyInput | null => (p ? ("document" in p ? p : { name, document: p }) : null);

const kmsLayers = (scope: Scope, actionLower: string): Verdict[] => {
  const kms = scope.s3.kms;
  const actions = KMS_ACTIONS[actionLower];
  if (!kms || !actions) return [];
  const keyAccount = kms.keyAccount ?? splitArn(kms.keyArn)?.account;
  return actions.map((action) => {
    const v = evaluateCore(
      {
        ...scope.input,
        request: { ...scope.input.request, action, resource: kms.keyArn, ...(keyAccount ? { resourceAccount: keyAccount } : {}), context: { ...scope.input.request.context, ...kms.context } },
        policies: { ...scope.input.policies, resource: policyOf(kms.keyPolicy, "key policy") },
      },
      { resourceType: "kms-key" },
    ).verdict;
    if (v.decision === "Allow") return v;
    return {
      ...v,
      explain: [v.explain[0] ?? v.decision, `the object is encrypted with SSE-KMS key ${kms.keyArn}: S3 needs ${action} on it for this caller, and that is denied`, ...v.explain.slice(1)],
      cause: "kms-denied",
    };
  });
};

/** GetObject on a missing key: 404 with s3:ListBucket, 403 without it. */
const missingKey = (scope: Scope, allowed: Verdict, key: string): Verdict => {
  const list = bucketLayer(scope, "s3:ListBucket", scope.bucketArn);
  const check = `aws s3api list-objects-v2 --bucket ${scope.bucket} --prefix '${key}' --max-items 5`;
  if (list.decision === "Allow") {
    return { ...allowed, explain: [...allowed.explain, `the key "${key}" does not exist; the caller may s3:ListBucket, so S3 answers 404 NoSuchKey, not 403`] };
  }
  const reason = `the key "${key}" does not exist, and without s3:ListBucket on ${scope.bucketArn} S3 answers 403 AccessDenied instead of 404 NoSuchKey (s3:GetObject itself is allowed)`;
  return {
    decision: "ImplicitDeny",
    deciding: [{ policyType: "object", policy: `s3://${scope.bucket}/${key}`, reason }, ...list.deciding],
    explain: [`ImplicitDeny: ${allowed.explain[0]?.replace(/^\w+: /, "") ?? ""}`, reason, ...list.explain.slice(1)],
    fix: {
      kind: "add-statement",
      summary: `check the key exists (${check}); to get an honest 404 instead of 403, ${list.fix?.summary ?? "allow s3:ListBucket on the bucket"}`,
      policyType: list.fix?.policyType ?? "identity",
      ...(list.fix?.statement ? { statement: list.fix.statement } : {}),
      ...(list.fix?.simulateCommand ? { simulateCommand: list.fix.simulateCommand } : {}),
    },
    cause: "object-missing-masked",
  };
};

export const evaluateS3 = (input: SimulateInput): Verdict => {
  const s3 = input.settings!.s3!;
  const arn = splitArn(input.request.resource);
  if (!arn || arn.service !== "s3" || arn.account !== "") return evaluateCore(input).verdict;
  const slash = arn.resource.indexOf("/");
  const bucket = slash === -1 ? arn.resource : arn.resource.slice(0, slash);
  const key = slash === -1 ? undefined : arn.resource.slice(slash + 1);
  const owner = input.request.resourceAccount;
  const scope: Scope = { input, s3, bucket, bucketArn: `arn:${arn.partition}:s3:::${bucket}`, ...(owner ? { owner } : {}), bpa: effectiveBpa(s3, Boolean(s3.accessPoint)) };
  const actionLower = input.request.action.toLowerCase();

  const blockAcls = scope.bpa.get("BlockPublicAcls");
  const publicAcl = ACL_WRITES.has(actionLower) ? setsPublicAcl(input) : undefined;
  if (blockAcls && publicAcl) {
    const reason = `BlockPublicAcls is on (${blockAcls.join(" and ")} level): S3 rejects a request that sets a public ACL (${publicAcl})`;
    return {
      decision: "ExplicitDeny",
      deciding: [{ policyType: "block-public-access", policy: `Block Public Access (${blockAcls.join(", ")})`, reason }],
      explain: [`ExplicitDeny: ${input.request.principal} → ${input.request.action} on ${input.request.resource}`, reason],
      fix: settingFix("send the request without the public ACL (use a bucket policy or CloudFront for public reads), or turn BlockPublicAcls off", "block-public-access"),
    };
  }

  const layers: Verdict[] = [bucketLayer(scope, input.request.action, input.request.resource)];
  const ap = s3.accessPoint;
  if (ap) {
    const apAccount = splitArn(ap.arn)?.account;
    const apResource = key !== undefined ? `${ap.arn}/object/${key}` : ap.arn;
    const apInput: SimulateInput = {
      ...input,
      request: { ...input.request, resource: apResource, ...(apAccount ? { resourceAccount: apAccount } : {}) },
      policies: { ...input.policies, resource: policyOf(ap.policy, "access point policy") },
    };
    const apCore = evaluateCore(apInput, { resourceType: "access-point" });
    const open = publicStatement(apCore.set.resource);
    const rpb = scope.bpa.get("RestrictPublicBuckets");
    if (rpb && open && apCore.set.resource && otherAccount(apCore.req.caller, apAccount)) {
      const voided = evaluateCore(apInput, { resourceType: "access-point", voidResourceAllows: true });
      layers.push(apCore.verdict.decision === "Allow" && voided.verdict.decision !== "Allow" ? restricted(voided, rpb, apCore.set.resource.name, open.sid ?? open.label) : voided.verdict);
    } else layers.push(apCore.verdict);
  }
  layers.push(...kmsLayers(scope, actionLower));
  let verdict = allOf(layers);
  if (verdict.decision === "Allow" && s3.objectExists === false && key !== undefined && OBJECT_READS.has(actionLower)) verdict = missingKey(scope, verdict, key);
  if (s3.objectOwnership === "BucketOwnerEnforced" && (s3.bucketAcl?.length || s3.objectAcl?.length)) {
    verdict = { ...verdict, explain: [...verdict.explain, "Object Ownership is BucketOwnerEnforced: ACLs are disabled and grant nothing; only policies decide"] };
  }
  const cause = verdict.cause ?? causeOf(verdict.decision, verdict.deciding.map((d) => d.policyType));
  return { ...verdict, ...(cause ? { cause } : {}) };
};
