// Online S3: reads what decides an S3 request — the caller, its IAM policies, the bucket policy,
// ACLs, Object Ownership, Block Public Access (account and bucket), the object's SSE-KMS key
// policy, whether the key exists — into a SimulateInput, so the same offline verdict explains it.
import { fromAuthorizationDetails, type AuthorizationDetails } from "../iam/authorization-details.js";
import type { AclGrant, BlockPublicAccess, NamedPolicy, S3Settings, SimulateInput } from "../iam/types.js";
import { WhyError } from "../../model/errors.js";
import { clientConfig, fixedEndpoint, read, type AwsOptions, type Read, type Sdk } from "./sdk.js";

export interface S3Target {
  bucket: string;
  key?: string;
}

export interface Gathered {
  input: SimulateInput;
  /** What was read and what could not be, one line each. */
  notes: string[];
  /** What S3 itself answered to HeadObject (status), when asked. */
  headStatus?: number;
}

export const parseS3Url = (url: string): S3Target => {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new WhyError("USAGE", `expected s3://bucket/key, got "${url}"`);
  return { bucket: m[1]!, ...(m[2] ? { key: m[2] } : {}) };
};

interface SdkGrant {
  Grantee?: { Type?: string; ID?: string; URI?: string; EmailAddress?: string };
  Permission?: string;
}

const toGrants = (grants: SdkGrant[] | undefined): AclGrant[] =>
  (grants ?? []).flatMap((g) =>
    g.Grantee?.Type && g.Permission
      ? [{ grantee: { type: g.Grantee.Type as AclGrant["grantee"]["type"], ...(g.Grantee.ID ? { id: g.Grantee.ID } : {}), ...(g.Grantee.URI ? { uri: g.Grantee.URI } : {}), ...(g.Grantee.EmailAddress ? { email: g.Grantee.EmailAddress } : {}) }, permission: g.Permission as AclGrant["permission"] }]
      : [],
  );

const bpaOf = (c: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean } | undefined): BlockPublicAccess | null =>
  c ? { BlockPublicAcls: c.BlockPublicAcls === true, IgnorePublicAcls: c.IgnorePublicAcls === true, BlockPublicPolicy: c.BlockPublicPolicy === true, RestrictPublicBuckets: c.RestrictPublicBuckets === true } : null;

const note = <T>(notes: string[], what: string, r: Read<T>): T | undefined => {
  if (r.ok) return r.value;
  notes.push(r.absent ? `${what}: none` : `${what}: could not read (${r.error}); treated as unknown`);
  return undefined;
};

const authorizationDetails = async (sdk: Sdk, cfg: Record<string, unknown>): Promise<Read<AuthorizationDetails>> =>
  read(async () => {
    const client = new sdk.iam.IAMClient(cfg);
    const all: Required<AuthorizationDetails> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    for await (const page of sdk.iam.paginateGetAccountAuthorizationDetails({ client }, {})) {
      all.UserDetailList.push(...((page.UserDetailList ?? []) as never[]));
      all.GroupDetailList.push(...((page.GroupDetailList ?? []) as never[]));
      all.RoleDetailList.push(...((page.RoleDetailList ?? []) as never[]));
      all.Policies.push(...((page.Policies ?? []) as never[]));
    }
    return all;
  });

