// Builds a SimulateInput from `aws iam get-account-authorization-details` output: the caller's
// inline, group and managed policies and its permissions boundary, as the account holds them.
import { WhyError } from "../../model/errors.js";
import { splitArn } from "./arn.js";
import type { ContextValue, NamedPolicy, PolicyDocument, SimulateInput } from "./types.js";

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocument | string;
}
interface Attached {
  PolicyName?: string;
  PolicyArn: string;
}
interface Boundary {
  PermissionsBoundaryArn?: string;
}
interface Tag {
  Key: string;
  Value: string;
}
interface UserDetail {
  UserName: string;
  Arn: string;
  UserPolicyList?: InlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: Attached[];
  PermissionsBoundary?: Boundary;
  Tags?: Tag[];
}
interface GroupDetail {
  GroupName: string;
  GroupPolicyList?: InlinePolicy[];
  AttachedManagedPolicies?: Attached[];
}
interface RoleDetail {
  RoleName: string;
  Arn: string;
  RolePolicyList?: InlinePolicy[];
  AttachedManagedPolicies?: Attached[];
  PermissionsBoundary?: Boundary;
  Tags?: Tag[];
}
interface ManagedPolicy {
  PolicyName: string;
  Arn: string;
  PolicyVersionList?: { Document: PolicyDocument | string; IsDefaultVersion?: boolean }[];
}

export interface AuthorizationDetails {
  UserDetailList?: UserDetail[];
  GroupDetailList?: GroupDetail[];
  RoleDetailList?: RoleDetail[];
  Policies?: ManagedPolicy[];
}

export const isAuthorizationDetails = (v: unknown): v is AuthorizationDetails =>
  typeof v === "object" && v !== null && ("UserDetailList" in v || "RoleDetailList" in v || "GroupDetailList" in v);

export interface DetailsRequest {
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  resourcePolicy?: NamedPolicy | null;
  scp?: NamedPolicy[];
  rcp?: NamedPolicy[];
  session?: NamedPolicy | null;
}

/** IAM returns policy documents URL-encoded; the CLI decodes them. Accept both, keep JSON. */
const readable = (doc: PolicyDocument | string): PolicyDocument | string => {
  if (typeof doc !== "string") return doc;
  const text = /^\s*%7B/i.test(doc) ? decodeURIComponent(doc) : doc;
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch {
    return text; // the evaluator reports it as malformed, naming the policy
  }
};

const managed = (details: AuthorizationDetails, arn: string): NamedPolicy => {
  const p = details.Policies?.find((x) => x.Arn === arn);
  const version = p?.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? p?.PolicyVersionList?.[0];
  if (!p || !version) {
    throw new WhyError(
      "SIMULATE_INVALID",
      `managed policy ${arn} is attached but its document is not in the authorization details (run get-account-authorization-details without --filter)`,
      { field: "Policies" },
    );
  }
  return { name: `managed policy ${p.PolicyName} (${arn})`, document: readable(version.Document) };
};

const inline = (owner: string, list: InlinePolicy[] | undefined): NamedPolicy[] =>
  (list ?? []).map((p) => ({ name: `${owner} inline policy ${p.PolicyName}`, document: readable(p.PolicyDocument) }));

/** Finds the caller (user, role, or the role of an assumed-role session) and gathers its policies. */
export const fromAuthorizationDetails = (details: AuthorizationDetails, req: DetailsRequest): SimulateInput => {
  const arn = splitArn(req.principal);
  const session = arn?.service === "sts" ? /^assumed-role\/([^/]+)\//.exec(arn.resource)?.[1] : undefined;
  const user = details.UserDetailList?.find((u) => u.Arn === req.principal);
  const role = details.RoleDetailList?.find((r) => r.Arn === req.principal || (session !== undefined && r.RoleName === session));
  if (!user && !role) {
    throw new WhyError("SIMULATE_INVALID", `${req.principal} is not a user or role in the authorization details`, { field: "--principal" });
  }
  const identity: NamedPolicy[] = [];
  let boundaryArn: string | undefined;
  let tags: Tag[] = [];
  const context: Record<string, ContextValue> = {};
  if (user) {
    identity.push(...inline(`user ${user.UserName}`, user.UserPolicyList));
    identity.push(...(user.AttachedManagedPolicies ?? []).map((a) => managed(details, a.PolicyArn)));
    for (const g of user.GroupList ?? []) {
      const group = details.GroupDetailList?.find((x) => x.GroupName === g);
      if (!group) throw new WhyError("SIMULATE_INVALID", `group ${g} of ${user.UserName} is not in the authorization details`, { field: "GroupDetailList" });
      identity.push(...inline(`group ${g}`, group.GroupPolicyList));
      identity.push(...(group.AttachedManagedPolicies ?? []).map((a) => managed(details, a.PolicyArn)));
    }
    boundaryArn = user.PermissionsBoundary?.PermissionsBoundaryArn;
    tags = user.Tags ?? [];
    context["aws:username"] = user.UserName;
    context["aws:PrincipalArn"] = user.Arn;
  } else if (role) {
    identity.push(...inline(`role ${role.RoleName}`, role.RolePolicyList));
    identity.push(...(role.AttachedManagedPolicies ?? []).map((a) => managed(details, a.PolicyArn)));
    boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
    tags = role.Tags ?? [];
    context["aws:PrincipalArn"] = role.Arn;
  }
  if (arn?.account) context["aws:PrincipalAccount"] = arn.account;
  for (const t of tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
  // what the account says about the caller, unless the user said otherwise
  Object.assign(context, req.context ?? {});
  return {
    request: { principal: req.principal, action: req.action, resource: req.resource, context },
    policies: {
      identity,
      resource: req.resourcePolicy ?? null,
      scp: req.scp ?? [],
      rcp: req.rcp ?? [],
      boundary: boundaryArn ? managed(details, boundaryArn) : null,
      session: req.session ?? null,
    },
  };
};
