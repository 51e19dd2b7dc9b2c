import { defineCause } from "../schema.js";

export default defineCause({
  id: "invalid-api-key",
  title: "The API key is missing, unknown or not enabled for this API stage",
  why: "A method that requires an API key accepts only a key sent in the expected place (API Gateway: the `x-api-key` header) that exists, is enabled, and belongs to a usage plan associated with this API and stage. A missing key gets a bare `Forbidden`; a key API Gateway does not know gets `Invalid API Key identifier specified`; a valid key that is not in a usage plan for this stage is also refused. Other API providers answer similarly with their own wording (\"invalid api key\", \"API key not valid\").",
  fix: [
    "Send the key in the header the API expects: `curl -H 'x-api-key: YOUR_KEY' {url|URL}` (API Gateway ignores `Authorization` and query parameters for API keys unless the key source is an authorizer).",
    "Check the key is enabled and associated: `aws apigateway get-api-key --api-key KEY_ID --include-value` and `aws apigateway get-usage-plans --key-id KEY_ID` must show a plan whose `apiStages` lists `{apiId|API_ID}:{stage|STAGE}`; otherwise `aws apigateway create-usage-plan-key --usage-plan-id PLAN_ID --key-id KEY_ID --key-type API_KEY`.",
    "After changing \"API key required\" on a method, deploy the API to the stage again.",
    "For other providers, copy the key again from the provider's console (no stray spaces or quotes) and check it is allowed for this API/project.",
  ],
  verify: [
    "curl -si -H 'x-api-key: YOUR_KEY' {url|https://API_ID.execute-api.REGION.amazonaws.com/STAGE/resource} (expect 200; without the header still 403)",
  ],
  separate:
    "Repeat the call with the key, without the key, and with a deliberately wrong key: identical `Forbidden` for all three means the key is never accepted (usage plan/stage association or header name); `Invalid API Key identifier specified` only for the wrong key confirms the key check itself is working.",
  mistakes: [
    "Creating the API key but never adding it to a usage plan that includes this API's stage.",
    "Sending the key as `Authorization: Bearer KEY` or `?api_key=` instead of `x-api-key`.",
    "Using the key's ID instead of its value.",
    "Forgetting to redeploy after marking the method as API-key-required.",
  ],
  sources: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html",
    "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
  ],
  signals: [
    {
      id: "invalid-api-key-text",
      role: "hint",
      when: [{ on: "body", match: /Invalid API Key identifier specified|\binvalid[ _-]api[ _-]?key\b|\bAPI key (?:is )?(?:invalid|not valid|missing|required|expired|revoked)\b|\bmissing api[ _-]?key\b|\bno api[ _-]?key (?:was |is )?(?:found|provided|supplied|given)\b|\bAPI_KEY_MISSING\b/i }],
      weight: 0,
      causes: { "invalid-api-key": 0.8 },
      detail: "the response says the API key is invalid or missing",
    },
    {
      id: "api-key-sent-forbidden",
      role: "hint",
      when: [
        { on: "request-header", name: "x-api-key" },
        { on: "body", match: /^\s*\{\s*"message"\s*:\s*"Forbidden"\s*\}\s*$/ },
      ],
      weight: 0,
      causes: { "invalid-api-key": 0.5 },
      detail: "an x-api-key was sent and API Gateway still answered a bare Forbidden: the key is not valid for this stage",
    },
  ],
  examples: [
    {
      name: "API Gateway rejects an unknown key",
      source: "https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nx-amzn-RequestId: 0b6f3c2a-1111-4222-8333-444455556666\r\nx-amzn-ErrorType: ForbiddenException\r\nx-amz-apigw-id: Xy12AbCdIAMFq1w=\r\n\r\n{\"message\":\"Invalid API Key identifier specified\"}",
      expect: { cause: "invalid-api-key" },
    },
    {
      name: "key sent, but not attached to a usage plan",
      source: "https://github.com/svdgraaf/serverless-screenshot/issues/10",
      input: "> GET /dev/screenshot?url=https://example.org HTTP/2\n> Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\n> x-api-key: 3xAmpl3K3yV4lu3xxxxxxxxxxxxxxxxxxxxxxxxx\n>\n< HTTP/2 403\n< content-type: application/json\n< x-amzn-errortype: ForbiddenException\n<\n{\"message\":\"Forbidden\"}",
      expect: { cause: "invalid-api-key" },
    },
    {
      name: "a missing route is not an API-key problem",
      source: "https://github.com/stackery/php-lambda-layer/issues/31",
      input: "HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: MissingAuthenticationTokenException\r\n\r\n{\"message\":\"Missing Authentication Token\"}",
      expect: { notCause: "invalid-api-key" },
    },

    {
      name: "api.data.gov (API Umbrella): no api_key supplied",
      source: "https://api.data.gov/docs/developer-manual/",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{\n  \"error\": {\n    \"code\": \"API_KEY_MISSING\",\n    \"message\": \"No api_key was supplied. Get one at https://api.data.gov:443\"\n  }\n}",
      expect: { cause: "invalid-api-key" },
    },
  ],
});
