// The public contract of the IAM evaluator: the `why403 aws simulate` file format (SimulateInput)
// and its answer (Verdict). Other commands (CloudFront, API Gateway, S3) build a SimulateInput and
// call `evaluate`; names here are stable — add fields, never rename.
import type { CauseId } from "../../model/taxonomy.js";

/** A policy document as AWS stores it (parsed JSON). Validated by the evaluator, not by the type. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatementJson | PolicyStatementJson[];
}

/** One statement as written in a policy (before validation). */
export interface PolicyStatementJson {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: PrincipalJson;
  NotPrincipal?: PrincipalJson;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, ConditionValueJson>>;
}

export type PrincipalJson = "*" | Partial<Record<"AWS" | "Service" | "Federated" | "CanonicalUser", string | string[]>>;
export type ConditionValueJson = string | number | boolean | (string | number | boolean)[];

/** A policy: a raw document, or a document with the name (or file) to cite in verdicts. */
export type PolicyInput = PolicyDocument | NamedPolicy;

export interface NamedPolicy {
  name: string;
  document: PolicyDocument | string;
}

/** A request context value: a string (or number/boolean, compared as text) or a multivalued key. */
export type ContextValue = string | number | boolean | (string | number | boolean)[];

export interface SimulateRequest {
  /**
   * The caller: an ARN (arn:aws:iam::111122223333:user/alice, arn:aws:sts::…:assumed-role/R/S,
   * arn:aws:iam::…:role/R, arn:aws:sts::…:federated-user/N, arn:aws:iam::…:root), a service
   * principal (cloudfront.amazonaws.com) or "anonymous".
   */
  principal: string;
  /** service:Action, e.g. s3:GetObject */
  action: string;
  /** The resource ARN, or "*" for actions that take no resource. */
  resource: string;
  /** The account that owns the resource (12 digits); defaults to the principal's account. */
  resourceAccount?: string;
  /** The complete request context: a key not listed is absent, never invented. Keys are case-insensitive. */
  context?: Record<string, ContextValue>;
}

/** Which policies apply. SCP and RCP arrays hold one document per level (root, OU…, account). */
export interface SimulatePolicies {
  identity?: PolicyInput[];
  resource?: PolicyInput | null;
  scp?: PolicyInput[];
  rcp?: PolicyInput[];
  boundary?: PolicyInput | null;
  session?: PolicyInput | null;
}

/** S3 Block Public Access flags (account, bucket or access point level). */
export interface BlockPublicAccess {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/** An S3 ACL grant, as GetBucketAcl / GetObjectAcl return it. */
export interface AclGrant {
  grantee: { type: "CanonicalUser" | "Group" | "AmazonCustomerByEmail"; id?: string; uri?: string; email?: string };
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

export interface S3Settings {
  /** Block Public Access at each level; the most restrictive wins. */
  blockPublicAccess?: { account?: BlockPublicAccess | null; bucket?: BlockPublicAccess | null; accessPoint?: BlockPublicAccess | null };
  /** BucketOwnerEnforced disables ACLs. */
  objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";
  bucketOwnerCanonicalId?: string;
  /** The canonical user id of the caller (for ACL grants to CanonicalUser). */
  callerCanonicalId?: string;
  bucketAcl?: AclGrant[] | null;
  objectAcl?: AclGrant[] | null;
  /** The object's owner account, when it differs from the bucket owner (ObjectWriter uploads). */
  objectOwnerAccount?: string;
  /** false when the key does not exist: without s3:ListBucket S3 answers 403, not 404. */
  objectExists?: boolean;
  /** SSE-KMS: the key and its key policy (plus the caller's identity policies, already given). */
  kms?: { keyArn: string; keyPolicy: PolicyInput | null; keyAccount?: string; context?: Record<string, ContextValue> } | null;
  /** The access point the request went through, and its policy. */
  accessPoint?: { arn: string; policy: PolicyInput | null; networkOrigin?: "Internet" | "VPC" } | null;
  /** The VPC endpoint policy when the request came through a gateway/interface endpoint. */
  vpcEndpointPolicy?: PolicyInput | null;
}

/** Inputs that are not policies. */
export interface SimulateSettings {
  s3?: S3Settings;
  /** The principal belongs to the management account: SCPs do not apply to it. */
  managementAccount?: boolean;
  /** The resource belongs to the management account: RCPs do not apply to it. */
  resourceInManagementAccount?: boolean;
  /** The principal is a service-linked role: SCPs do not apply to it. */
  serviceLinkedRole?: boolean;
}

export interface SimulateInput {
  request: SimulateRequest;
  policies: SimulatePolicies;
  /** Whether principal and resource are in the same account; derived from the ARNs when absent. */
  sameAccount?: boolean;
  settings?: SimulateSettings;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export type PolicyType =
  | "identity"
  | "resource"
  | "scp"
  | "rcp"
  | "boundary"
  | "session"
  | "kms-key"
  | "access-point"
  | "vpc-endpoint"
  | "acl"
  | "block-public-access"
  | "object-ownership"
  | "object"
  | "unknown";

/** One condition as it was checked against the request. */
export interface ConditionCheck {
  operator: string;
  key: string;
  policyValues: string[];
  /** The request context value(s); undefined when the key was absent. */
  contextValue?: string | string[];
  result: boolean;
}

/** A statement (or, for a policy that allowed nothing, a policy) that decided the verdict. */
export interface DecidingStatement {
  policyType: PolicyType;
  /** The policy name or file, as given (or a generated name like "identity[0]"). */
  policy: string;
  /** The Sid, or "#index" (0-based) when the statement has none; absent when no statement applies. */
  statement?: string;
  index?: number;
  effect?: "Allow" | "Deny";
  /** What matched: the action pattern, resource pattern, principal and the conditions checked. */
  matchedAction?: string;
  matchedResource?: string;
  matchedPrincipal?: string;
  conditions?: ConditionCheck[];
  /** Why this entry decides, in one sentence. */
  reason: string;
  /** For a policy that allowed nothing: the statement that came closest, and where it stopped. */
  closest?: string;
}

/** The smallest change that would turn a denial into Allow, and how to confirm it. */
export interface VerdictFix {
  kind: "add-statement" | "satisfy-condition" | "change-deny" | "change-setting";
  summary: string;
  policyType: PolicyType;
  policy?: string;
  /** A statement to add (kind add-statement), as JSON. */
  statement?: PolicyStatementJson;
  /** The condition that failed and the context value that failed it (kind satisfy-condition / change-deny). */
  condition?: ConditionCheck;
  /** The `aws iam simulate-principal-policy` command that confirms the verdict. */
  simulateCommand?: string;
  /** Further changes needed when more than one layer lacks an Allow (each alone is not enough). */
  also?: VerdictFix[];
}

export interface Verdict {
  decision: Decision;
  deciding: DecidingStatement[];
  explain: string[];
  fix?: VerdictFix;
  /** The why403 cause id this verdict is an instance of (no-allow, explicit-deny, kms-denied …). */
  cause?: CauseId;
}
