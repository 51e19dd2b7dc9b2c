import { defineCause } from "../schema.js";

export default defineCause({
  id: "resource-policy-deny",
  title: "The resource's own policy (bucket, key, API or trust policy) denies or does not allow {principal|the caller}",
  why: "Many AWS resources carry their own policy: S3 bucket policies, API Gateway resource policies, KMS key policies, IAM role trust policies, Lambda function policies, SQS/SNS/ECR/Secrets Manager policies, VPC endpoint policies. A Deny there (often with `aws:SourceVpce`, `aws:SourceIp`, `aws:PrincipalOrgID` or `aws:SecureTransport` conditions) blocks the caller whatever its own IAM policy says. For cross-account calls, and for anonymous callers, the resource policy must also contain an Allow: an IAM Allow in another account is not enough.",
  fix: [
    "Read the resource's policy and find the statement that matches: `aws s3api get-bucket-policy --bucket {bucket|BUCKET} --query Policy --output text`, `aws apigateway get-rest-api --rest-api-id {apiId|API_ID} --query policy`, `aws lambda get-policy --function-name FUNCTION`, `aws kms get-key-policy --key-id KEY --policy-name default`.",
    "Add the caller to the Allow (its exact role ARN or account as `Principal`) or narrow the Deny so it no longer matches (check each `Condition` against how the call is made: through which VPC endpoint, from which IP, over HTTPS).",
    "API Gateway: after editing the resource policy, deploy the API again (`aws apigateway create-deployment --rest-api-id {apiId|API_ID} --stage-name {stage|STAGE}`); the policy only applies after a deployment.",
    "For cross-account access, keep both sides: an Allow in the caller's identity policy and an Allow for the caller in the resource policy.",
    "Assuming a role: the role's trust policy must name the caller (`aws iam get-role --role-name ROLE --query Role.AssumeRolePolicyDocument`); for OIDC (GitHub Actions, EKS service accounts) its `sub`/`aud` conditions must match the token exactly, including case.",
  ],
  verify: [
    "aws iam simulate-custom-policy --policy-input-list file://identity.json --resource-policy file://resource-policy.json --action-names {action|ACTION} --resource-arns {resource|RESOURCE_ARN} --caller-arn {principal|CALLER_ARN} (expect allowed)",
    "Repeat the original call (expect success)",
  ],
  separate:
    "Run `aws iam simulate-principal-policy` for the caller: `allowed` for the identity while the real call fails means the denial comes from the resource side (this cause, or a KMS key policy / SCP); then read the resource policy for a Deny whose conditions match the request, or a missing Allow for a cross-account or anonymous caller.",
  mistakes: [
    "Fixing the caller's IAM policy when the bucket or API policy holds the Deny.",
    "A bucket policy Deny on `aws:SourceVpce` or `aws:SourceIp` that also locks out the console and CI (they do not come through the VPC endpoint).",
    "Forgetting to redeploy an API Gateway REST API after changing its resource policy.",
    "Using `\"Principal\": {\"AWS\": \"arn:aws:iam::ACCOUNT:role/NAME\"}` for a role that was deleted and recreated (the policy keeps the old unique ID).",
  ],
  sources: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html",
  ],
  signals: [
    {
      id: "resource-based-policy",
      role: "hint",
      when: [{ on: "body", match: /with an explicit deny in a resource-based policy|because no resource-based policy allows the [\w-]+:[\w*]+ action/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.9 },
      detail: "AWS names a resource-based policy (bucket, key, API, function policy) as the reason",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"],
    },
    {
      id: "vpc-endpoint-policy",
      role: "hint",
      when: [{ on: "body", match: /with an explicit deny in a VPC endpoint policy|because no VPC endpoint policy allows the [\w-]+:[\w*]+ action/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.75, "ip-denied": 0.25 },
      detail: "AWS names the VPC endpoint policy the request passed through",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html"],
    },
    {
      id: "anonymous-caller",
      role: "hint",
      when: [{ on: "body", match: /User: anonymous is not authorized to perform:?\s*[\w-]+:[\w*]+/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.55, "auth-missing": 0.25 },
      detail: "an unsigned (anonymous) caller: only a resource policy can allow it, and this one does not",
      sources: ["https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden"],
    },
    {
      id: "role-trust-policy",
      role: "hint",
      when: [{ on: "body", match: /\bnot authorized to perform:?\s*sts:AssumeRole(?:WithWebIdentity|WithSAML)?\b/i }],
      weight: 0,
      causes: { "resource-policy-deny": 0.6, "no-allow": 0.25 },
      detail: "assuming a role failed: the role's trust policy (its resource policy) does not trust this caller or its token claims",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html"],
    },
  ],
  examples: [
    {
      name: "S3 bucket policy denies the caller",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input: "An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" with an explicit deny in a resource-based policy",
      expect: { cause: "resource-policy-deny" },
    },
    {
      name: "API Gateway resource policy does not allow an unsigned caller",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-ErrorType: AccessDeniedException\r\n\r\n{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets\"}",
      expect: { cause: "resource-policy-deny" },
    },
    {
      name: "S3 call through a VPC endpoint whose policy denies it",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input: "An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" with an explicit deny in a VPC endpoint policy",
      expect: { cause: "resource-policy-deny" },
    },
    {
      name: "GitHub OIDC token does not match the role's trust policy",
      source: "https://github.com/aws-actions/configure-aws-credentials/issues/1100",
      input: "Assuming role with OIDC\nError: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity",
      expect: { cause: "resource-policy-deny" },
    },
    {
      name: "an identity-policy gap is not a resource-policy problem",
      source: "https://github.com/aws-ia/terraform-aws-bedrock/issues/41",
      input: "Encountered error: User: arn:aws:sts::123456789012:assumed-role/AmazonBedrockExecutionRoleForKnowledgeBase-0zsq/DocumentLoaderTask-5XTW0UCZED is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::test-s3-docs/Amazon-2021-Annual-Report.pdf\" because no identity-based policy allows the s3:GetObject action (Service: S3, Status Code: 403, Request ID: DMQ0JBGWMA82PDQ9)",
      expect: { notCause: "resource-policy-deny" },
    },
  ],
});
