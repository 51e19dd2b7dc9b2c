import { defineResponder } from "../schema.js";

const KC_403 = "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden";
const KC_MISSING_TOKEN = "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors";
const DOCS_RESPONSES = "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html";

const EXECUTE_API = /^https?:\/\/[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(?:[/?#:]|$)/i;
/** API Gateway's default body: a JSON object whose only key is `message` (some clients print it unquoted). */
const FORBIDDEN_BODY = /^[ \t]*(?:\{\s*)?"?message"?\s*:\s*"Forbidden"\s*\}?[ \t]*$/m;

export default defineResponder({
  id: "aws-apigateway",
  name: "Amazon API Gateway",
  layer: "gateway",
  summary:
    "API Gateway refused the call before the integration ran: no route matched (wrong path, method or stage), the API key is missing or invalid, IAM (SigV4) authorization or the API's resource policy denied the caller, a Lambda or Cognito authorizer denied, AWS WAF blocked, mutual TLS failed, or the API was called through the wrong endpoint (disabled default endpoint, custom domain without a mapping, private API from outside its VPC endpoint).",
  howToTell: [
    "Gateway responses carry `x-amzn-ErrorType` (`ForbiddenException`, `MissingAuthenticationTokenException`, `AccessDeniedException`, `InvalidSignatureException`, `IncompleteSignatureException`, `UnrecognizedClientException`) and a JSON body whose only key is `message`.",
    "`x-amzn-RequestId` and `x-amz-apigw-id` are on every API Gateway response, including the integration's own 403 passed through: with an application body and no `x-amzn-ErrorType` the backend wrote the 403.",
    "`{\"message\":\"Missing Authentication Token\"}` usually means no resource/method matches the path (a typo, the stage missing from the URL, or a stage kept in a custom-domain URL), not a token problem.",
    "A plain `{\"message\":\"Forbidden\"}` is shared by a wrong stage, a disabled default endpoint, a private API called through public DNS, a missing or invalid API key, a custom domain without a base path mapping, AWS WAF and mutual TLS: the URL and the request headers tell them apart.",
  ],
  sources: [KC_403, KC_MISSING_TOKEN, DOCS_RESPONSES, "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html"],
  signals: [
    // ---- headers ----
    {
      id: "errortype-apigw",
      role: "decision",
      when: [{ on: "header", name: "x-amzn-errortype", match: /^(?<errorType>ForbiddenException|MissingAuthenticationTokenException|IncompleteSignatureException)\b/ }],
      weight: 0.75,
      detail: "x-amzn-ErrorType names an API Gateway gateway response",
      sources: [DOCS_RESPONSES],
    },
    {
      id: "errortype-with-apigw-id",
      role: "decision",
      when: [
        { on: "header", name: "x-amzn-errortype", match: /^(?<errorType>AccessDeniedException|InvalidSignatureException|UnrecognizedClientException|ForbiddenException|MissingAuthenticationTokenException|IncompleteSignatureException)\b/ },
        { on: "header", name: "x-amz-apigw-id" },
      ],
      weight: 0.85,
      detail: "an x-amzn-ErrorType gateway response with x-amz-apigw-id: API Gateway itself refused",
      sources: [KC_403],
    },
    {
      id: "apigw-id",
      role: "presence",
      when: [{ on: "header", name: "x-amz-apigw-id" }],
      weight: 0.6,
      detail: "x-amz-apigw-id: the request went through API Gateway (also on the integration's own responses)",
    },
    {
      id: "execute-api-url",
      role: "presence",
      when: [{ on: "url", match: /^https?:\/\/(?:[a-z0-9]{10}|vpce-[a-z0-9-]+)\.execute-api\.[a-z0-9-]+\.(?:vpce\.)?amazonaws\.com/i }],
      weight: 0.6,
      detail: "the URL is an API Gateway execute-api endpoint",
    },
    {
      id: "errortype-access-denied",
      role: "hint",
      when: [{ on: "header", name: "x-amzn-errortype", match: /^AccessDeniedException\b/ }],
      weight: 0,
      causes: { "no-allow": 0.4, "resource-policy-deny": 0.3, "authorizer-deny": 0.2 },
      detail: "AccessDeniedException: IAM authorization, the resource policy or an authorizer policy denied the caller",
    },
    {
      id: "errortype-signature",
      role: "hint",
      when: [{ on: "header", name: "x-amzn-errortype", match: /^InvalidSignatureException\b/ }],
      weight: 0,
      causes: { "signature-mismatch": 0.5, "auth-expired": 0.3 },
      detail: "InvalidSignatureException: the SigV4 signature does not match or has expired",
    },
    {
      id: "errortype-unrecognized-client",
      role: "hint",
      when: [{ on: "header", name: "x-amzn-errortype", match: /^UnrecognizedClientException\b/ }],
      weight: 0,
      causes: { "auth-invalid": 0.75 },
      detail: "UnrecognizedClientException: the access key or session token is not valid",
    },
    {
      id: "errortype-missing-token",
      role: "hint",
      when: [{ on: "header", name: "x-amzn-errortype", match: /^(?:MissingAuthenticationTokenException|IncompleteSignatureException)\b/ }],
      weight: 0,
      causes: { "missing-auth-token": 0.7 },
      detail: "no method matched the path, or an IAM method got no (complete) signature",
    },
    {
      id: "integration-response",
      role: "hint",
      when: [
        { on: "header", name: "x-amz-apigw-id" },
        { on: "header", name: "x-amzn-errortype", absent: true },
        { on: "body", match: /"?[Mm]essage"?\s*:\s*"(?:Forbidden|Missing Authentication Token|User(?: is|:)|Invalid API Key|The security token|The request signature|Signature (?:expired|not yet)|Authorization header requires)/, absent: true },
      ],
      weight: 0,
      causes: { "origin-denied": 0.6 },
      detail: "x-amz-apigw-id without x-amzn-ErrorType and with the backend's own body: the integration (Lambda, HTTP backend) wrote the 403",
    },
    // ---- bodies ----
    {
      id: "missing-authentication-token",
      role: "decision",
      when: [{ on: "body", match: /"?message"?\s*:\s*"Missing Authentication Token"|^[ \t]*Missing Authentication Token\s*$/m }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "missing-auth-token": 0.8 },
      detail: "API Gateway's MISSING_AUTHENTICATION_TOKEN response: usually no resource and method match the request",
      sources: [KC_MISSING_TOKEN],
    },
    {
      id: "forbidden-body",
      role: "decision",
      when: [{ on: "body", match: FORBIDDEN_BODY }],
      weight: 0.65,
      detail: "API Gateway's default `{\"message\":\"Forbidden\"}` body",
      sources: [KC_403],
    },
    {
      id: "authorizer-deny",
      role: "decision",
      when: [{ on: "body", match: /User is not authorized to access this resource(?: with an explicit deny)?/ }],
      weight: 0.9,
      overrides: ["aws-service-api"],
      causes: { "authorizer-deny": 0.9 },
      detail: "the Lambda authorizer returned a policy that does not allow this method ARN",
      sources: ["https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer"],
    },
    {
      id: "execute-api-not-authorized",
      role: "decision",
      when: [{ on: "body", match: /(?:User:\s+|(?=arn:aws[\w-]*:(?:iam|sts)::))(?<principal>\S+)\s+is not authorized to perform:\s*(?<action>execute-api:\w+)(?:\s+on resource:\s*(?<resource>arn:aws[\w-]*:execute-api:[^\s"',]+))?/ }],
      weight: 0.9,
      overrides: ["aws-service-api"],
      detail: "IAM authorization or the API's resource policy refused execute-api:Invoke",
      sources: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html"],
    },
    {
      id: "execute-api-named-caller",
      role: "hint",
      when: [{ on: "body", match: /arn:aws[\w-]*:(?:iam|sts)::\S+\s+is not authorized to perform:\s*execute-api:Invoke(?![\s\S]{0,400}?with an explicit deny)/ }],
      weight: 0,
      causes: { "no-allow": 0.55, "insufficient-permissions": 0.45 },
      detail: "a signed caller (IAM authorization) whose identity policy does not allow execute-api:Invoke on this method (or the resource policy does not name it)",
      sources: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html"],
    },
    {
      id: "execute-api-anonymous",
      role: "hint",
      when: [{ on: "body", match: /User:\s+anonymous\s+is not authorized to perform:\s*execute-api:Invoke/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.5, "wrong-endpoint": 0.2 },
      detail: "an unsigned caller is not allowed by the resource policy (for a private API: the request did not come through an allowed VPC endpoint)",
    },
    {
      id: "execute-api-explicit-deny",
      role: "hint",
      when: [{ on: "body", match: /execute-api:Invoke\s+on resource:\s*\S+\s+with an explicit deny/ }],
      weight: 0,
      causes: { "resource-policy-deny": 0.85, "explicit-deny": 0.3 },
      detail: "a Deny in the API's resource policy (or the caller's IAM policy) matches execute-api:Invoke",
    },
    {
      id: "execution-log",
      role: "decision",
      when: [{ on: "body", match: /\b(?:Method completed with status: \d{3}|Verifying Usage Plan for request: |Starting execution for request: |Method request body before transformations: )/ }],
      weight: 0.7,
      detail: "lines of an API Gateway execution log (CloudWatch `API-Gateway-Execution-Logs_…`, or the console's test invoke)",
      sources: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
    },
    {
      id: "execution-log-api-key",
      role: "decision",
      when: [{ on: "body", match: /API Key \S+ not authorized because method '(?<method>[^']+)' requires API Key and API Key is (?:not associated with a Usage Plan for API Stage (?<stage>\S+)|disabled|not valid)/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "invalid-api-key": 0.9 },
      detail: "the execution log says the API key is in no usage plan of this stage (or is disabled): a key works only through a usage plan that lists the API stage",
      sources: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html"],
    },
    {
      id: "invalid-api-key",
      role: "decision",
      when: [{ on: "body", match: /Invalid API Key identifier specified/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "invalid-api-key": 0.9 },
      detail: "the x-api-key value is not a key of this account/region",
      sources: [KC_403],
    },
    {
      id: "security-token-invalid",
      role: "decision",
      when: [{ on: "body", match: /^[ \t]*\{\s*"?message"?\s*:\s*"The security token included in the request is invalid\.?"\s*\}\s*$/m }],
      weight: 0.7,
      overrides: ["aws-service-api"],
      causes: { "auth-invalid": 0.85 },
      detail: "API Gateway (IAM authorization): the access key or session token that signed the request is not valid",
      sources: [KC_403],
    },
    {
      id: "signature-mismatch-body",
      role: "decision",
      when: [{ on: "body", match: /^[ \t]*\{\s*"?message"?\s*:\s*"The request signature we calculated does not match the signature you provided/m }],
      weight: 0.7,
      overrides: ["aws-service-api"],
      causes: { "signature-mismatch": 0.9 },
      detail: "API Gateway (IAM authorization): the SigV4 signature does not match",
      sources: [KC_403],
    },
    {
      id: "signature-expired-body",
      role: "decision",
      when: [{ on: "body", match: /\{\s*"?message"?\s*:\s*"Signature (?:expired: \d{8}T\d{6}Z is now earlier than|not yet current: \d{8}T\d{6}Z is still later than)/ }],
      weight: 0.75,
      overrides: ["aws-service-api"],
      detail: "API Gateway (IAM authorization): the request's X-Amz-Date is outside the 5-minute window",
      sources: [KC_403],
    },
    {
      id: "signature-expired-other-day",
      role: "hint",
      when: [{ on: "body", match: /Signature expired: (?<signedDay>\d{8})T\d{6}Z is now earlier than (?!\k<signedDay>)\d{8}T/ }],
      weight: 0,
      causes: { "clock-skew": 0.6 },
      detail: "the signing time is on another day than the server's: the client clock is far off",
    },
    {
      id: "signature-expired-same-day",
      role: "hint",
      when: [{ on: "body", match: /Signature expired: (?<signedDay>\d{8})T\d{6}Z is now earlier than \k<signedDay>T/ }],
      weight: 0,
      causes: { "auth-expired": 0.5 },
      detail: "the signature is a few minutes or hours old: a signed request was reused or sent late",
    },
    {
      id: "incomplete-signature",
      role: "decision",
      when: [{ on: "body", match: /Authorization header requires '(?:Credential|Signature|SignedHeaders)' parameter|is not a valid key=value pair \(missing equal-sign\) in Authorization header/ }],
      weight: 0.75,
      overrides: ["aws-service-api"],
      causes: { "missing-auth-token": 0.45 },
      detail: "an Authorization header that is not SigV4 reached a path with no method (or an IAM method): API Gateway tried to parse it as a signature",
      sources: [KC_MISSING_TOKEN],
    },
    {
      id: "mobile-sdk-client",
      role: "decision",
      when: [{ on: "body", match: /com\.amazonaws\.mobileconnectors\.apigateway\.ApiClientException|\bApiClientException: \{/ }],
      weight: 0.8,
      overrides: ["aws-service-api"],
      detail: "the API Gateway generated (mobile) SDK client reports a gateway response",
    },
    // ---- URL facts that separate the causes of a plain Forbidden ----
    {
      id: "forbidden-on-execute-api",
      role: "hint",
      when: [{ on: "url", match: EXECUTE_API }, { on: "body", match: FORBIDDEN_BODY }],
      weight: 0,
      causes: { "wrong-endpoint": 0.45 },
      detail: "Forbidden on the default execute-api endpoint: an unknown stage, a disabled default endpoint or a private API",
    },
    {
      id: "execute-api-single-segment",
      role: "hint",
      when: [{ on: "url", match: /^https?:\/\/[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[^/?#]+\/?(?:[?#]|$)/i }, { on: "body", match: FORBIDDEN_BODY }],
      weight: 0,
      causes: { "wrong-endpoint": 0.5 },
      detail: "the execute-api URL has a single path segment: either a resource without the stage in front, or a stage without a resource",
    },
    {
      id: "forbidden-on-custom-domain",
      role: "hint",
      when: [{ on: "url", match: /^https?:\/\// }, { on: "url", match: /\.execute-api\.|\.amazonaws\.com/, absent: true }, { on: "body", match: FORBIDDEN_BODY }],
      weight: 0,
      causes: { "host-not-configured": 0.45, "mtls-cert": 0.15 },
      detail: "Forbidden on a custom domain: no API mapping (base path) matches, or mutual TLS refused the client certificate",
    },
  ],
  causes: {
    "wrong-endpoint": {
      prior: 0.28,
      title: "The API was called through a URL that does not reach a deployed stage",
      note: "API Gateway answers Forbidden when the stage in the URL does not exist (names are case-sensitive), when the default execute-api endpoint is disabled, and when a private API is called with public DNS or without the Host / x-apigw-id header.",
      fix: [
        "Use the exact invoke URL from API Gateway console → APIs → {apiId|the API} → Stages → the stage (it includes the stage name: `https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/...`), and redeploy after changes (Resources → Deploy API).",
        "If the default endpoint is disabled (Settings → Default endpoint), call the custom domain instead.",
        "Private API: call it from the VPC through the interface endpoint, either with private DNS enabled or with `Host: {apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com` (or `x-apigw-api-id`) on the vpce-… hostname.",
      ],
      verify: [
        "aws apigateway get-stages --rest-api-id {apiId|API_ID} --query 'item[].stageName'",
        "curl -s -o /dev/null -w '%{http_code}' https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/STAGE/RESOURCE (expect 200)",
      ],
    },
    "invalid-api-key": {
      prior: 0.22,
      note: "A method with API key required answers Forbidden both for a wrong key and for no key at all; the key also has to be in a usage plan attached to this API stage.",
      fix: [
        "Send the key in the `x-api-key` header (not as a query parameter or Bearer token).",
        "API Gateway console → Usage plans: add the key to a usage plan and attach that plan to the API and stage; then redeploy.",
      ],
      verify: ["aws apigateway get-usage-plans --key-id KEY_ID (the plan lists this API and stage)", "curl -s -H 'x-api-key: KEY' {url|INVOKE_URL} (expect 200)"],
    },
    "host-not-configured": {
      prior: 0.14,
      title: "The custom domain has no API mapping (base path) for this request",
      fix: [
        "API Gateway console → Custom domain names → {host|the domain} → API mappings: map the API and stage (with the base path you use, or none); after a redeploy or a re-created API the mapping must point at the new API id.",
        "Call the custom domain without the stage name: the mapping supplies it.",
      ],
      verify: ["aws apigateway get-base-path-mappings --domain-name {host|DOMAIN} (expect the API id and stage)", "curl -sI https://{host|DOMAIN}/RESOURCE (expect 200)"],
    },
    "waf-rule": {
      prior: 0.1,
      fix: ["WAF console → Web ACLs (the API's region) → the ACL associated with the stage → Sampled requests: find the request and add an exception for the rule that matched."],
      verify: ["aws wafv2 get-web-acl-for-resource --resource-arn arn:aws:apigateway:{region|REGION}::/restapis/{apiId|API_ID}/stages/STAGE"],
    },
    "missing-auth-token": {
      prior: 0.06,
      title: "No resource and method of the API match `{method|GET} {path|the path}` (or an IAM method got no signature)",
      fix: [
        "Check the path and method against the deployed API (case-sensitive, trailing slash, the stage as the first segment on execute-api URLs, no stage on a custom-domain URL) and deploy the latest changes.",
        "Add the method (or ANY / a {proxy+} resource) if the route should exist; for IAM-authorized methods sign the request with SigV4.",
      ],
      verify: ["aws apigateway get-resources --rest-api-id {apiId|API_ID} --query 'items[].[path,keys(resourceMethods)]'", "curl -s -X {method|GET} {url|INVOKE_URL} (expect the integration's answer)"],
    },
    "resource-policy-deny": {
      prior: 0.06,
      fix: [
        "API Gateway console → the API → Resource policy: allow `execute-api:Invoke` for the caller (the principal, source IP or `aws:SourceVpce`) on `{resource|arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH}`, remove a Deny that matches it, then redeploy the API (policy changes need a deployment).",
      ],
      verify: ["aws apigateway get-rest-api --rest-api-id {apiId|API_ID} --query policy --output text", "curl -s -o /dev/null -w '%{http_code}' {url|INVOKE_URL} from the allowed source (expect 200)"],
    },
    "authorizer-deny": {
      prior: 0.05,
      fix: [
        "The Lambda authorizer must return `Effect: Allow` for the method ARN being called; with authorizer caching, return a wildcard resource (`arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/*`) or the cached policy of the first call denies the others.",
        "Check the authorizer's CloudWatch logs for the token it received and the policy it returned.",
      ],
      verify: ["aws apigateway test-invoke-authorizer --rest-api-id {apiId|API_ID} --authorizer-id AUTHORIZER_ID --headers Authorization=TOKEN (policyDocument shows Allow)"],
    },
    "origin-denied": {
      prior: 0,
      title: "The API's integration (Lambda or HTTP backend) wrote the 403; API Gateway passed it on",
      fix: ["Look at the integration's logs for this request (the `x-amzn-RequestId` value appears in the API's execution/access logs and as the Lambda request context's requestId) and fix the authorization check in the backend."],
      verify: ["aws logs filter-log-events --log-group-name /aws/lambda/FUNCTION --filter-pattern '\"{requestId|REQUEST_ID}\"'"],
    },
    "mtls-cert": {
      prior: 0.04,
      fix: ["The custom domain requires mutual TLS: present a client certificate issued by a CA in the domain's truststore (S3 truststore object), not expired, and re-import the truststore after changing it."],
      verify: ["curl -sv --cert client.pem --key client.key https://{host|DOMAIN}/RESOURCE (expect 200)"],
    },
    "auth-invalid": {
      prior: 0.02,
      fix: ["Sign with valid credentials: with temporary credentials send `x-amz-security-token` (and never the string `undefined`); check `aws sts get-caller-identity` with the same keys."],
      verify: ["aws sts get-caller-identity", "awscurl --service execute-api --region {region|REGION} {url|INVOKE_URL} (expect 200)"],
    },
    "signature-mismatch": {
      prior: 0.02,
      fix: ["Sign for service `execute-api` and the API's region, over the exact path (with the stage), query string and headers you send; send the body that was hashed."],
      verify: ["awscurl --service execute-api --region {region|REGION} {url|INVOKE_URL} (expect 200)"],
    },
    "clock-skew": {
      prior: 0,
      fix: ["Sync the client clock (NTP / automatic time on the device); a SigV4 request is valid for 5 minutes around API Gateway's time. SDKs can correct skew from the Date header of the error."],
      verify: ["date -u; curl -sI https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com | grep -i '^date'"],
    },
    "auth-expired": {
      prior: 0,
      fix: ["Sign each request just before sending it, and refresh temporary credentials before they expire."],
      verify: ["awscurl --service execute-api --region {region|REGION} {url|INVOKE_URL}"],
    },
    "no-allow": {
      prior: 0,
      fix: ["IAM authorization: allow `execute-api:Invoke` on `{resource|arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH}` in the caller's IAM policy (for another account also in the resource policy)."],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_ARN} --action-names execute-api:Invoke --resource-arns {resource|arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/GET/PATH} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
  },
  checks: [
    "Confirm it from the API's configuration: why403 aws apigateway {url|URL} -X {method|GET} --config DIR (DIR holds the AWS CLI outputs, e.g. aws apigateway get-resources --rest-api-id {apiId|API_ID} --embed methods > DIR/get-resources.json; the full list: why403 aws apigateway --help), or online with AWS credentials: why403 aws apigateway {url|URL} -X {method|GET}",
  ],
  examples: [
    {
      name: "IAM authorization: the Cognito identity pool role may not invoke the method",
      source: "https://github.com/aws-amplify/amplify-js/issues/1643",
      input: "arn:aws:sts::xxxxx:assumed-role/Cognito_test_cctvAuth_Role/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:xxxx:********:xxxx/prod/GET/test",
      expect: { responder: "aws-apigateway", cause: "no-allow" },
    },
    {
      name: "execution log: the API key is in no usage plan of the stage",
      source: "https://github.com/zappa/Zappa/issues/52",
      input:
        "[2b4492] [2016-10-11 15:26:57] Verifying Usage Plan for request: 25bdd356-8fc7-11e6-93c4-e3cf41861839. API Key: **********************************gE96dR API Stage: i01t0vftre/staging\n[2b4492] [2016-10-11 15:26:57] API Key **********************************gE96dR not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage i01t0vftre/staging: API Stage is not in a Usage Plan\n[2b4492] [2016-10-11 15:26:57] Method completed with status: 403",
      expect: { responder: "aws-apigateway", cause: "invalid-api-key" },
    },
    {
      name: "stage missing from the invoke URL",
      source: "https://github.com/asishrs/smartthings-ringalarmv2/issues/5",
      input:
        "> POST /meta HTTP/1.1\n> Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\n> x-api-key: XXXX\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n< x-amzn-RequestId: 9f2c2b5e-3c1d-4f0e-9a7b-2a1d0c9e8f7b\n< x-amzn-ErrorType: ForbiddenException\n< x-amz-apigw-id: YX_W6FQsIAMFoOg=\n<\n{\"message\":\"Forbidden\"}",
      expect: { responder: "aws-apigateway", cause: "wrong-endpoint" },
    },
    {
      name: "custom domain without a base path mapping",
      source: "https://github.com/Miserlou/django-zappa/issues/100",
      input:
        "> GET /api/items HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n< x-amzn-RequestId: 2c8e1f3a-5b7d-4e9f-8a1c-3d5e7f9a1b2c\n< x-amzn-ErrorType: ForbiddenException\n<\n{\"message\":\"Forbidden\"}",
      expect: { responder: "aws-apigateway", cause: "host-not-configured" },
    },
    {
      name: "API key sent but not in a usage plan",
      source: "https://github.com/svdgraaf/serverless-screenshot/issues/10",
      input: "$ curl -H 'x-api-key: 8Jk2mXqL9pR4tY7w' https://screenshots.example.org/screenshots?url=http://example.com\n{\"message\":\"Forbidden\"}",
      expect: { responder: "aws-apigateway" },
    },
    {
      name: "no route for the stage root",
      source: "https://github.com/stackery/php-lambda-layer/issues/31",
      input: "{\"message\":\"Missing Authentication Token\"}",
      expect: { responder: "aws-apigateway", cause: "missing-auth-token" },
    },
    {
      name: "Missing Authentication Token with headers",
      source: "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nx-amzn-RequestId: 7d3f2a1b-0c9e-4d8f-b7a6-5e4d3c2b1a09\nx-amzn-ErrorType: MissingAuthenticationTokenException\nx-amz-apigw-id: Q1w2E3r4T5y6U7i=\n\n{\"message\":\"Missing Authentication Token\"}",
      expect: { responder: "aws-apigateway", cause: "missing-auth-token" },
    },
    {
      name: "Lambda authorizer returned Deny",
      source: "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
      input: "{\n    \"Message\": \"User is not authorized to access this resource with an explicit deny\"\n}",
      expect: { responder: "aws-apigateway", cause: "authorizer-deny" },
    },
    {
      name: "private API: anonymous caller not allowed by the resource policy",
      source: "https://github.com/aws/serverless-application-model/issues/480",
      input: "{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********8012:abcde12345/prod/GET/items\"}",
      expect: { responder: "aws-apigateway", cause: "resource-policy-deny" },
    },
    {
      name: "resource policy explicit deny",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input:
        "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: AccessDeniedException\nx-amz-apigw-id: Pq8RsT2uVw3xYz4=\n\n{\"Message\":\"User: arn:aws:iam::111122223333:user/dev is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111122223333:abcde12345/prod/GET/items with an explicit deny\"}",
      expect: { responder: "aws-apigateway", cause: "resource-policy-deny" },
    },
    {
      name: "x-amz-security-token: undefined from a JS client",
      source: "https://github.com/kndt84/aws-api-gateway-client/issues/31",
      input: "{message: \"The security token included in the request is invalid.\"}",
      expect: { responder: "aws-apigateway", cause: "auth-invalid" },
    },
    {
      name: "signature mismatch on an IAM-authorized method",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input:
        "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: InvalidSignatureException\nx-amz-apigw-id: Zx1Cv2Bn3Mq4Wr5=\n\n{\"message\":\"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\"}",
      expect: { responder: "aws-apigateway", cause: "signature-mismatch" },
    },
    {
      name: "Android client signed with a clock three days behind",
      source: "https://github.com/aws-amplify/aws-sdk-android/issues/253",
      input:
        "com.amazonaws.mobileconnectors.apigateway.ApiClientException: {\"message\":\"Signature expired: 20170212T175938Z is now earlier than 20170215T145534Z (20170215T150034Z - 5 min.)\"}\n (Service: TimeFirstClient; Status Code: 403; Error Code: null; Request ID: 8073bbc5-f38f-11e6-a616-b9eddabf1a00)",
      expect: { responder: "aws-apigateway", cause: "clock-skew" },
    },
    {
      name: "signed request replayed a few minutes late",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "{\"message\":\"Signature expired: 20240301T101500Z is now earlier than 20240301T102112Z (20240301T102612Z - 5 min.)\"}",
      expect: { responder: "aws-apigateway", cause: "auth-expired" },
    },
    {
      name: "Bearer token sent to a path that does not exist",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input:
        "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: IncompleteSignatureException\n\n{\"message\":\"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOi\"}",
      expect: { responder: "aws-apigateway", cause: "missing-auth-token" },
    },
    {
      name: "invalid API key identifier",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: ForbiddenException\n\n{\"message\":\"Invalid API Key identifier specified\"}",
      expect: { responder: "aws-apigateway", cause: "invalid-api-key" },
    },
    {
      name: "Selling Partner API: IAM role not authorized",
      source: "https://github.com/amzn/selling-partner-api-models/issues/914",
      input:
        "Response code:\n403\nResponse header:\n{'Date': 'Wed, 30 Dec 2020 16:34:52 GMT', 'Content-Type': 'application/json', 'x-amzn-RequestId': '252b173d-0120-4747-b400-18bc541bfeaf', 'x-amzn-ErrorType': 'AccessDeniedException', 'x-amz-apigw-id': 'YX_W6FQsIAMFoOg='}\nResponse content:\nb'{\\n  \"errors\": [\\n    {\\n      \"message\": \"Access to requested resource is denied.\",\\n     \"code\": \"Unauthorized\"\\n    }\\n  ]\\n}'",
      expect: { responder: "aws-apigateway", cause: "no-allow" },
    },
    {
      name: "UnrecognizedClientException on an IAM method",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input:
        "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: UnrecognizedClientException\nx-amz-apigw-id: Ab1Cd2Ef3Gh4Ij5=\n\n{\"message\":\"The security token included in the request is invalid.\"}",
      expect: { responder: "aws-apigateway", cause: "auth-invalid" },
    },
    {
      name: "a Lambda integration's own 403 keeps only the pass-through headers",
      source: "https://github.com/aws-amplify/aws-sdk-android/issues/968",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nx-amzn-RequestId: 4b1d7e2a-9c3f-4a8e-b6d5-1f0e9d8c7b6a\nx-amz-apigw-id: Kl9Mn8Op7Qr6St5=\n\n{\"error\":\"forbidden\",\"detail\":\"user 42 may not read order 7\"}",
      expect: { notResponder: "aws-apigateway" },
    },
    {
      name: "an integration's plain-text 403 through API Gateway",
      source: "https://github.com/aws/aws-sdk-go-v2/issues/889",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: text/plain\nx-amzn-RequestId: 6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\nx-amz-apigw-id: Rt5Yu6Io7Pa8Sd9=\nX-Amzn-Trace-Id: Root=1-65a1b2c3-0123456789abcdef01234567\n\nnot your tenant",
      expect: { responder: "aws-apigateway", cause: "origin-denied" },
    },
    {
      name: "Lambda function URL is not API Gateway",
      source: "https://github.com/awsdocs/aws-lambda-developer-guide/issues/494",
      input:
        "HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: AccessDeniedException\n\n{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}",
      expect: { notResponder: "aws-apigateway" },
    },
  ],
});
