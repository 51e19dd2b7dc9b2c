import { defineCause } from "../schema.js";

export default defineCause({
  id: "stacked-edge",
  title: "Two CloudFront distributions are chained in front of each other",
  why: "When one CloudFront distribution uses another distribution (a `*.cloudfront.net` name, or a CNAME that resolves to CloudFront) as its origin, the request reaches CloudFront twice. CloudFront refuses this loop-like chain with a 403 (\"The request could not be satisfied\"); AWS does not support placing one distribution in front of another.",
  fix: [
    "Point the outer distribution's origin at the real origin (the S3 bucket, load balancer or API Gateway endpoint) instead of the other distribution's `*.cloudfront.net` name or a hostname that resolves to CloudFront.",
    "If two distributions exist for different paths of one site, merge them into one distribution with several origins and cache behaviors (path patterns).",
    "When the origin is a managed service that itself runs CloudFront (an edge-optimized API Gateway endpoint, Amplify Hosting), use its Regional endpoint or its own custom domain feature instead of a second distribution.",
  ],
  verify: [
    "aws cloudfront get-distribution-config --id DISTRIBUTION_ID --query 'DistributionConfig.Origins.Items[].DomainName' (no `*.cloudfront.net` or CloudFront-resolving name)",
    "curl -sI https://{host|www.example.com}/ (expect 200, and a `Via` header with a single CloudFront hop)",
  ],
  separate:
    "Look at the `Via` response header and the origin's domain: two `... .cloudfront.net (CloudFront)` hops, or an origin domain that resolves (`dig +short ORIGIN_DOMAIN`) to CloudFront addresses, means stacked distributions; a single hop means some other CloudFront cause.",
  mistakes: [
    "Using an edge-optimized API Gateway endpoint (which is already behind CloudFront) as the origin of your own distribution.",
    "Pointing a distribution at a custom domain that is itself an alias of another distribution.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html",
  ],
  signals: [
    {
      id: "via-two-cloudfront-hops",
      role: "hint",
      when: [{ on: "header", name: "via", match: /\.cloudfront\.net \(CloudFront\)\s*,\s*[^,\n]*\.cloudfront\.net \(CloudFront\)/i }],
      weight: 0,
      causes: { "stacked-edge": 0.85 },
      detail: "the Via header shows two CloudFront hops",
    },
    {
      id: "origin-is-cloudfront",
      role: "hint",
      when: [{ on: "body", match: /(?:[Oo]rigin(?: domain(?: name)?)?|DomainName|domain_name)["']?\s*[:=]\s*["']?(?:https?:\/\/)?[a-z0-9]+\.cloudfront\.net\b/ }],
      weight: 0,
      causes: { "stacked-edge": 0.7 },
      detail: "the configuration shows a `*.cloudfront.net` name used as an origin",
    },
  ],
  examples: [
    {
      name: "response through two distributions",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
      input: "HTTP/2 403\r\ncontent-type: text/html\r\nserver: CloudFront\r\nx-cache: Error from cloudfront\r\nvia: 1.1 9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d.cloudfront.net (CloudFront), 1.1 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.cloudfront.net (CloudFront)\r\nx-amz-cf-pop: LHR61-P2\r\nx-amz-cf-id: Zr2p8mQe7Wq1x5JbN3k0sT9vYc6uH4aL2dG8fE1rI7oP5nB3mK0jXw==\r\n\r\n<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2></BODY></HTML>",
      expect: { cause: "stacked-edge" },
    },
    {
      name: "Terraform origin pointing at another distribution",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
      input: "HTTP/2 403 from https://www.example.com/ after apply\n\n  origin {\n    domain_name = \"d2abcdefghij3k.cloudfront.net\"\n    origin_id   = \"assets\"\n  }\n\n403 ERROR\nThe request could not be satisfied.",
      expect: { cause: "stacked-edge" },
    },
    {
      name: "a single CloudFront hop is not a chain",
      source: "https://github.com/aws-solutions/media-services-application-mapper/issues/94",
      input: "HTTP/2 403\r\ncontent-type: application/xml\r\nserver: AmazonS3\r\nvia: 1.1 5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f.cloudfront.net (CloudFront)\r\nx-amz-cf-id: 8lMx0p0qk9q1Yc6wP3n2sJm0m5X5bP6cVfK3JtR2Yx0lQ2b3c4d5eA==\r\n\r\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
      expect: { notCause: "stacked-edge" },
    },
  ],
});
