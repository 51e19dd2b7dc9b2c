import { defineCause } from "../schema.js";

export default defineCause({
  id: "error-page-remap",
  title: "A custom error response replaced the real status or body",
  why: "CDNs, gateways and servers can swap an error for a page of your choice: CloudFront custom error responses (403 to `/index.html` with 200 or 404 for single-page apps), API Gateway gateway responses that change the status code or template, nginx `error_page`, Apache `ErrorDocument`, IIS `httpErrors`/`customErrors`, Spring's error page. The client then sees a status that does not match the body (a 403 with a \"not found\" page, a 404 with an AccessDenied body, HTML where JSON was expected), and the real refusal is hidden.",
  fix: [
    "Find the remapping: CloudFront > Distributions > Error pages (custom error responses); API Gateway > Gateway responses; nginx `error_page 403 ...`; Apache `ErrorDocument 403 ...`; IIS `<httpErrors>`/`<customErrors>`; framework error handlers.",
    "Scope it: apply SPA fallbacks only to the static-site behavior (or use a CloudFront Function that rewrites extensionless paths to `/index.html`) so API paths keep their real 401/403/404 responses.",
    "While debugging, bypass the remap (call the origin directly, or temporarily remove the rule) to see the original status and body, then fix that cause.",
  ],
  verify: [
    "curl -si {url|URL} (status and body agree: an API path returns its own JSON error, not the site's index.html or error page)",
    "aws cloudfront get-distribution-config --id DISTRIBUTION_ID --query 'DistributionConfig.CustomErrorResponses' (no blanket 403 rewrite for API behaviors)",
  ],
  separate:
    "Request the same URL from the origin directly (S3 REST endpoint, API Gateway invoke URL, the app server): if the origin returns a different status or body than the edge, the edge remaps it; read the origin's answer for the real cause.",
  mistakes: [
    "Mapping 403 to `/index.html` with 200 for the whole distribution, which also turns API authorization failures into HTML and hides CORS/auth errors.",
    "Pointing the custom error page at an object the origin itself denies, so the error page request fails too.",
    "Debugging the remapped page instead of the original error.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/GeneratingCustomErrorResponses.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html",
    "https://nginx.org/en/docs/http/ngx_http_core_module.html#error_page",
    "https://httpd.apache.org/docs/2.4/mod/core.html#errordocument",
    "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/httperrors/",
  ],
  signals: [
    {
      id: "not-found-page-with-403",
      role: "hint",
      when: [
        { on: "status", in: [403] },
        { on: "body", match: /<title>[^<]{0,60}\b(?:404|Page Not Found|Not Found)\b[^<]{0,60}<\/title>|<h1>[^<]{0,40}\b(?:404|Page not found)\b/i },
      ],
      weight: 0,
      causes: { "error-page-remap": 0.5 },
      detail: "the 403 carries a \"not found\" page: an error page was mapped over the real response",
    },
    {
      id: "denied-body-with-404",
      role: "hint",
      when: [
        { on: "status", in: [404] },
        { on: "body", match: /<Code>AccessDenied<\/Code>|<title>403 Forbidden<\/title>|\b403 Forbidden\b|\bHTTP Error 403\b/ },
      ],
      weight: 0,
      causes: { "error-page-remap": 0.6 },
      detail: "the status is 404 but the body is a 403/AccessDenied: the status was rewritten",
    },
    {
      id: "spa-shell-on-denial",
      role: "hint",
      when: [
        { on: "status", in: [403] },
        { on: "body", match: /<div id="(?:root|app|__next|__nuxt)"|<app-root\b|\bng-version=|__NEXT_DATA__|window\.__NUXT__/ },
      ],
      weight: 0,
      causes: { "error-page-remap": 0.5 },
      detail: "a single-page app's index.html came back with an error status: a custom error response serves the app shell",
    },
    {
      id: "remap-config-text",
      role: "hint",
      when: [{ on: "body", match: /\bCustomErrorResponses?\b|custom_error_response|\berror_page\s+403\b|\bErrorDocument\s+403\b|gatewayresponse\.|\bResponseCode"?\s*[:=]\s*"?200\b/ }],
      weight: 0,
      causes: { "error-page-remap": 0.4 },
      detail: "the pasted configuration remaps errors",
    },
  ],
  examples: [
    {
      name: "CloudFront 403 served with the SPA shell",
      source: "https://github.com/aws-samples/sample-collaborative-ai-dlc/issues/186",
      input: "HTTP/2 403\r\ncontent-type: text/html\r\nx-cache: Error from cloudfront\r\nvia: 1.1 7e6d5c4b3a29180f7e6d5c4b3a29180f.cloudfront.net (CloudFront)\r\nx-amz-cf-id: Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4N5m6Qw==\r\n\r\n<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Dashboard</title><script type=\"module\" src=\"/assets/index-4f2a1c.js\"></script></head><body><div id=\"root\"></div></body></html>",
      expect: { cause: "error-page-remap" },
    },
    {
      name: "S3 AccessDenied body with a 404 status",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/GeneratingCustomErrorResponses.html",
      input: "HTTP/2 404\r\ncontent-type: application/xml\r\nserver: AmazonS3\r\nx-cache: Error from cloudfront\r\nx-amz-cf-id: Zq9Xw8Ec7Rv6Tb5Yn4Um3Ik2Ol1Pa0Sd9Fg8Hj7Kl6Zx5Cv4Bn3Mq==\r\n\r\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
      expect: { cause: "error-page-remap" },
    },
    {
      name: "a 403 with a site's 404 page",
      source: "https://nginx.org/en/docs/http/ngx_http_core_module.html#error_page",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html><html><head><title>Page Not Found | Example Shop</title></head><body><h1>Oops! We can't find that page.</h1></body></html>",
      expect: { cause: "error-page-remap" },
    },
    {
      name: "CloudFront config remapping 403 to 200",
      source: "https://github.com/terraform-aws-modules/terraform-aws-cloudfront/issues/66",
      input: "API calls return HTML with 200 instead of 403 after adding:\n\n custom_error_response = [{\n    error_caching_min_ttl = 10\n    error_code            = 403\n    response_code         = 200\n    response_page_path    = \"/index.html\"\n  }]\n\nError: 403 Forbidden (before the change)",
      expect: { cause: "error-page-remap" },
    },
    {
      name: "a plain S3 AccessDenied with a 403 status is not remapped",
      source: "https://github.com/awslabs/aws-well-architected-labs/issues/214",
      input: "HTTP/1.1 403 Forbidden\r\nServer: AmazonS3\r\nContent-Type: application/xml\r\n\r\n<Error>\n<Code>AccessDenied</Code>\n<Message>Access Denied</Message>\n<RequestId>66DD2A4C3CF92CE4</RequestId>\n</Error>",
      expect: { notCause: "error-page-remap" },
    },
  ],
});
