import { defineCause } from "../schema.js";

export default defineCause({
  id: "no-allow",
  title: "No policy allows {action|this action} for {principal|the caller}",
  why: "Access is denied by default: unless some rule that applies allows this action on this resource (an IAM or resource policy statement, a role binding, a web server's `Require`/`allow` line) and nothing denies it, the request is refused without any rule naming it. The usual reasons are a missing action or verb in the grant, a grant on the wrong resource (in AWS: the bucket ARN vs `bucket/*`, another region or account), a condition that does not hold, or the request being made by another identity than the one you changed.",
  fix: [
    "Add an Allow for `{action|ACTION}` on `{resource|RESOURCE_ARN}` to a policy attached to {principal|the role or user in the error}; for S3 objects the resource is `arn:aws:s3:::BUCKET/*`, for ListBucket it is `arn:aws:s3:::BUCKET`.",
    "Make sure the identity in the error is the one you changed: `aws sts get-caller-identity` from the failing environment (Lambda, ECS task, EC2 instance profile, CI runner).",
    "For non-AWS systems the same idea applies: add the rule or role binding that allows this verb on this resource (Kubernetes `kubectl create rolebinding`, GCP `gcloud projects add-iam-policy-binding`, Envoy/Istio `AuthorizationPolicy` with an ALLOW rule).",
  ],
  verify: [
    "aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|ACTION} --resource-arns {resource|RESOURCE_ARN} (expect allowed)",
    "Repeat the original call from the same environment (expect success)",
  ],
  separate:
    "Ask the deciding system which identity it saw and whether anything allows it. AWS: `aws sts get-caller-identity` where the call fails, then `aws iam simulate-principal-policy` for that ARN, action and resource (`implicitDeny`: no Allow exists; `explicitDeny`: a Deny statement, see explicit-deny; `allowed` while the call fails: a resource policy, SCP/RCP, boundary or KMS key policy). Kubernetes: `kubectl auth can-i VERB RESOURCE --as USER`. Web servers: the access rules of the location or directory that serves the path.",
  mistakes: [
    "Allowing `s3:GetObject` on `arn:aws:s3:::bucket` (the bucket) instead of `arn:aws:s3:::bucket/*` (its objects).",
    "Editing the policy of your console user while the workload runs as an assumed role.",
    "Forgetting the actions behind one SDK call (e.g. `iam:PassRole`, `kms:Decrypt`, `s3:ListBucket` for a HeadObject on a missing key).",
  ],
  sources: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
    "https://docs.aws.amazon.com/cli/latest/reference/iam/simulate-principal-policy.html",
  ],
  signals: [
    {
      id: "no-identity-policy-allows",
      role: "hint",
      when: [{ on: "body", match: /because no identity-based policy allows the (?<deniedAction>[\w-]+:[\w*]+) action/ }],
      weight: 0,
      causes: { "no-allow": 0.9 },
      detail: "AWS: no identity-based policy of the caller allows the action (implicit deny)",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"],
    },
    {
      id: "not-authorized-untyped",
      role: "hint",
      when: [
        { on: "body", match: /User: arn:aws[\w-]*:(?:iam|sts)::\d{12}:\S+ is not authorized to perform:?\s*[\w-]+:[\w*]+/ },
        { on: "body", match: /explicit deny|because no [\w -]+ polic(?:y|ies) allows?|because public|are blocked by the Block|are prevented by the Block|perform:?\s*sts:AssumeRole/, absent: true },
      ],
      weight: 0,
      causes: { "no-allow": 0.6 },
      detail: "AWS: the caller is not authorized and no explicit deny is reported (older message format: usually no Allow)",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"],
    },
    {
      id: "ec2-unauthorized-operation",
      role: "hint",
      when: [{ on: "body", match: /\bUnauthorizedOperation\b|You are not authorized to perform this operation\. (?:User: \S+ is not authorized|Encoded authorization failure message)/ }],
      weight: 0,
      causes: { "no-allow": 0.55, "explicit-deny": 0.2 },
      detail: "EC2-style denial; the encoded authorization message tells allow vs deny",
      sources: ["https://docs.aws.amazon.com/cli/latest/reference/sts/decode-authorization-message.html"],
    },

    {
      id: "probe-key-exists",
      role: "hint",
      when: [{ on: "probe", name: "s3-key-listed" }],
      weight: 0,
      causes: { "no-allow": 0.5, "object-missing-masked": -0.9 },
      responders: ["aws-s3"],
      detail: "live probe: the bucket listing shows the key exists: the caller may list the bucket but not read this object",
    },
  ],
  examples: [
    {
      name: "Terraform role may not pass a role (implicit deny)",
      source: "https://github.com/alphagov/govuk-infrastructure/pull/2439",
      input: "operation error Bedrock: PutModelInvocationLoggingConfiguration, https response error StatusCode: 403, User: arn:aws:sts::210287912431:assumed-role/terraform-cloud/terraform-run-h7rD1XcGWxHMDCG7 is not authorized to perform: iam:PassRole on resource: arn:aws:iam::210287912431:role/govuk-chat-bedrock-access-role because no identity-based policy allows the iam:PassRole action",
      expect: { cause: "no-allow" },
    },
    {
      name: "batch role without events:ListRules (older message)",
      source: "https://github.com/globaldothealth/list/issues/2539",
      input: "botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the ListRules operation: User: arn:aws:sts::612888738066:assumed-role/gdh-batch-instance-role/i-02aed2dd2308aa610 is not authorized to perform: events:ListRules on resource: arn:aws:events:us-east-1:612888738066:rule/*",
      expect: { cause: "no-allow" },
    },
    {
      name: "EC2 describe call without permission",
      source: "https://github.com/tensult/cloud-reports/issues/74",
      input: "[ERROR] aws.ec2.EC2InstancesCollector failed UnauthorizedOperation: You are not authorized to perform this operation.\n    at Request.extractError (/home/ec2-user/cloud-reports/node_modules/aws-sdk/lib/services/ec2.js:50:35)\n  message: 'You are not authorized to perform this operation.',\n  code: 'UnauthorizedOperation',",
      expect: { cause: "no-allow" },
    },
    {
      name: "a named explicit deny is not an implicit one",
      source: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2322",
      input: "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/eks-lbc/1635240000 is not authorized to perform: waf-regional:GetWebACLForResource on resource: arn:aws:waf-regional:eu-west-1:123456789012:*/* with an explicit deny in a service control policy",
      expect: { notCause: "no-allow" },
    },

    {
      name: "live probe: the key exists (listed) but GetObject is refused",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input: "HTTP/1.1 403 Forbidden\nx-amz-request-id: 9A0D5596C066E400\nx-amz-id-2: Cb1y8kEjyPKd3JzpaxV8cGAsXvA9tzlLaCy4l\nContent-Type: application/xml\nServer: AmazonS3\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>",
      probes: ["s3-key-listed"],
      expect: { cause: "no-allow" },
    },
  ],
});
