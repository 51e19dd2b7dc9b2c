import { defineCause } from "../schema.js";

export default defineCause({
  id: "authorizer-deny",
  title: "A custom (Lambda) authorizer denied this request",
  why: "With a Lambda (custom) authorizer, API Gateway calls your function and enforces the IAM policy it returns. `User is not authorized to access this resource with an explicit deny` means the policy said Deny (or did not Allow) for this method ARN. A frequent trap is caching: the authorizer result is cached per identity source for the TTL, so a policy that only allowed the first path called is reused and denies every other path.",
  fix: [
    "Read the authorizer's CloudWatch logs for this request and check which `Effect` and `Resource` it returned; the resource must match `arn:aws:execute-api:{region|REGION}:ACCOUNT_ID:{apiId|API_ID}/{stage|STAGE}/{method|METHOD}{path|/resource}`.",
    "With authorizer caching on (TTL > 0), return a policy that covers every route the identity may call (e.g. `arn:aws:execute-api:REGION:ACCOUNT_ID:API_ID/STAGE/*/*`), or set the Authorization caching TTL to 0 (API Gateway > Authorizers > edit > TTL).",
    "Make sure the token reaches the authorizer in the identity source it expects (e.g. `method.request.header.Authorization`), with the expected prefix (`Bearer ...`).",
  ],
  verify: [
    "aws apigateway test-invoke-authorizer --rest-api-id {apiId|API_ID} --authorizer-id AUTHORIZER_ID --headers Authorization='Bearer TOKEN' (policy shows Effect Allow for the method ARN)",
    "curl -si -H 'Authorization: Bearer TOKEN' {url|URL} (expect 200)",
  ],
  separate:
    "Call the same path twice after the cache TTL expires (or with caching disabled), first this path and then another: if this path passes when called first but fails after another path, the cached policy is too narrow; if it always fails, the authorizer's logic denies this identity.",
  mistakes: [
    "Returning a policy scoped to `event.methodArn` while caching is enabled.",
    "Throwing an error in the authorizer (gives 500/401) instead of returning a Deny policy, or vice versa.",
    "Confusing this with an IAM or resource-policy denial, whose message names `execute-api:Invoke` and a user ARN.",
  ],
  sources: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html",
    "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
    "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
  ],
  signals: [
    {
      id: "authorizer-explicit-deny",
      role: "hint",
      when: [{ on: "body", match: /User is not authorized to access this resource(?: with an explicit deny)?/ }],
      weight: 0,
      causes: { "authorizer-deny": 0.8 },
      responders: ["aws-apigateway", "aws-cloudfront", "aws-waf", "unknown"],
      detail: "API Gateway's message when a Lambda authorizer's policy denies the call",
    },
    {
      id: "ext-authz-denied",
      role: "hint",
      when: [{ on: "body", match: /\bext_authz_denied\b|ext_authz[^\n]{0,80}\b(?:denied|403|forbidden)\b|\bexternal authori[sz]ation (?:service )?(?:denied|rejected)\b|\bdenied by (?:the )?(?:OPA|Open Policy Agent|authorizer)\b/i }],
      weight: 0,
      causes: { "authorizer-deny": 0.55 },
      detail: "an external authorization service denied the request",
    },
  ],
  examples: [
    {
      name: "Chalice authorizer with an empty route list",
      source: "https://github.com/aws/chalice/issues/1619",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Length: 61\r\nContent-Type: application/json\r\nx-amzn-ErrorType: AccessDeniedException\r\nx-amzn-RequestId: 43437f37-16c8-4ead-83b7-66f649e7cc9c\r\n\r\n{\"Message\": \"User is not authorized to access this resource\"}",
      expect: { cause: "authorizer-deny" },
    },
    {
      name: "Lambda authorizer deny surfaced by an SDK",
      source: "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
      input: "Error: Request failed with status code 403\nresponse.data: { message: 'User is not authorized to access this resource with an explicit deny' }",
      expect: { cause: "authorizer-deny" },
    },
    {
      name: "Envoy access log: ext_authz denied the request",
      source: "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage",
      input: "[2024-03-02T10:15:02.123Z] \"GET /api/orders HTTP/1.1\" 403 UAEX ext_authz_denied 0 0 3 - \"10.0.0.7\" \"curl/8.4.0\" \"5d7c3c6e-1111-4abc-9def-222233334444\" \"orders.example.com\" \"-\"",
      expect: { cause: "authorizer-deny" },
    },
    {
      name: "an IAM explicit deny names execute-api:Invoke and is not the authorizer",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "{\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/app/session is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/items with an explicit deny\"}",
      expect: { notCause: "authorizer-deny" },
    },
  ],
});
