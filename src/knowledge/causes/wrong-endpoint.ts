import { defineCause } from "../schema.js";

export default defineCause({
  id: "wrong-endpoint",
  title: "The request went to the wrong endpoint: {host|this host} does not serve this API the way it was called",
  why: "Gateways and registries refuse calls that reach them by the wrong name, stage, region or protocol: an API Gateway stage that does not exist, the default `execute-api` endpoint after it was disabled, a private API called through public DNS without the API ID in `Host` or `x-apigw-api-id`, SigV4 credentials scoped to a different region, plain HTTP where HTTPS is required, or an image pushed to a registry other than the intended one. The answer is a generic 403 that hides the real mistake.",
  fix: [
    "Use the invoke URL shown for the stage: `https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/...` (API Gateway console > Stages, or `aws apigateway get-stages --rest-api-id {apiId|API_ID}`); stage names are case-sensitive.",
    "If the default endpoint is disabled (`disableExecuteApiEndpoint: true`), call the custom domain name instead, without the stage in the path.",
    "Private API from a VPC: with private DNS on the interface endpoint call `https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/`; through the endpoint's own DNS name (`vpce-...execute-api...vpce.amazonaws.com`) add `-H 'x-apigw-api-id: {apiId|API_ID}'` (or `Host: {apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com`).",
    "Sign for the region of the endpoint you call (`AWS_REGION`/`--region` must match the host's region), and use `https://`.",
    "Registries: tag and push to the registry host you logged in to (`docker tag IMG registry.example.com/team/img:tag`); for npm, check `npm config get registry` and the scope's `@scope:registry`.",
  ],
  verify: [
    "curl -si https://{apiId|API_ID}.execute-api.{region|REGION}.amazonaws.com/{stage|STAGE}/ (expect your API's response or a route-level error, not a bare `{\"message\":\"Forbidden\"}`)",
    "aws apigateway get-stages --rest-api-id {apiId|API_ID} --query 'item[].stageName' (the stage in the URL is listed)",
  ],
  separate:
    "Call the exact invoke URL from the console's stage page for the same resource: if that works, the failing URL differs in host, stage, region or protocol; if it fails the same way, the problem is authorization (key, authorizer, resource policy) rather than the endpoint.",
  mistakes: [
    "Calling `https://API_ID.execute-api.REGION.amazonaws.com/` without a stage, or with a stage that was renamed or deleted.",
    "Using the public execute-api name from inside a VPC whose interface endpoint has private DNS enabled (then Regional APIs are unreachable) or the reverse.",
    "Signing requests for us-east-1 while calling an endpoint in another region.",
    "Pushing `team/image` (which means docker.io) when the private registry host was meant.",
  ],
  sources: [
    "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
  ],
  signals: [
    {
      id: "execute-api-without-stage",
      role: "hint",
      when: [
        { on: "url", match: /^https?:\/\/[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/?(?:[?#]|$)/ },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "wrong-endpoint": 0.5, "missing-auth-token": 0.2 },
      detail: "the execute-api URL has no stage in its path",
    },
    {
      id: "vpce-endpoint-name",
      role: "hint",
      when: [
        { on: "url", match: /^https?:\/\/vpce-[a-z0-9-]+\.execute-api\.[a-z0-9-]+\.vpce\.amazonaws\.com/ },
        { on: "request-header", name: "x-apigw-api-id", absent: true },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "wrong-endpoint": 0.65 },
      detail: "a private API called through the VPC endpoint's DNS name without x-apigw-api-id",
    },
    {
      id: "credential-scope-region",
      role: "hint",
      when: [{ on: "body", match: /Credential should be scoped to (?:a valid region|correct service)|credential must be scoped to a valid region|the region '(?<wrongRegion>[a-z0-9-]+)' is wrong; expecting '(?<rightRegion>[a-z0-9-]+)'/i }],
      weight: 0,
      causes: { "wrong-endpoint": 0.75, "signature-mismatch": 0.2 },
      detail: "the request was signed for a different region or service than the endpoint it reached",
    },
    {
      id: "https-required-text",
      role: "hint",
      when: [{ on: "body", match: /\b(?:HTTPS|SSL|TLS) (?:is )?required\b|\b403\.4\b/ }],
      weight: 0,
      causes: { "wrong-endpoint": 0.5 },
      detail: "the endpoint only accepts HTTPS",
    },
  ],
  examples: [
    {
      name: "SigV4 signed for the wrong region",
      source: "https://github.com/joona/aws-es-curl/issues/15",
      input: "$ aws-es-curl --profile dev -X GET https://search-logs-abc123.eu-central-1.es.amazonaws.com\n{\"message\":\"Credential should be scoped to a valid region, not 'eu-west-1'. \"}\nStatus Code: 403",
      expect: { cause: "wrong-endpoint" },
    },
    {
      name: "execute-api called without a stage",
      source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html",
      input: "$ curl -v https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/\n> GET / HTTP/2\n> Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\n> user-agent: curl/8.4.0\n> accept: */*\n>\n< HTTP/2 403\n< content-type: application/json\n< x-amzn-errortype: ForbiddenException\n< x-amz-apigw-id: Qk1eSF0aoAMEb9A=\n<\n{\"message\":\"Forbidden\"}",
      expect: { cause: "wrong-endpoint" },
    },
    {
      name: "private API through the VPC endpoint name without x-apigw-api-id",
      source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html",
      input: "> GET /prod/pets HTTP/1.1\n> Host: vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com\n> User-Agent: curl/8.4.0\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n< x-amzn-ErrorType: ForbiddenException\n<\n{\"message\":\"Forbidden\"}",
      expect: { cause: "wrong-endpoint" },
    },
    {
      name: "IIS 403.4 SSL required, called over http",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "$ curl -i http://intranet.example.com/app/\nHTTP/1.1 403 Forbidden\nServer: Microsoft-IIS/10.0\nContent-Type: text/html\n\nHTTP Error 403.4 - Forbidden\nThe page you are trying to access is secured with Secure Sockets Layer (SSL).",
      expect: { cause: "wrong-endpoint" },
    },
    {
      name: "a Lambda authorizer deny is not an endpoint problem",
      source: "https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer",
      input: "{\"message\":\"User is not authorized to access this resource with an explicit deny\"}",
      expect: { notCause: "wrong-endpoint" },
    },
  ],
});
