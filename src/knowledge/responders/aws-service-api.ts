import { defineResponder } from "../schema.js";

const DOCS_DENIED = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html";
const DOCS_EVAL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";

/** An AWS service endpoint other than S3 and execute-api (those have their own entries). */
const SERVICE_ENDPOINT = /^https?:\/\/(?![^/]*\.execute-api\.)(?!(?:[^/]*[.-])?s3[.-])(?:[a-z0-9-]+\.)+amazonaws\.com(?:\.cn)?(?:[/?#:]|$)/i;

export default defineResponder({
  id: "aws-service-api",
  name: "AWS service API",
  layer: "cloud-api",
  summary:
    "An AWS service API (STS, IAM, EC2, Lambda, DynamoDB, SQS, SNS, KMS, Bedrock, Cognito …) refused a SigV4-signed call: no policy allows the action, an explicit Deny (identity policy, resource policy, SCP/RCP, permissions boundary, session policy), or credentials that are invalid, expired, badly signed or skewed.",
  howToTell: [
    "The message names the caller and the action: `User: arn:aws:sts::123456789012:assumed-role/ROLE/SESSION is not authorized to perform: lambda:InvokeFunction on resource: ARN`, and since 2021 often the policy type: `with an explicit deny in a service control policy`, `because no identity-based policy allows the … action`.",
    "JSON services answer `{\"__type\":\"AccessDeniedException\",\"Message\":…}`; query services `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>`; EC2 `UnauthorizedOperation` with an `Encoded authorization failure message`.",
    "SDKs print the service and operation: `An error occurred (AccessDeniedException) when calling the Invoke operation`, `(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; …)`, `operation error Lambda: Invoke, https response error StatusCode: 403 … api error …`.",
    "`InvalidClientTokenId` / `UnrecognizedClientException` (`The security token included in the request is invalid`) are bad keys or a missing session token, `ExpiredToken(Exception)` an expired session, `SignatureDoesNotMatch` a signing problem.",
  ],
  sources: [DOCS_DENIED, DOCS_EVAL, "https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html", "https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html"],
  signals: [
    {
      id: "kms-ciphertext-key-denied",
      role: "decision",
      when: [{ on: "body", match: /AccessDeniedException:? The ciphertext refers to a (?:customer master key|KMS key) that does not exist, does not exist in this region, or you are not allowed to access/ }],
      weight: 0.75,
      causes: { "kms-denied": 0.85 },
      detail: "AWS KMS refused to decrypt: the caller may not use the key the ciphertext names (or the key is in another region or gone)",
      sources: ["https://docs.aws.amazon.com/kms/latest/developerguide/troubleshooting-key-policies.html"],
    },
    {
      id: "opensearch-fgac-iam-principal",
      role: "decision",
      when: [{ on: "body", match: /no permissions for \[(?<action>[^\]]*)\] and User \[name=(?<principal>arn(?::aws[\w-]*:(?:iam|sts)::[^,\]]*|\*[^,\]]*))/ }],
      weight: 0.85,
      overrides: ["app"],
      causes: { "insufficient-permissions": 0.85 },
      detail: "Amazon OpenSearch Service fine-grained access control: the signed IAM principal is mapped (as user or backend role) to no role that grants this action",
      sources: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html#fgac-mapping"],
    },
    {
      id: "ecr-registry-denied",
      role: "decision",
      when: [{ on: "body", match: /(?<registry>\d{12}\.dkr\.ecr\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com)[^\n]*?(?:denied|403 Forbidden|no basic auth credentials|authorization token has expired)/ }],
      weight: 0.75,
      overrides: ["app"],
      causes: { "auth-missing": 0.3, "insufficient-permissions": 0.3 },
      detail: "Amazon ECR refused a registry request (docker push/pull)",
      sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html"],
    },
    {
      id: "ecr-get-login-message",
      role: "decision",
      when: [{ on: "body", match: /Please run 'aws ecr get-login' to fetch a new one/ }],
      weight: 0.75,
      overrides: ["app"],
      detail: "Amazon ECR's registry error names `aws ecr get-login`",
      sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html"],
    },
    {
      id: "ecr-token-expired",
      role: "hint",
      when: [{ on: "body", match: /Your [Aa]uthorization [Tt]oken has expired\. (?:Reauthenticate and try again|Please run 'aws ecr get-login')/ }],
      weight: 0,
      causes: { "auth-expired": 0.9 },
      detail: "ECR's login token (valid 12 hours) has expired",
      sources: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html"],
    },
    {
      id: "not-authorized-message",
      role: "decision",
      when: [{ on: "body", match: /User:\s+(?<principal>arn:aws[\w-]*:(?:iam|sts)::\d{12}:\S+?(?: \S+?){0,3}|anonymous)\s+is not authorized to perform:?\s*(?<action>(?!s3:|execute-api:)[\w-]+:[\w*]+)(?:\s+on\s+resource:\s*(?<resource>[^\s"',)]+))?/ }],
      weight: 0.75,
      detail: "IAM's access-denied message: the caller, the action and the resource",
      sources: [DOCS_DENIED],
    },
    {
      id: "json-error-type",
      role: "decision",
      when: [{ on: "body", match: /"__type"\s*:\s*"(?:[\w.]+#)?(?<code>AccessDeniedException|UnrecognizedClientException|ExpiredTokenException|InvalidSignatureException|IncompleteSignatureException|MissingAuthenticationTokenException|NotAuthorizedException|UnauthorizedException|AuthorizationErrorException|KMSAccessDeniedException|ForbiddenException)"/ }],
      weight: 0.8,
      detail: "an AWS JSON-protocol error (`__type`)",
      sources: ["https://docs.aws.amazon.com/general/latest/gr/api-retries.html"],
    },
    {
      id: "query-xml-error",
      role: "decision",
      when: [{ on: "body", match: /<ErrorResponse[^>]*>\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>(?<code>\w+)<\/Code>|<Response>\s*<Errors>\s*<Error>\s*<Code>(?<ec2Code>\w+)<\/Code>/ }],
      weight: 0.85,
      detail: "an AWS query-protocol error document (STS, IAM, SNS, SQS, EC2)",
    },
    {
      id: "cli-error-line",
      role: "decision",
      when: [{ on: "body", match: /(?:An error occurred|A client error) \((?<code>\w+)\)(?: occurred)? when calling the (?<operation>\w+) operation/ }],
      weight: 0.7,
      detail: "aws-cli / boto3: an AWS API operation failed",
      sources: ["https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-troubleshooting.html"],
    },
    {
      id: "java-sdk",
      role: "decision",
      when: [{ on: "body", match: /\(Service:\s*(?!Amazon S3;)(?<service>[\w ]+);\s*Status\s+Code:\s*(?<status>\d{3});\s*Error\s+Code:\s*(?<code>\w+)|\(Service:\s*(?!S3,)(?<service2>\w+),\s*Status\s+Code:\s*(?<status2>\d{3}),\s*Request\s+ID:/ }],
      weight: 0.75,
      detail: "AWS SDK for Java (v1 `Service: X; Status Code`, v2 `Service: X, Status Code`)",
    },
    {
      id: "go-sdk-v2",
      role: "decision",
      when: [{ on: "body", match: /operation error (?!S3:)(?<service>[\w ]+): (?<operation>\w+), https response error StatusCode: (?<status>\d{3})/ }],
      weight: 0.8,
      detail: "AWS SDK for Go v2: operation error SERVICE: OPERATION",
    },
    {
      id: "go-sdk-v1",
      role: "decision",
      when: [{ on: "body", match: /\bstatus code: 403, request id: [0-9a-fA-F-]{20,}(?!,? host id)/ }],
      weight: 0.6,
      detail: "AWS SDK for Go v1 (`status code: 403, request id: …`)",
    },
    {
      id: "security-token-text",
      role: "decision",
      when: [{ on: "body", match: /The security token included in the request is (?:invalid|expired)|\bInvalidClientTokenId\b/ }],
      weight: 0.45,
      detail: "AWS rejected the credentials that signed the request (the wording of every SigV4 service)",
    },
    {
      id: "ec2-unauthorized-operation",
      role: "decision",
      when: [{ on: "body", match: /\bUnauthorizedOperation\b|Encoded authorization failure message: (?<encodedMessage>[\w-]{20,})/ }],
      weight: 0.85,
      causes: { "no-allow": 0.35, "explicit-deny": 0.15 },
      detail: "EC2-family UnauthorizedOperation: `aws sts decode-authorization-message` reveals the action, resource and whether a Deny matched",
      sources: ["https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html"],
    },
    {
      id: "sns-authorization-error",
      role: "decision",
      when: [{ on: "body", match: /\(AuthorizationError\) when calling the \w+ operation|Error Code: AuthorizationError|\bAuthorizationErrorException\b/ }],
      weight: 0.8,
      detail: "SNS AuthorizationError",
      sources: ["https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html"],
    },
    {
      id: "bedrock-model-access",
      role: "decision",
      when: [{ on: "body", match: /You don't have access to the model with the specified model ID/ }],
      weight: 0.85,
      causes: { "account-disabled": 0.7, "insufficient-permissions": 0.45 },
      detail: "Bedrock: access to this model is not enabled for the account in this region (or the model id / inference profile is wrong)",
      sources: ["https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html"],
    },
    {
      id: "bedrock-marketplace",
      role: "decision",
      when: [{ on: "body", match: /Model access is denied due to[^\n]{0,120}(?:AWS Marketplace|aws-marketplace)/ }],
      weight: 0.85,
      causes: { "insufficient-permissions": 0.75 },
      detail: "Bedrock: the caller may not subscribe to the model in AWS Marketplace (aws-marketplace:Subscribe / ViewSubscriptions)",
      sources: ["https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html"],
    },
    {
      id: "endpoint-missing-token",
      role: "decision",
      when: [{ on: "url", match: SERVICE_ENDPOINT }, { on: "body", match: /Missing Authentication Token/ }],
      weight: 0.8,
      overrides: ["aws-apigateway"],
      causes: { "auth-missing": 0.75 },
      detail: "an AWS service endpoint got an unsigned request (service APIs answer Missing Authentication Token when no SigV4 signature is present)",
    },
    {
      id: "service-endpoint",
      role: "presence",
      when: [{ on: "url", match: SERVICE_ENDPOINT }],
      weight: 0.5,
      detail: "the URL is an AWS service endpoint",
    },
    {
      id: "assume-role-denied",
      role: "hint",
      when: [{ on: "body", match: /not authorized to perform:?\s*sts:AssumeRole(?:WithWebIdentity|WithSAML)?\b/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.3 },
      detail: "sts:AssumeRole is decided by the role's trust policy as well as the caller's permissions",
    },
  ],
  causes: {
    "no-allow": {
      prior: 0.3,
      title: "No policy allows `{action|the action}` for `{principal|the caller}`",
      fix: [
        "Add an Allow for `{action|service:Action}` on `{resource|the resource ARN}` to the caller's identity policy (IAM console → Roles/Users → {principal|the principal} → Add permissions); for a resource in another account the resource's policy must allow it too.",
        "A role session (assumed-role/ROLE/SESSION) gets its permissions from ROLE: edit the role, not the session.",
        "EC2-family `UnauthorizedOperation` hides the details: `aws sts decode-authorization-message --encoded-message {encodedMessage|ENCODED_MESSAGE} --query DecodedMessage --output text | jq .` shows the action, the resource and whether an explicit Deny matched (the caller needs sts:DecodeAuthorizationMessage).",
      ],
      verify: [
        "aws sts get-caller-identity (the principal you expect)",
        "aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|service:Action} --resource-arns {resource|RESOURCE_ARN} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)",
      ],
    },
    "explicit-deny": {
      prior: 0.1,
      fix: ["Find the Deny statement that matches `{action|the action}`: the identity policies (inline, managed, group), the permissions boundary, the session policy, the resource policy; conditions on region (`aws:RequestedRegion`), MFA, source IP or VPC are common."],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|service:Action} --resource-arns {resource|RESOURCE_ARN} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
    "insufficient-permissions": {
      prior: 0.1,
      fix: ["Grant the missing permission to the caller; if the error names no action, enable CloudTrail and look up the event (`errorCode: AccessDenied`) to see which action and resource were refused."],
      verify: ["aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=SESSION_OR_USER --max-results 20"],
    },
    "auth-invalid": {
      prior: 0.1,
      title: "AWS does not accept the credentials that signed the request",
      fix: [
        "Use a valid, active access key of the right account and partition (`aws configure list` shows which credentials are in use); an environment variable (AWS_ACCESS_KEY_ID) overrides the profile.",
        "With temporary credentials (ASIA… keys) also set AWS_SESSION_TOKEN; keys from an opt-in region or China/GovCloud only work there.",
      ],
      verify: ["aws sts get-caller-identity (expect your account and principal, not InvalidClientTokenId)"],
    },
    "auth-expired": {
      prior: 0.1,
      fix: ["Refresh the temporary credentials (`aws sso login`, re-assume the role, let the SDK's credential provider refresh instead of caching keys); long jobs need a longer role session or a refreshing provider."],
      verify: ["aws sts get-caller-identity (expect success)", "aws configure export-credentials --format env | grep EXPIRATION"],
    },
    "org-policy-deny": {
      prior: 0.08,
      fix: ["An SCP, RCP, permissions boundary or session policy blocks the action: review them in AWS Organizations → Policies (from the management account) or on the role; only an administrator of that policy can change it."],
      verify: ["aws organizations list-policies-for-target --target-id ACCOUNT_ID --filter SERVICE_CONTROL_POLICY"],
    },
    "resource-policy-deny": {
      prior: 0.08,
      fix: ["Check the resource's own policy (Lambda function policy, SQS/SNS access policy, KMS key policy, Secrets Manager resource policy, a role's trust policy for sts:AssumeRole): allow the caller or remove the Deny that matches it."],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|service:Action} --resource-arns {resource|RESOURCE_ARN} --resource-policy file://resource-policy.json (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
    "signature-mismatch": {
      prior: 0.05,
      fix: ["Check that the secret key belongs to the access key, that the request is signed for the service's region and name, and that nothing (a proxy, URL re-encoding) changes the request after signing."],
      verify: ["aws sts get-caller-identity --debug 2>&1 | grep -i 'canonical request' (compare with your signer)"],
    },
    "clock-skew": {
      prior: 0.03,
      fix: ["Sync the clock of the machine or container that signs (NTP); SigV4 allows about 5 minutes of skew."],
      verify: ["date -u; curl -sI https://sts.amazonaws.com | grep -i '^date'"],
    },
    "kms-denied": {
      prior: 0.03,
      fix: ["Allow the caller `kms:Decrypt` / `kms:GenerateDataKey` on the key in the KMS key policy (and its IAM policy), and check the key is enabled."],
      verify: ["aws kms describe-key --key-id KEY_ID --query KeyMetadata.KeyState"],
    },
    "account-disabled": {
      prior: 0.03,
      title: "The account cannot use this model or service yet",
      fix: [
        "Bedrock console → Model access (in the region you call) → request access to the model; Anthropic models need the use-case form once per account. Use the exact model id or inference profile id shown there.",
        "For other services: the service or opt-in region may not be enabled for the account (Account → AWS Regions).",
      ],
      verify: ["aws bedrock list-foundation-models --region {region|REGION} --query \"modelSummaries[].modelId\"", "aws bedrock-runtime converse --model-id MODEL_ID --messages '[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]' (expect a reply)"],
    },
    "auth-missing": {
      prior: 0,
      fix: ["Sign the request with SigV4 (use an SDK or `awscurl --service SERVICE`); AWS service endpoints do not accept unsigned requests."],
      verify: ["awscurl --service SERVICE --region {region|REGION} {url|URL}"],
    },
  },
  examples: [
    {
      name: "KMS Decrypt: the caller may not use the key of the ciphertext",
      source: "https://github.com/aws/aws-encryption-sdk-javascript/issues/1005",
      input: "AccessDeniedException: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.",
      expect: { responder: "aws-service-api", cause: "kms-denied" },
    },
    {
      name: "Amazon OpenSearch Service: an IAM user's requests map to no search role",
      source: "https://github.com/compwright/aws-elasticsearch-connector/issues/28",
      input: "no permissions for [indices:data/read/search] and User [name=arn*&***********, backend_roles=[], requestedTenant=null]",
      expect: { responder: "aws-service-api", cause: "insufficient-permissions" },
    },
    {
      name: "ECR credential helper: the older token-expired wording",
      source: "https://github.com/awslabs/amazon-ecr-credential-helper/issues/7",
      input: "error parsing HTTP 403 response body: unexpected end of JSON input: \"Your Authorization Token has expired. Please run 'aws ecr get-login' to fetch a new one.\"",
      expect: { responder: "aws-service-api", cause: "auth-expired" },
    },
    {
      name: "ECR pull with an expired docker login",
      source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html",
      input: "Error response from daemon: pull access denied for 123456789012.dkr.ecr.us-east-1.amazonaws.com/app, repository does not exist or may require 'docker login': denied: Your authorization token has expired. Reauthenticate and try again.",
      expect: { responder: "aws-service-api", cause: "auth-expired" },
    },
    {
      name: "Step Functions role hits an explicit deny on lambda:InvokeFunction",
      source: "https://github.com/doug-macleod/Pipe-1Dev/issues/13",
      input:
        "User: arn:aws:sts::123456789012:assumed-role/SCF/ImNaYhDWEWEnqwXHDyUIJYXvRnZUCQNG\nis not authorized to perform: lambda:InvokeFunction on resource:\narn:aws:lambda:us-east-2:123456789012:function:scf-prepare-data with an explicit deny (Service: AWSLambda; Status Code: 403; Error\nCode: AccessDeniedException; Request ID: 07cfc81d-06b7-45bc-8d4a-7f2d673a80ba)",
      expect: { responder: "aws-service-api", cause: "explicit-deny" },
    },
    {
      name: "resource control policy denies anonymous Cognito GetId",
      source: "https://github.com/aws-samples/resource-control-policy-examples/issues/18",
      input: "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: anonymous is not authorized to perform: cognito-identity:GetId on resource: * with an explicit deny in a resource control policy\"}",
      expect: { responder: "aws-service-api", cause: "org-policy-deny" },
    },
    {
      name: "SNS Publish: no identity-based policy allows it",
      source: "https://github.com/aws-ia/terraform-aws-control_tower_account_factory/issues/151",
      input:
        "[ERROR] AuthorizationErrorException: An error occurred (AuthorizationError) when calling the Publish operation: User: arn:aws:sts::123456789012:assumed-role/aft-identify-targets-execution-role/aft-customizations-identify-targets is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:123456789012:aft-failure-notifications because no identity-based policy allows the SNS:Publish action",
      expect: { responder: "aws-service-api", cause: "no-allow" },
    },
    {
      name: "Go SDK v2: expired session token during a long fetch",
      source: "https://github.com/cloudquery/cq-provider-aws/pull/1171",
      input:
        "operation error Lambda: ListProvisionedConcurrencyConfigs, https response error StatusCode: 403, RequestID: 5b9c1e2a-3d4f-4a6b-8c7d-9e0f1a2b3c4d, api error ExpiredTokenException: The security token included in the request is expired",
      expect: { responder: "aws-service-api", cause: "auth-expired" },
    },
    {
      name: "STS query error: invalid client token id",
      source: "https://github.com/aws-azure-login/aws-azure-login/issues/251",
      input:
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidClientTokenId</Code>\n    <Message>The security token included in the request is invalid</Message>\n  </Error>\n  <RequestId>16fc956c-311e-4199-bee1-1680236e9698</RequestId>\n</ErrorResponse>",
      expect: { responder: "aws-service-api", cause: "auth-invalid" },
    },
    {
      name: "aws-cli GetCallerIdentity with bad keys",
      source: "https://github.com/newrelic/newrelic-lambda-cli/issues/18",
      input: "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.",
      expect: { responder: "aws-service-api", cause: "auth-invalid" },
    },
    {
      name: "Go SDK v1: InvalidClientTokenId",
      source: "https://github.com/barnybug/cli53/issues/278",
      input: "Error: InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: 86d1302f-64cb-427a-8824-296ab645b63c",
      expect: { responder: "aws-service-api", cause: "auth-invalid" },
    },
    {
      name: "EC2 RunInstances with an encoded authorization message",
      source: "https://github.com/aws/aws-parallelcluster/issues/372",
      input:
        "AWS::EC2::Instance MasterServer API: ec2:RunInstances You are not authorized to perform this operation. Encoded authorization failure message: rHU-pVHMSckD0OAc5l3r9-gKN1XZjZ2X9J3w0fZ31licaTpAVwlD9ix3fLSABy3XTEkRZRz0cNrXAz1L9EuYD42cSrVIrEBEd_PLpYkwcK8H4IpFKmbdAbSv8ckmleW3wXOez7Z1zQ",
      expect: { responder: "aws-service-api", cause: "no-allow" },
    },
    {
      name: "Bedrock model access not enabled",
      source: "https://github.com/gaiin-platform/amplify-genai-backend/issues/62",
      input:
        "Error invoking Bedrock Anthropic:  PermissionDeniedError: 403 You don't have access to the model with the specified model ID.\n    at APIError.generate (file:///var/task/node_modules/@anthropic-ai/sdk/error.mjs:42:20)",
      expect: { responder: "aws-service-api", cause: "account-disabled" },
    },
    {
      name: "Bedrock: role may not subscribe in AWS Marketplace",
      source: "https://github.com/Ditmanson/griz/issues/26",
      input:
        "An error occurred (AccessDeniedException) when calling the InvokeModel operation: Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.",
      expect: { responder: "aws-service-api", cause: "insufficient-permissions" },
    },
    {
      name: "Java SDK v2: SNS AuthorizationErrorException",
      source: "https://github.com/ministryofjustice/cloud-platform-environments/pull/21094",
      input:
        "software.amazon.awssdk.services.sns.model.AuthorizationErrorException: User: arn:aws:sts::754256621582:assumed-role/cloud-platform-irsa-3f7c5895c70903f3-live/aws-sdk-java-1708420333884 is not authorized to perform: SNS:GetTopicAttributes on resource: arn:aws:sns:eu-west-2:754256621582:cloud-platform-probation-in-court-team because no identity-based policy allows the SNS:GetTopicAttributes action (Service: Sns, Status Code: 403, Request ID: 48f35812-f079-5095-9234-065c120a3856)",
      expect: { responder: "aws-service-api", cause: "no-allow" },
    },
    {
      name: "unsigned request to a service endpoint",
      source: "https://docs.aws.amazon.com/general/latest/gr/signing_aws_api_requests.html",
      input:
        "> GET /2015-03-31/functions/ HTTP/1.1\n> Host: lambda.us-east-1.amazonaws.com\n> User-Agent: curl/8.4.0\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-RequestId: 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d\n< x-amzn-ErrorType: MissingAuthenticationTokenException\n<\n{\"message\":\"Missing Authentication Token\"}",
      expect: { responder: "aws-service-api", cause: "auth-missing" },
    },
    {
      name: "role trust policy does not let the caller assume it",
      source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html",
      input:
        "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/deploy",
      expect: { responder: "aws-service-api", cause: "resource-policy-deny" },
    },
    {
      name: "an S3 CLI error belongs to aws-s3",
      source: "https://github.com/aws-samples/aws-rds-snapshot-management/issues/6",
      input: "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied",
      expect: { notResponder: "aws-service-api" },
    },
    {
      name: "an API Gateway resource-policy denial belongs to aws-apigateway",
      source: "https://github.com/aws/serverless-application-model/issues/480",
      input: "{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abcde12345/prod/GET/items\"}",
      expect: { notResponder: "aws-service-api" },
    },
  ],
});