export const gatherS3 = async (sdk: Sdk, target: S3Target, action: string, o: AwsOptions): Promise<Gathered> => {
  const cfg = clientConfig(o);
  const s3 = new sdk.s3.S3Client({ ...cfg, ...(o.endpointUrl ? { forcePathStyle: true } : {}), followRegionRedirects: true });
  const notes: string[] = [];
  const identity = await read(() => new sdk.sts.STSClient(cfg).send(new sdk.sts.GetCallerIdentityCommand({})));
  if (!identity.ok || !identity.value.Arn) throw new WhyError("AWS_UNAVAILABLE", `sts get-caller-identity failed (${identity.ok ? "no ARN" : identity.error})`);
  const principal = identity.value.Arn;
  const account = identity.value.Account;
  const Bucket = target.bucket;
  const resource = `arn:aws:s3:::${Bucket}${target.key !== undefined ? `/${target.key}` : ""}`;

  const [policy, ownership, bucketBpa, bucketAcl, buckets, head] = await Promise.all([
    read(() => s3.send(new sdk.s3.GetBucketPolicyCommand({ Bucket })), ["NoSuchBucketPolicy"]),
    read(() => s3.send(new sdk.s3.GetBucketOwnershipControlsCommand({ Bucket })), ["OwnershipControlsNotFoundError"]),
    read(() => s3.send(new sdk.s3.GetPublicAccessBlockCommand({ Bucket })), ["NoSuchPublicAccessBlockConfiguration"]),
    read(() => s3.send(new sdk.s3.GetBucketAclCommand({ Bucket }))),
    read(() => s3.send(new sdk.s3.ListBucketsCommand({}))),
    target.key !== undefined ? read(() => s3.send(new sdk.s3.HeadObjectCommand({ Bucket, Key: target.key })), ["NotFound", "NoSuchKey", "404"]) : Promise.resolve(undefined),
  ]);
  const accountBpa = account
    ? await read(() => new sdk.s3control.S3ControlClient({ ...cfg, ...fixedEndpoint(o) }).send(new sdk.s3control.GetPublicAccessBlockCommand({ AccountId: account })), ["NoSuchPublicAccessBlockConfiguration"])
    : undefined;

  const settings: S3Settings = {};
  const policyText = note(notes, "bucket policy", policy)?.Policy;
  const rule = note(notes, "Object Ownership controls (ACLs stay on, as ObjectWriter)", ownership)?.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  // buckets without ownership controls behave as ObjectWriter (ACLs on)
  settings.objectOwnership = (rule) ?? (ownership.ok || ownership.absent ? "ObjectWriter" : undefined);
  settings.blockPublicAccess = {
    bucket: bpaOf(note(notes, "bucket Block Public Access", bucketBpa)?.PublicAccessBlockConfiguration),
    account: accountBpa ? bpaOf(note(notes, "account Block Public Access", accountBpa)?.PublicAccessBlockConfiguration) : null,
  };
  const acl = note(notes, "bucket ACL", bucketAcl);
  settings.bucketAcl = toGrants(acl?.Grants);
  if (acl?.Owner?.ID) settings.bucketOwnerCanonicalId = acl.Owner.ID;
  const callerCanonical = buckets.ok ? buckets.value.Owner?.ID : undefined;
  if (callerCanonical) settings.callerCanonicalId = callerCanonical;
  // whose bucket is it? HeadBucket with ExpectedBucketOwner says so directly; when that is refused
  // (it needs s3:ListBucket), compare the owner's canonical id with the caller's
  const owned = account ? await read(() => s3.send(new sdk.s3.HeadBucketCommand({ Bucket, ExpectedBucketOwner: account }))) : undefined;
  const sameAccount = owned?.ok
    ? true
    : callerCanonical !== undefined && acl?.Owner?.ID !== undefined
      ? callerCanonical === acl.Owner.ID
      : undefined;
  if (sameAccount === undefined) notes.push("bucket owner: unknown; evaluated as the caller's own account");

  let headStatus: number | undefined;
  if (target.key !== undefined && head) {
    if (head.ok) {
      headStatus = 200;
      settings.objectExists = true;
      const keyId = head.value.SSEKMSKeyId;
      if (head.value.ServerSideEncryption?.startsWith("aws:kms") && keyId) {
        const kms = new sdk.kms.KMSClient(cfg);
        const kp = await read(() => kms.send(new sdk.kms.GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" })));
        settings.kms = { keyArn: keyId, keyPolicy: kp.ok && kp.value.Policy ? { name: `key policy of ${keyId}`, document: kp.value.Policy } : null };
        if (!kp.ok) notes.push(`KMS key policy of ${keyId}: could not read (${kp.error}); treated as absent`);
      }
      const objectAcl = await read(() => s3.send(new sdk.s3.GetObjectAclCommand({ Bucket, Key: target.key })));
      const oa = note(notes, "object ACL", objectAcl);
      settings.objectAcl = toGrants(oa?.Grants);
      if (oa?.Owner?.ID && acl?.Owner?.ID && oa.Owner.ID !== acl.Owner.ID) notes.push(`the object is owned by canonical user ${oa.Owner.ID}, not the bucket owner`);
    } else if (head.absent) {
      headStatus = 404;
      settings.objectExists = false;
      notes.push("HeadObject: 404, the key does not exist");
    } else {
      headStatus = head.status;
      notes.push(`HeadObject: ${head.status ? `HTTP ${head.status}` : head.error} (S3 itself refused; the verdict explains why)`);
    }
  }

  const details = await authorizationDetails(sdk, cfg);
  const resourcePolicy: NamedPolicy | null = policyText ? { name: `bucket policy of ${Bucket}`, document: policyText } : null;
  const https = !o.endpointUrl || o.endpointUrl.startsWith("https:");
  const context = { "aws:SecureTransport": String(https) };
  let input: SimulateInput;
  if (details.ok) {
    try {
      input = fromAuthorizationDetails(details.value, { principal, action, resource, context, resourcePolicy });
    } catch (e) {
      notes.push(`identity policies: ${(e as Error).message}; evaluated without them`);
      input = { request: { principal, action, resource, context }, policies: { identity: [], resource: resourcePolicy } };
    }
  } else {
    notes.push(`identity policies: could not read (${details.error}); evaluated without them, so an implicit deny from the identity side is uncertain`);
    input = { request: { principal, action, resource, context }, policies: { identity: [], resource: resourcePolicy } };
  }
  if (sameAccount !== undefined) input.sameAccount = sameAccount;
  if (sameAccount && account) input.request.resourceAccount = account;
  notes.push("SCPs and RCPs are not read (they live in the organization's management account); pass them with aws simulate --scp/--rcp");
  input.settings = { s3: settings };
  return { input, notes, ...(headStatus !== undefined ? { headStatus } : {}) };
};
