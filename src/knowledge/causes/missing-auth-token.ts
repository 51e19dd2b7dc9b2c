import { defineCause } from "../schema.js";

export default defineCause({
  id: "missing-auth-token",
  title: "API Gateway found no deployed method for {method|this method} {path|this path}, or the call was not signed",
  why: "API Gateway answers `Missing Authentication Token` (403, `x-amzn-ErrorType: MissingAuthenticationTokenException`) both when an IAM-authorized method gets no SigV4 signature and, far more often, when no resource and method match the request in the deployed stage: a typo in the path, a missing or extra stage segment, a method that was added but never deployed, or the stage repeated in a custom-domain URL. With an `Authorization` header on a path that does not exist the same situation reads `IncompleteSignatureException: Authorization header requires 'Credential' parameter ...`.",
  fix: [
    "Compare the URL with the deployed API: `aws apigateway get-resources --rest-api-id {apiId|API_ID} --query 'items[].[path,keys(resourceMethods)]'` must list the resource path (the URL path after the stage, or after the base path on a custom domain) with {method|the method}; the invoke URL is `https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/RESOURCE`.",
    "Deploy the latest changes to the stage you call: `aws apigateway create-deployment --rest-api-id {apiId|API_ID} --stage-name {stage|STAGE}` (console: Resources > Deploy API).",
    "On a custom domain, drop the stage from the URL: `https://api.example.com/BASE_PATH/RESOURCE`, not `/.../{stage|STAGE}/RESOURCE`; the API mapping already names the stage.",
    "If the method really uses AWS_IAM authorization, sign the request with SigV4 (`awscurl --service execute-api`, an SDK, or Postman's AWS Signature auth).",
    "Root path `/` needs its own method: a `{proxy+}` resource does not match `/`.",
  ],
  verify: [
    "curl -si -X {method|GET} https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/RESOURCE (expect your integration's response, not `Missing Authentication Token`)",
  ],
  separate:
    "Call a path that certainly does not exist (`/{stage|STAGE}/no-such-path-123`) with the same method: the same `Missing Authentication Token` there shows the error only means \"no route\"; then compare the failing path and method character by character with `get-resources` and the last deployment. If the route exists and uses AWS_IAM, sign the request and retry.",
  mistakes: [
    "Reading the message literally and adding tokens or API keys when the path, stage or method is wrong.",
    "Editing resources in the console without deploying them to the stage.",
    "Calling the stage root or `/` when only `/{proxy+}` or child resources have methods.",
    "Keeping `/prod` in the URL after moving to a custom domain with an API mapping.",
    "Sending a Bearer token in `Authorization` to an IAM-authorized method: API Gateway parses it as a malformed SigV4 header.",
  ],
  sources: [
    "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
    "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html",
  ],
  signals: [
    {
      id: "missing-auth-token-text",
      role: "hint",
      when: [{ on: "body", match: /Missing Authentication Token|MissingAuthenticationTokenException/ }],
      weight: 0,
      causes: { "missing-auth-token": 0.8 },
      responders: ["aws-apigateway", "aws-cloudfront", "aws-waf", "unknown"],
      detail: "API Gateway's answer when no method matches the request (or an IAM method got no signature)",
    },
    {
      id: "incomplete-signature-on-route",
      role: "hint",
      when: [{ on: "body", match: /Authorization header requires '(?:Credential|Signature|SignedHeaders)' parameter|not a valid key=value pair \(missing equal-sign\) in Authorization header/ }],
      weight: 0,
      causes: { "missing-auth-token": 0.55, "auth-invalid": 0.3 },
      responders: ["aws-apigateway", "aws-cloudfront", "unknown"],
      detail: "a non-SigV4 Authorization header reached API Gateway: the path does not exist, or the method uses IAM auth",
    },
    {
      id: "stage-in-custom-domain-url",
      role: "hint",
      when: [
        { on: "url", match: /^https?:\/\/(?![^/]*\.execute-api\.)[^/]+\/(?:prod|production|dev|develop|development|stage|staging|test|qa|uat|beta|live|v1)\// },
        { on: "body", match: /Missing Authentication Token/ },
      ],
      weight: 0,
      causes: { "missing-auth-token": 0.3, "wrong-endpoint": 0.3 },
      detail: "a custom-domain URL that still contains a stage-like segment",
    },
  ],
  examples: [
    {
      name: "CloudFront in front of API Gateway, route missing",
      source: "https://github.com/aws-samples/sample-collaborative-ai-dlc/pull/233",
      input: "$ curl -i \"https://my.cloudfront.net/api/this-route-does-not-exist-1717400000\"\nHTTP/2 403 \ncontent-type: application/json\n\n{\"message\":\"Missing Authentication Token\"}",
      expect: { cause: "missing-auth-token" },
    },
    {
      name: "Authorization header sent to a path that does not exist",
      source: "https://github.com/HumanCellAtlas/data-store/issues/328",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-RequestId: 6c1f5c2e-0000-4000-8000-000000000000\r\nx-amzn-ErrorType: IncompleteSignatureException\r\nx-amz-apigw-id: Ab1CdE2fIAMFabc=\r\n\r\n{\"message\":\"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOi...\"}",
      expect: { cause: "missing-auth-token" },
    },
    {
      name: "stage kept in a custom-domain URL",
      source: "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors",
      input: "$ curl -v https://api.example.com/prod/users\n> GET /prod/users HTTP/2\n> Host: api.example.com\n> user-agent: curl/8.4.0\n>\n< HTTP/2 403\n< content-type: application/json\n< x-amzn-errortype: MissingAuthenticationTokenException\n<\n{\"message\":\"Missing Authentication Token\"}",
      expect: { cause: "missing-auth-token" },
    },
    {
      name: "IAM resource-policy denial is not a missing route",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-ErrorType: AccessDeniedException\r\n\r\n{\"Message\":\"User: arn:aws:iam::123456789012:user/alice is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/items with an explicit deny\"}",
      expect: { notCause: "missing-auth-token" },
    },
  ],
});
