import { defineCause } from "../schema.js";

export default defineCause({
  id: "org-policy-deny",
  title: "An organisation guard-rail ({policyType|SCP, RCP, permissions boundary or session policy}) blocks {action|this action}",
  why: "Some policies only limit what other policies can grant: AWS Organizations service control policies (limit principals in member accounts) and resource control policies (limit resources), IAM permissions boundaries, and session policies passed when assuming a role. An explicit Deny in any of them, or the absence of an Allow in an SCP or boundary, denies the request even when the role's own policies allow it. Azure Policy assignments with a Deny effect refuse operations the same way. These are usually owned by a platform or security team, not the account you work in.",
  fix: [
    "Identify the guard-rail named in the message. AWS SCP/RCP: in the management account, `aws organizations list-policies-for-target --target-id ACCOUNT_ID --filter SERVICE_CONTROL_POLICY` (and `RESOURCE_CONTROL_POLICY`), then `aws organizations describe-policy --policy-id ID`; also check the policies on every parent OU.",
    "Permissions boundary: `aws iam get-role --role-name ROLE --query Role.PermissionsBoundary`, then read that policy; the action must be allowed by both the boundary and the role policy.",
    "Session policy: check what the code passes to `sts:AssumeRole` / `AssumeRoleWithWebIdentity` (`Policy`, `PolicyArns`) and the session's source (SSO permission set, federation).",
    "Azure: the error names the assignment (`RequestDisallowedByPolicy`); `az policy assignment list --scope SCOPE` and request an exemption or comply with the rule (allowed regions, SKUs, required tags).",
    "Common SCP conditions to satisfy rather than remove: allowed regions (`aws:RequestedRegion`), required tags, denied services; otherwise ask the organisation admins for an exception.",
  ],
  verify: [
    "aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_ARN} --action-names {action|ACTION} --resource-arns {resource|RESOURCE_ARN} (the simulator covers the permissions boundary; `OrganizationsDecisionDetail` shows whether SCPs allow it)",
    "Repeat the original call (expect success once the guard-rail allows it)",
  ],
  separate:
    "Check which policy type the error names (`in a service control policy`, `in a resource control policy`, `in a permissions boundary`, `in a session policy`); without that, run the same call with the same role from another account or without the session policy: success there points at the guard-rail, failure everywhere at the role's own policy (no-allow, explicit-deny).",
  mistakes: [
    "Adding the permission to the role again and again: an SCP or boundary caps what the role can ever do.",
    "Looking only at the SCP attached to the account and missing the one attached to a parent OU or the root.",
    "Forgetting that SCPs do not affect the management account, so a test from there succeeds.",
  ],
  sources: [
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
    "https://learn.microsoft.com/en-us/azure/governance/policy/troubleshoot/general",
  ],
  signals: [
    {
      id: "aws-guardrail-named",
      role: "hint",
      when: [{ on: "body", match: /(?:with an explicit deny in an?|because no) (?<policyType>service control policy|resource control policy|permissions boundary|session policy)\b/ }],
      weight: 0,
      causes: { "org-policy-deny": 0.9 },
      detail: "AWS names an Organizations policy, permissions boundary or session policy as the reason",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"],
    },
    {
      id: "azure-policy",
      role: "hint",
      when: [{ on: "body", match: /\bRequestDisallowedByPolicy\b|was disallowed by policy\b|disallowed by Azure Policy/ }],
      weight: 0,
      causes: { "org-policy-deny": 0.85 },
      detail: "Azure Policy refused the operation",
      sources: ["https://learn.microsoft.com/en-us/azure/governance/policy/troubleshoot/general"],
    },
  ],
  examples: [
    {
      name: "EKS load balancer controller blocked by an SCP",
      source: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2322",
      input: "{\n  \"level\": \"error\",\n  \"logger\": \"controller-runtime.manager.controller.ingress\",\n  \"msg\": \"Reconciler error\",\n  \"error\": \"AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/eks-lbc/1635240000 is not authorized to perform: waf-regional:GetWebACLForResource on resource: arn:aws:waf-regional:eu-west-1:123456789012:*/* with an explicit deny in a service control policy\"\n}",
      expect: { cause: "org-policy-deny" },
    },
    {
      name: "permissions boundary without the action",
      source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
      input: "An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::123456789012:assumed-role/dev-role/alice is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::team-uploads/report.csv\" because no permissions boundary allows the s3:PutObject action",
      expect: { cause: "org-policy-deny" },
    },
    {
      name: "Azure Policy denies creating a SQL server",
      source: "https://github.com/Azure-Samples/azuresandbox/issues/196",
      input: "Error: creating Server (Subscription: \"xxx\"\nResource Group Name: \"rg-sand-dev-l8qtydir\"\nServer Name: \"sql-sand-dev-l8qtydir\"): performing CreateOrUpdate: unexpected status 403 (403 Forbidden) with error: RequestDisallowedByPolicy: Resource 'sql-sand-dev-l8qtydir' was disallowed by policy. Reasons: 'To learn more about the MCAPS deny policies and ensure compliance, please refer to the following wiki: https://aka.ms/AzPolicyWiki.'. See error details for policy resource IDs.",
      expect: { cause: "org-policy-deny" },
    },
    {
      name: "a missing identity-policy Allow is not a guard-rail",
      source: "https://github.com/aws/aws-pdk/pull/104",
      input: "[FAILED] from custom resource. Message returned: User: arn:aws:sts::123456789012:assumed-role/deploy-role/session is not authorized to perform: wafv2:CreateWebACL on resource: arn:aws:wafv2:us-east-1:123456789012:global/ipset/example/abcd because no identity-based policy allows the wafv2:CreateWebACL action",
      expect: { notCause: "org-policy-deny" },
    },
  ],
});
