import { defineCause } from "../schema.js";

export default defineCause({
  id: "kms-denied",
  title: "The caller may not use the KMS key that encrypts this data",
  why: "Data encrypted with a customer managed KMS key (S3 SSE-KMS objects, Secrets Manager secrets, SSM SecureString parameters, encrypted Lambda environment variables, EBS/RDS) can only be read or written by a caller that may also use the key: `kms:Decrypt` to read, `kms:GenerateDataKey` to write. The key policy must allow it (directly or by delegating to IAM), and the caller's IAM policy too when the key policy delegates. Cross-account keys need both sides. The key may also be disabled, pending deletion, in another region, or its alias may point elsewhere. S3 often reports this as a plain AccessDenied.",
  fix: [
    "Find the key: `aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY}` (with credentials that can read metadata) shows `SSEKMSKeyId`; `aws kms describe-key --key-id KEY_ID` shows its state and account.",
    "Allow the caller to use it: add `kms:Decrypt` (reads) and `kms:GenerateDataKey` (writes) on the key ARN to {principal|the caller}'s policy, and make sure the key policy allows it (`aws kms get-key-policy --key-id KEY_ID --policy-name default`); for cross-account keys add the caller's role ARN to the key policy as well.",
    "If the key is disabled or pending deletion: `aws kms enable-key --key-id KEY_ID` or `aws kms cancel-key-deletion --key-id KEY_ID`.",
    "AWS managed keys (`aws/s3`, `aws/ssm`) cannot be shared across accounts: re-encrypt with a customer managed key for cross-account readers.",
  ],
  verify: [
    "aws kms decrypt --ciphertext-blob fileb://sample.enc --query KeyId (as the caller; expect the key ARN, not AccessDeniedException)",
    "aws s3api get-object --bucket {bucket|BUCKET} --key {key|KEY} /tmp/out (expect success)",
  ],
  separate:
    "Read an unencrypted (or SSE-S3) object in the same bucket with the same caller, or run `aws kms describe-key`/`decrypt` as that caller: the unencrypted read succeeding while KMS calls fail isolates the key; both failing points at the S3 permission itself (no-allow, resource-policy-deny).",
  mistakes: [
    "Granting s3:GetObject and stopping there: SSE-KMS objects also need kms:Decrypt.",
    "Editing the IAM policy when the key policy does not delegate to IAM (no `arn:aws:iam::ACCOUNT:root` statement).",
    "Calling from another region: KMS keys are regional (use a multi-region key or the right region).",
  ],
  sources: [
    "https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
  ],
  signals: [
    {
      id: "kms-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bKMS\.(?:AccessDenied|Disabled|KMSInvalidState|NotFound|KeyUnavailable|InvalidKeyUsage)Exception\b|The ciphertext refers to a customer master key that does not exist|\bKMS key\b[^\n]{0,80}\b(?:not authorized|access denied|is disabled|pending deletion|not found)\b|\bKMSInvalidStateException\b|\bDisabledException\b[^\n]{0,60}\bkey\b|\bkms:(?:Decrypt|GenerateDataKey\w*|Encrypt|ReEncrypt\w*|CreateGrant)\b/,
        },
      ],
      weight: 0,
      causes: { "kms-denied": 0.85 },
      detail: "the message names KMS or a KMS key permission",
      sources: ["https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html"],
    },
    {
      id: "kms-action-not-authorized",
      role: "hint",
      when: [{ on: "body", match: /not authorized to perform:?\s*kms:[A-Za-z]+/ }],
      weight: 0,
      causes: { "kms-denied": 0.93 },
      detail: "the denied action is a KMS key operation",
    },
  ],
  examples: [
    {
      name: "S3 download of an object encrypted with a key the caller may not use",
      source: "https://github.com/ministryofjustice/modernisation-platform/issues/3468",
      input: "download failed: s3://modernisation-platform-software20230224000709766100000001/laa-platform/cloudwatch-agent-config/config.json to ../../opt/aws/amazon-cloudwatch-agent/bin/config.json An error occurred (AccessDenied) when calling the GetObject operation: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.",
      expect: { cause: "kms-denied" },
    },
    {
      name: "role without kms:Decrypt",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input: "An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/app-role/i-0abc123 is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action",
      expect: { cause: "kms-denied" },
    },
    {
      name: "a plain S3 action denial is not a KMS problem",
      source: "https://github.com/alphagov/govuk-infrastructure/pull/2439",
      input: "User: arn:aws:sts::210287912431:assumed-role/terraform-cloud/terraform-run-h7rD1XcGWxHMDCG7 is not authorized to perform: iam:PassRole on resource: arn:aws:iam::210287912431:role/govuk-chat-bedrock-access-role because no identity-based policy allows the iam:PassRole action",
      expect: { notCause: "kms-denied" },
    },
  ],
});
