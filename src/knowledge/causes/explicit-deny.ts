import { defineCause } from "../schema.js";

export default defineCause({
  id: "explicit-deny",
  title: "A Deny statement matches {action|this action} for {principal|the caller}",
  why: "In AWS policy evaluation an explicit `Deny` that matches the request wins over every `Allow`, in any policy that applies. Adding permissions cannot fix it: the Deny has to stop matching. Typical sources are guard-rail statements in identity policies (deny without MFA, deny outside a region or VPC, deny by tag, `NotAction` lists), condition keys that evaluate differently than expected, or a managed policy attached through a group. When the message names the policy type (identity-based, resource-based, SCP, permissions boundary, session policy), look only there.",
  fix: [
    "List every policy that applies to {principal|the caller} and find Deny statements matching `{action|ACTION}` on `{resource|RESOURCE}`: `aws iam list-attached-role-policies --role-name ROLE`, `aws iam list-role-policies --role-name ROLE`, then `aws iam get-policy-version` / `get-role-policy`; for users also the policies of their groups.",
    "Check the Deny's `Condition` block against the request context (aws:MultiFactorAuthPresent, aws:RequestedRegion, aws:SourceIp, aws:SourceVpce, aws:PrincipalTag/...): a Deny with a condition key that is absent from the request may still match (`...IfExists`, `Null`).",
    "Change the statement so it no longer matches (narrow `Action`/`Resource`, add the principal to an exception condition) or satisfy its condition (e.g. call with MFA session credentials).",
    "For EC2-style encoded messages, decode them: `aws sts decode-authorization-message --encoded-message MESSAGE` shows the matched statement.",
  ],
  verify: [
    "aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|ACTION} --resource-arns {resource|RESOURCE_ARN} (expect EvalDecision allowed, not explicitDeny)",
  ],
  separate:
    "Run `aws iam simulate-principal-policy` for the caller, action and resource: `explicitDeny` with a MatchedStatement from an identity policy confirms this cause; `implicitDeny` means no Allow (no-allow); `allowed` while the real call fails points at a policy the simulator does not see (SCP/RCP, resource policy, VPC endpoint policy, KMS key policy).",
  mistakes: [
    "Adding more Allow statements (or AdministratorAccess): an explicit Deny still wins.",
    "Testing with a different identity (your admin user) than the one in the error message (an assumed role session).",
    "Missing a Deny inherited from a group or a managed policy with `NotAction`.",
  ],
  sources: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
    "https://repost.aws/knowledge-center/iam-explicit-deny-errors",
  ],
  signals: [
    {
      id: "identity-policy-deny",
      role: "hint",
      when: [{ on: "body", match: /with an explicit deny in an identity-based policy/ }],
      weight: 0,
      causes: { "explicit-deny": 0.9 },
      detail: "AWS names an identity-based policy as the one that explicitly denies",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"],
    },
    {
      id: "explicit-deny-untyped",
      role: "hint",
      when: [{ on: "body", match: /is not authorized to perform:?\s*(?<deniedAction>[\w-]+:[\w*]+)[\s\S]{0,500}?with an explicit deny(?! in )/ }],
      weight: 0,
      causes: { "explicit-deny": 0.75, "resource-policy-deny": 0.2, "org-policy-deny": 0.15 },
      detail: "AWS reports an explicit deny without naming the policy type (older message format): usually an identity policy, sometimes a resource policy or SCP",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"],
    },
  ],
  examples: [
    {
      name: "Step Functions role invoking Lambda denied by an identity policy",
      source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
      input: "An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:sts::123456789012:assumed-role/StatesRole/session is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:process-order with an explicit deny in an identity-based policy",
      expect: { cause: "explicit-deny" },
    },
    {
      name: "older message without the policy type",
      source: "https://repost.aws/knowledge-center/iam-explicit-deny-errors",
      input: "An error occurred (AccessDenied) when calling the RunInstances operation: User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit deny",
      expect: { cause: "explicit-deny" },
    },
    {
      name: "an explicit deny in a service control policy is an organisation guard-rail",
      source: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2322",
      input: "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/eks-lbc/1635240000 is not authorized to perform: waf-regional:GetWebACLForResource on resource: arn:aws:waf-regional:eu-west-1:123456789012:*/* with an explicit deny in a service control policy",
      expect: { notCause: "explicit-deny" },
    },
  ],
});
