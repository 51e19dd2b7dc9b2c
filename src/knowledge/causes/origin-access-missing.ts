import { defineCause } from "../schema.js";

export default defineCause({
  id: "origin-access-missing",
  title: "CloudFront has no access to the private S3 bucket {bucket|behind it}",
  why: "A private S3 bucket only serves a CloudFront distribution that signs its requests with origin access control (OAC) or uses a legacy origin access identity (OAI), and only when the bucket policy grants that principal `s3:GetObject`. Without both, CloudFront asks S3 anonymously and S3 answers `AccessDenied`, which CloudFront passes on as a 403 with S3's XML body.",
  fix: [
    "CloudFront console > Distributions > {distribution|your distribution} > Origins > edit the S3 origin > Origin access: choose Origin access control settings, create or pick an OAC (sign requests), save.",
    "Add the bucket policy CloudFront offers (or write it): Allow `s3:GetObject` on `arn:aws:s3:::{bucket|BUCKET}/*` for principal `{\"Service\": \"cloudfront.amazonaws.com\"}` with condition `\"StringEquals\": {\"AWS:SourceArn\": \"arn:aws:cloudfront::ACCOUNT_ID:distribution/DISTRIBUTION_ID\"}`.",
    "If objects are encrypted with SSE-KMS, also allow the distribution (`cloudfront.amazonaws.com` with the same SourceArn condition) `kms:Decrypt` in the key policy.",
    "To get 404 instead of 403 for missing keys, also grant `s3:ListBucket` on `arn:aws:s3:::{bucket|BUCKET}`; otherwise a missing object also shows up as AccessDenied.",
  ],
  verify: [
    "aws s3api get-bucket-policy --bucket {bucket|BUCKET} --query Policy --output text (shows the cloudfront.amazonaws.com statement with your distribution's ARN)",
    "curl -sI https://{host|dxxxx.cloudfront.net}/index.html (expect 200, not 403 with an S3 AccessDenied body)",
  ],
  separate:
    "Request a key you know exists (e.g. `/index.html`) through CloudFront: AccessDenied for an existing object means CloudFront cannot read the bucket (OAC/OAI or bucket policy); 200 there but 403 for other paths means those keys are missing (object-missing-masked) or a different behavior/origin is used.",
  mistakes: [
    "Creating the OAC but never adding (or overwriting) the bucket policy statement that names the distribution's ARN.",
    "Using the S3 website endpoint (`bucket.s3-website-REGION.amazonaws.com`) as the origin: OAC/OAI only work with the REST endpoint, and the website endpoint needs a public bucket.",
    "Making the whole bucket public to silence the error, which bypasses CloudFront entirely.",
    "Copying the SourceArn of another distribution (staging vs production).",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
    "https://repost.aws/knowledge-center/s3-website-cloudfront-error-403",
  ],
  signals: [
    {
      id: "s3-denied-through-cloudfront",
      role: "hint",
      when: [
        { on: "header", name: "x-amz-cf-id" },
        { on: "body", match: /<Code>AccessDenied<\/Code>\s*<Message>Access Denied<\/Message>|Code: AccessDenied/ },
      ],
      weight: 0,
      causes: { "origin-access-missing": 0.55 },
      responders: ["aws-s3", "aws-cloudfront", "unknown"],
      detail: "S3's AccessDenied came back through CloudFront: the distribution may lack OAC/OAI or the bucket policy grant",
    },
    {
      id: "s3-denied-via-cloudfront",
      role: "hint",
      when: [
        { on: "header", name: "via", match: /\(CloudFront\)/ },
        { on: "body", match: /<Code>AccessDenied<\/Code>\s*<Message>Access Denied<\/Message>|Code: AccessDenied/ },
      ],
      weight: 0,
      causes: { "origin-access-missing": 0.5 },
      responders: ["aws-s3", "aws-cloudfront", "unknown"],
      detail: "S3's AccessDenied arrived via a CloudFront hop",
    },

    {
      id: "probe-nothing-readable-through-edge",
      role: "hint",
      when: [
        { on: "probe", name: "site-root-denied" },
        { on: "header", name: "x-amz-cf-id" },
      ],
      weight: 0,
      causes: { "origin-access-missing": 0.6, "object-missing-masked": -0.6 },
      responders: ["aws-s3"],
      detail: "live probe: through CloudFront even the site root is refused by S3: the distribution cannot read the bucket at all",
    },
  ],
  examples: [
    {
      name: "curl -i through CloudFront to a private bucket",
      source: "https://github.com/aws-solutions/media-services-application-mapper/issues/94",
      input: "$ curl -i https://d1a2b3c4d5e6f7.cloudfront.net/\nHTTP/2 403\ncontent-type: application/xml\nserver: AmazonS3\nx-cache: Error from cloudfront\nvia: 1.1 5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f.cloudfront.net (CloudFront)\nx-amz-cf-pop: IAD89-C1\nx-amz-cf-id: 8lMx0p0qk9q1Yc6wP3n2sJm0m5X5bP6cVfK3JtR2Yx0lQ2b3c4d5eA==\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>XXXXXXXXXXXXXXX</RequestId><HostId>3gFil9s66tpmcLhxnfUeHttKJMfPFa5501NemDJJmQPxKgCtEDHEXP+cNwYm9q3gkwCAi3BQpTc=</HostId></Error>",
      expect: { cause: "origin-access-missing" },
    },
    {
      name: "S3 AccessDenied on a direct SDK call has no CloudFront in the path",
      source: "https://github.com/aws/aws-cli/issues/1689",
      input: "$ aws s3 cp s3://my-bucket/report.csv /tmp\nfatal error: An error occurred (403) when calling the HeadObject operation: Forbidden",
      expect: { notCause: "origin-access-missing" },
    },

    {
      name: "live probe: through CloudFront every object is refused by S3",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
      input: "HTTP/2 403\ncontent-type: application/xml\nserver: AmazonS3\nx-cache: Error from cloudfront\nvia: 1.1 5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f.cloudfront.net (CloudFront)\nx-amz-cf-pop: IAD89-C1\nx-amz-cf-id: 8lMx0p0qk9q1Yc6wP3n2sJm0m5X5bP6cVfK3JtR2Yx0lQ2b3c4d5eA==\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>XXXXXXXXXXXXXXX</RequestId><HostId>3gFil9s66tpmcLhxnfUeHttKJMfPFa5501NemDJJmQPxKgCtEDHEXP+cNwYm9q3gkwCAi3BQpTc=</HostId></Error>",
      probes: ["site-root-denied", "missing-sibling-denied"],
      expect: { cause: "origin-access-missing" },
    },
  ],
});
