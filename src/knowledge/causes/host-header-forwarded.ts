import { defineCause } from "../schema.js";

export default defineCause({
  id: "host-header-forwarded",
  title: "CloudFront forwards the viewer's Host header to the S3 origin, so S3 looks for bucket {bucketName|named after the site}",
  why: "S3's REST endpoint takes the bucket name from the Host header (virtual-hosted style). When the distribution's origin request policy or legacy cache settings forward the viewer's `Host` (e.g. `www.example.com`), S3 looks for a bucket with that name instead of the origin's bucket: it answers `NoSuchBucket`, or `AccessDenied` when a bucket by that name exists but does not belong to you, and a SigV4-signing OAC request can fail its signature check.",
  fix: [
    "CloudFront > Distributions > Behaviors > edit the behavior for the S3 origin > Origin request policy: use `CORS-S3Origin` or a policy that does not include the `Host` header (with legacy cache settings, remove Host from the forwarded headers / do not choose All headers).",
    "If your application really needs the viewer host, send it in a different header (e.g. add `CloudFront-Forwarded-Host` with a CloudFront Function) and keep S3 origins on their own behavior.",
  ],
  verify: [
    "aws cloudfront get-origin-request-policy --id POLICY_ID --query 'OriginRequestPolicy.OriginRequestPolicyConfig.HeadersConfig' (Host is not listed)",
    "curl -sI https://{host|www.example.com}/index.html (expect 200; no `NoSuchBucket` naming your domain)",
  ],
  separate:
    "Read the `<BucketName>` in S3's error body (or request the same key from the bucket's REST endpoint): a bucket name equal to your site's domain instead of the origin bucket means the Host header was forwarded; the right bucket name with AccessDenied points at OAC/OAI or the bucket policy.",
  mistakes: [
    "Choosing the `AllViewer` origin request policy for an S3 origin (it forwards Host).",
    "Naming the bucket after the domain to \"fix\" it, which then hits the bucket-policy/OAC path with a different bucket.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html#VirtualHostingSpecifyBucket",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html",
  ],
  signals: [
    {
      id: "bucket-named-like-domain-via-cloudfront",
      role: "hint",
      when: [
        { on: "body", match: /<Code>(?:NoSuchBucket|AccessDenied)<\/Code>[\s\S]{0,400}?<BucketName>(?<bucketName>(?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|app|co|de|uk|fr|jp|info|biz|cloud|site|xyz|me|us|eu|ca|au|in|nl|ch|se|es|it|br))<\/BucketName>/ },
        { on: "header", name: "x-amz-cf-id" },
      ],
      weight: 0,
      causes: { "host-header-forwarded": 0.75 },
      detail: "S3 looked for a bucket named like a web domain, behind CloudFront: the viewer's Host header reached S3",
    },
    {
      id: "bucket-named-like-domain",
      role: "hint",
      when: [
        { on: "body", match: /<Code>NoSuchBucket<\/Code>[\s\S]{0,400}?<BucketName>(?<bucketName>www\.(?:[a-z0-9-]+\.)+[a-z]{2,})<\/BucketName>/ },
      ],
      weight: 0,
      causes: { "host-header-forwarded": 0.4 },
      detail: "S3 looked for a bucket named like a www domain: a forwarded Host header is a common reason",
    },
  ],
  examples: [
    {
      name: "CloudFront with AllViewer policy in front of an S3 REST origin",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
      input: "HTTP/2 404\r\ncontent-type: application/xml\r\nserver: AmazonS3\r\nx-cache: Error from cloudfront\r\nvia: 1.1 4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f.cloudfront.net (CloudFront)\r\nx-amz-cf-id: Xk9Vq2pL8mN4bR6tY1uI3oP5aS7dF9gH0jK2lZ4xC6vB8nM1qW3eR5==\r\n\r\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>www.example.com</BucketName><RequestId>7Q2W3E4R5T6Y7U8I</RequestId><HostId>a1b2c3d4e5f6=</HostId></Error>",
      expect: { cause: "host-header-forwarded" },
    },
    {
      name: "bare NoSuchBucket for a www-named bucket",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>www.example.org</BucketName><RequestId>1A2B3C4D5E6F7G8H</RequestId><HostId>Zm9vYmFy=</HostId></Error>\nStatus Code: 404",
      expect: { cause: "host-header-forwarded" },
    },
    {
      name: "NoSuchBucket for an ordinary bucket name is a typo, not a forwarded Host",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>my-app-assets-prod</BucketName><RequestId>1A2B3C4D5E6F7G8H</RequestId></Error>\nStatus Code: 404",
      expect: { notCause: "host-header-forwarded" },
    },
  ],
});
