import { defineResponder } from "../schema.js";

const DOCS_AUTH = "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";
const LAMBDA_URL = /^https?:\/\/[a-z0-9]+\.lambda-url\.[a-z0-9-]+\.on\.aws(?:[/?#:]|$)/i;

export default defineResponder({
  id: "aws-lambda-url",
  name: "AWS Lambda function URL",
  layer: "platform",
  summary:
    "The Lambda function URL's authorization refused the call before the function ran: with auth type NONE the function's resource-based policy lacks the public grants (since October 2025 both `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`), with AWS_IAM the request is unsigned, signed badly or by a principal without permission.",
  howToTell: [
    "The body is `{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}` with `x-amzn-ErrorType: AccessDeniedException`.",
    "The host is `<url-id>.lambda-url.<region>.on.aws`; no function log line appears for the request (the function was never invoked).",
    "With AWS_IAM auth, SigV4 errors come back in the usual AWS wording (`The security token included in the request is invalid`, `The request signature we calculated does not match…`).",
  ],
  sources: [DOCS_AUTH, "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html", "https://github.com/awsdocs/aws-lambda-developer-guide/issues/494"],
  signals: [
    {
      id: "forbidden-message",
      role: "decision",
      when: [{ on: "body", match: /Forbidden\. For troubleshooting Function URL authorization issues, see/ }],
      weight: 0.95,
      overrides: ["aws-apigateway", "aws-service-api"],
      detail: "the function URL's authorization refused the request",
      sources: [DOCS_AUTH],
    },
    {
      id: "errortype-on-function-url",
      role: "decision",
      when: [{ on: "url", match: LAMBDA_URL }, { on: "header", name: "x-amzn-errortype", match: /^(?<errorType>\w+Exception)\b/ }],
      weight: 0.85,
      overrides: ["aws-apigateway", "aws-service-api"],
      detail: "x-amzn-ErrorType on a *.lambda-url.*.on.aws response: the function URL front end answered",
    },
    {
      id: "function-url-host",
      role: "presence",
      when: [{ on: "url", match: LAMBDA_URL }],
      weight: 0.6,
      detail: "the URL is a Lambda function URL",
    },
    {
      id: "unsigned-request",
      role: "hint",
      when: [{ on: "url", match: LAMBDA_URL }, { on: "fact", name: "request-without-credentials" }],
      weight: 0,
      causes: { "resource-policy-deny": 0.35, "auth-missing": 0.2 },
      detail: "an unsigned request: public (NONE) URLs need both public grants in the resource policy; AWS_IAM URLs need a SigV4 signature",
    },
    {
      id: "signed-request",
      role: "hint",
      when: [{ on: "url", match: LAMBDA_URL }, { on: "request-header", name: "authorization", match: /^AWS4-HMAC-SHA256 / }],
      weight: 0,
      causes: { "no-allow": 0.5 },
      detail: "a SigV4-signed request was refused: the signing principal lacks lambda:InvokeFunctionUrl (and lambda:InvokeFunction) for this function",
    },
    {
      id: "token-invalid-on-url",
      role: "hint",
      when: [{ on: "url", match: LAMBDA_URL }, { on: "body", match: /The security token included in the request is invalid/ }],
      weight: 0,
      causes: { "auth-invalid": 0.8 },
      detail: "AWS_IAM URL: the access key or session token that signed the request is not valid",
    },
  ],
  causes: {
    "resource-policy-deny": {
      prior: 0.55,
      title: "The function's resource-based policy does not let this caller invoke it through the URL",
      note: "A function URL checks the function's resource-based policy even with auth type NONE. Since October 2025 a new public URL needs two statements for Principal `*`: `lambda:InvokeFunctionUrl` (condition `lambda:FunctionUrlAuthType = NONE`) and `lambda:InvokeFunction` (condition `lambda:InvokedViaFunctionUrl = true`). The console and SAM add both; the CLI, CloudFormation, CDK/Terraform versions older than the change may add only the first.",
      fix: [
        "aws lambda add-permission --function-name FUNCTION --statement-id FunctionURLAllowPublicAccess --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE",
        "aws lambda add-permission --function-name FUNCTION --statement-id FunctionURLAllowInvokeAction --action lambda:InvokeFunction --principal '*' --invoked-via-function-url",
        "In CloudFormation/Terraform add the second `AWS::Lambda::Permission` / `aws_lambda_permission` with action `lambda:InvokeFunction`; upgrade CDK or your module to a version that creates both.",
      ],
      verify: ["aws lambda get-policy --function-name FUNCTION --query Policy --output text (both actions present)", "curl -s -o /dev/null -w '%{http_code}' {url|https://URL_ID.lambda-url.REGION.on.aws/} (expect 200)"],
    },
    "auth-missing": {
      prior: 0.2,
      fix: ["The URL's auth type is AWS_IAM: sign the request with SigV4 for service `lambda` in the function's region (for example `awscurl --service lambda --region REGION URL`), or switch the auth type to NONE if the URL is meant to be public."],
      verify: ["aws lambda get-function-url-config --function-name FUNCTION --query AuthType", "awscurl --service lambda --region {region|REGION} {url|URL} (expect 200)"],
    },
    "no-allow": {
      prior: 0.1,
      fix: ["Allow the signing principal `lambda:InvokeFunctionUrl` (and `lambda:InvokeFunction`) on the function ARN in its IAM policy; for another account also add it to the function's resource policy."],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_ARN} --action-names lambda:InvokeFunctionUrl lambda:InvokeFunction --resource-arns FUNCTION_ARN (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
    "auth-invalid": {
      prior: 0.07,
      fix: ["Sign with valid credentials; with temporary credentials (Cognito identity pool, assumed role) include the session token as `X-Amz-Security-Token` and sign it with the rest."],
      verify: ["aws sts get-caller-identity (same credentials)", "awscurl --service lambda --region {region|REGION} {url|URL}"],
    },
    "signature-mismatch": {
      prior: 0.05,
      fix: ["Sign for service `lambda` (not execute-api) and the function's region, over the exact host, path, query and body you send."],
      verify: ["awscurl --service lambda --region {region|REGION} {url|URL} (expect 200)"],
    },
    "org-policy-deny": {
      prior: 0.02,
      fix: ["An SCP may deny lambda:InvokeFunctionUrl or require a specific auth type (for example `lambda:FunctionUrlAuthType = AWS_IAM`): check the organization's SCPs."],
      verify: ["aws organizations list-policies-for-target --target-id ACCOUNT_ID --filter SERVICE_CONTROL_POLICY"],
    },
  },
  examples: [
    {
      name: "public function URL with only the InvokeFunctionUrl grant",
      source: "https://github.com/brikis98/devops-book/pull/12",
      input: "{\n  \"Message\": \"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"\n}",
      expect: { responder: "aws-lambda-url", cause: "resource-policy-deny" },
    },
    {
      name: "unsigned curl to a NONE function URL",
      source: "https://github.com/awsdocs/aws-lambda-developer-guide/issues/494",
      input:
        "> GET / HTTP/1.1\n> Host: abcdefghijklmnopqrstuvwxyz123456.lambda-url.us-east-1.on.aws\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n< x-amzn-RequestId: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\n< x-amzn-ErrorType: AccessDeniedException\n<\n{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}",
      expect: { responder: "aws-lambda-url", cause: "resource-policy-deny" },
    },
    {
      name: "AWS_IAM URL signed by a role without permission",
      source: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
      input:
        "> POST /orders HTTP/1.1\n> Host: z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4.lambda-url.eu-west-1.on.aws\n> Authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20250101/eu-west-1/lambda/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=abc123\n> X-Amz-Date: 20250101T000000Z\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-ErrorType: AccessDeniedException\n<\n{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}",
      expect: { responder: "aws-lambda-url", cause: "no-allow" },
    },
    {
      name: "Cognito temporary credentials rejected by an AWS_IAM URL",
      source: "https://github.com/jamesmbourne/aws4-axios/issues/1553",
      input:
        "> GET /items HTTP/1.1\n> Host: q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6.lambda-url.us-east-1.on.aws\n> Authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=def456\n>\n< HTTP/1.1 403 Forbidden\n< x-amzn-ErrorType: UnrecognizedClientException\n<\n{\"message\":\"The security token included in the request is invalid.\"}",
      expect: { responder: "aws-lambda-url", cause: "auth-invalid" },
    },
    {
      name: "an API Gateway Forbidden is not a function URL",
      source: "https://github.com/aws-samples/aws-microservices-deploy-options/issues/26",
      input: "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: ForbiddenException\nx-amz-apigw-id: Ef3Gh4Ij5Kl6Mn7=\n\n{\"message\":\"Forbidden\"}",
      expect: { notResponder: "aws-lambda-url" },
    },
  ],
});
