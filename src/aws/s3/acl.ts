// S3 ACLs as resource-side grants: each grant becomes an Allow statement (the permission's actions,
// the grantee as principal), so the IAM combination logic treats it like a bucket policy grant.
// AllUsers is everyone; AuthenticatedUsers is every signed AWS request; a canonical user is an account.
import { parsePolicy, type ParsedPolicy } from "../iam/parse.js";
import type { AclGrant, PolicyStatementJson } from "../iam/types.js";

export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

type Permission = AclGrant["permission"];

/** What each ACL permission allows, on the bucket and on an object (S3 "ACL permissions" table). */
const BUCKET: Record<Exclude<Permission, "FULL_CONTROL">, { actions: string[]; objects?: true }> = {
  READ: { actions: ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"] },
  WRITE: { actions: ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"], objects: true },
  READ_ACP: { actions: ["s3:GetBucketAcl"] },
  WRITE_ACP: { actions: ["s3:PutBucketAcl"] },
};
const OBJECT: Record<Exclude<Permission, "FULL_CONTROL" | "WRITE">, string[]> = {
  READ: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"],
  READ_ACP: ["s3:GetObjectAcl", "s3:GetObjectVersionAcl"],
  WRITE_ACP: ["s3:PutObjectAcl", "s3:PutObjectVersionAcl"],
};

export const isPublicGrant = (g: AclGrant): boolean => g.grantee.type === "Group" && (g.grantee.uri === ALL_USERS || g.grantee.uri === AUTHENTICATED_USERS);

const granteeName = (g: AclGrant): string => g.grantee.uri?.split("/").pop() ?? g.grantee.id ?? g.grantee.email ?? "?";

/** The principal for a grant, or undefined when it cannot name this caller (e-mail grantees, unknown groups). */
const principalOf = (g: AclGrant, anonymous: boolean): PolicyStatementJson["Principal"] | undefined => {
  if (g.grantee.type === "CanonicalUser" && g.grantee.id) return { CanonicalUser: g.grantee.id };
  if (g.grantee.uri === ALL_USERS) return "*";
  if (g.grantee.uri === AUTHENTICATED_USERS && !anonymous) return "*";
  return undefined;
};

/** The ACL of a bucket or an object as a policy of type "acl"; undefined when it grants nothing usable. */
export const aclPolicy = (
  name: string,
  grants: AclGrant[],
  level: "bucket" | "object",
  arns: { bucket: string; object: string },
  anonymous: boolean,
): ParsedPolicy | undefined => {
  const statements: PolicyStatementJson[] = [];
  for (const g of grants) {
    const principal = principalOf(g, anonymous);
    if (!principal) continue;
    const perms: Permission[] = g.permission === "FULL_CONTROL" ? (level === "bucket" ? ["READ", "WRITE", "READ_ACP", "WRITE_ACP"] : ["READ", "READ_ACP", "WRITE_ACP"]) : [g.permission];
    for (const perm of perms) {
      if (level === "bucket" && perm !== "FULL_CONTROL") {
        const b = BUCKET[perm];
        statements.push({ Sid: `${g.permission} to ${granteeName(g)}`, Effect: "Allow", Principal: principal, Action: b.actions, Resource: b.objects ? `${arns.bucket}/*` : arns.bucket });
      } else if (level === "object" && perm !== "FULL_CONTROL" && perm !== "WRITE") {
        statements.push({ Sid: `${g.permission} to ${granteeName(g)}`, Effect: "Allow", Principal: principal, Action: OBJECT[perm], Resource: arns.object });
      }
    }
  }
  return statements.length ? parsePolicy({ name, document: { Version: "2012-10-17", Statement: statements } }, "acl", name) : undefined;
};
