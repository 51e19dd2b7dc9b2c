import { defineCause } from "../schema.js";

export default defineCause({
  id: "object-missing-masked",
  title: "Whether {key|the requested object} exists is hidden from this caller: a missing object and a forbidden one look the same",
  why: "Object stores and many APIs refuse to say whether something exists to a caller who could not see it anyway. S3 answers a GET or HEAD for a missing key with 403 AccessDenied unless the caller has `s3:ListBucket` on the bucket (then it is a 404 NoSuchKey); Google Cloud Storage does the same without `storage.objects.list`. The reverse also happens: GitHub, Stripe and others answer 404 for resources that exist but are not visible to this token. A typo in the key, a wrong prefix, a deleted object or a website path without an index document all show up as \"access denied\".",
  fix: [
    "Check whether the key exists, with credentials that can list: `aws s3api list-objects-v2 --bucket {bucket|BUCKET} --prefix {key|KEY}` (exact case, no leading slash, URL-decoded).",
    "If it should exist, fix the path in the caller (case, encoding of spaces and `+`, the prefix or stage) or upload the object; for S3 website endpoints and CloudFront, add an index document or a redirect for directory-like paths.",
    "To get honest 404s instead of 403s, grant `s3:ListBucket` on `arn:aws:s3:::{bucket|BUCKET}` to the caller (for public website buckets: to `*` via the bucket policy, only if listing is acceptable).",
    "For 404s from APIs that hide resources (GitHub, Stripe): check the token's access (repository or organisation membership, app installation, test vs live mode key, connected account) before concluding the resource is gone.",
  ],
  verify: [
    "aws s3api list-objects-v2 --bucket {bucket|BUCKET} --prefix {key|KEY} --max-items 5 (the key is listed, or not)",
    "aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} (expect 200 for an existing object; 404 instead of 403 once ListBucket is granted)",
  ],
  separate:
    "List the prefix with an identity that has list permission (`aws s3api list-objects-v2 --bucket {bucket|BUCKET} --prefix {key|KEY}`): no such key means the object is missing (this cause); the key listed means the caller really lacks read access (no-allow, resource-policy-deny, kms-denied).",
  mistakes: [
    "Spending hours on IAM policies for a key that was never uploaded or is spelled differently.",
    "Treating every S3 403 on HeadObject as a permission bug: tools that probe for existence (sync, caches) expect it when ListBucket is missing.",
    "Requesting `/docs/` from an S3 website endpoint without an index document for that prefix.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html",
    "https://cloud.google.com/storage/docs/access-control/iam-permissions",
    "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource",
  ],
  signals: [
    {
      id: "s3-headobject-forbidden",
      role: "hint",
      when: [{ on: "body", match: /\(403\)(?: occurred)? when calling the HeadObject operation:? Forbidden/ }],
      weight: 0,
      causes: { "object-missing-masked": 0.6, "no-allow": 0.3 },
      detail: "S3 HeadObject answered 403 (HEAD has no body): a missing key looks like this when the caller may not list the bucket",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html"],
    },
    {
      id: "head-on-object-store",
      role: "hint",
      when: [
        { on: "method", in: ["HEAD"] },
        { on: "status", in: [403] },
        { on: "header", name: "x-amz-request-id" },
        { on: "url", match: /[?&]X-Amz-Signature=/, absent: true },
      ],
      weight: 0,
      causes: { "object-missing-masked": 0.4, "no-allow": 0.2 },
      detail: "a HEAD request answered 403 by S3 (or an S3-compatible store): the object may be missing and listing not allowed",
    },
    {
      id: "github-hidden-404",
      role: "hint",
      when: [
        { on: "status", in: [404] },
        { on: "body", match: /"message"\s*:\s*"Not Found"/ },
        { on: "body", match: /"documentation_url"\s*:\s*"https:\/\/(?:docs|developer)\.github\.com\// },
      ],
      weight: 0,
      causes: { "object-missing-masked": 0.55 },
      detail: "GitHub answers 404 for private resources the token may not see",
      sources: ["https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource"],
    },
    {
      id: "stripe-no-such",
      role: "hint",
      when: [{ on: "body", match: /\bNo such (?:customer|payment_intent|setup_intent|payment_method|charge|price|product|plan|subscription|invoice|coupon|source|token|account|checkout\.session|refund): '?[a-z]{2,8}_/ }],
      weight: 0,
      causes: { "object-missing-masked": 0.45 },
      detail: "Stripe: the object is not visible to this key (other account, test vs live mode) or does not exist",
      sources: ["https://docs.stripe.com/error-codes#resource-missing"],
    },

    {
      id: "probe-key-not-listed",
      role: "hint",
      when: [{ on: "probe", name: "s3-key-not-listed" }],
      weight: 0,
      causes: { "object-missing-masked": 0.95 },
      detail: "live probe: listing the bucket shows no such key: the 403 hides a missing object",
    },
    {
      id: "probe-objects-readable",
      role: "hint",
      when: [{ on: "probe", name: "site-root-ok" }],
      weight: 0,
      causes: { "object-missing-masked": 0.65, "origin-access-missing": -0.7, "no-allow": -0.4 },
      responders: ["aws-s3", "gcp-storage", "azure-storage"],
      detail: "live probe: the site root is served from the same store: objects are readable, so this key is most likely missing",
    },

    {
      id: "probe-key-under-other-name",
      role: "hint",
      when: [{ on: "probe", name: "slash-variant-ok" }],
      weight: 0,
      causes: { "object-missing-masked": 0.7, "no-allow": -0.5, "origin-access-missing": -0.7 },
      responders: ["aws-s3", "gcp-storage", "azure-storage"],
      detail: "live probe: the key with its trailing slash toggled is served: the exact key requested does not exist",
    },
  ],
  examples: [
    {
      name: "django-storages existence check without ListBucket",
      source: "https://github.com/jschneier/django-storages/issues/1104",
      input: "botocore.exceptions.ClientError: An error occurred (403) when calling the HeadObject operation: Forbidden",
      expect: { cause: "object-missing-masked" },
    },
    {
      name: "GitHub API: private repository looks missing",
      source: "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource",
      input: "HTTP/2 404\ncontent-type: application/json; charset=utf-8\nx-github-request-id: C1A2:3B4C:5D6E7F:8091A2:65F0A1B2\n\n{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"404\"}",
      expect: { cause: "object-missing-masked" },
    },
    {
      name: "signed curl -I (curl --aws-sigv4) on an S3 key that does not exist",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html",
      input: "> HEAD /builds/app-1.4.2.tar.gz HTTP/1.1\n> Host: example-artifacts.s3.amazonaws.com\n> User-Agent: curl/8.4.0\n> x-amz-date: 20240108T120000Z\n> x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n> Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240108/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024\n>\n< HTTP/1.1 403 Forbidden\n< x-amz-request-id: 5E2C8B1A9F3D7E60\n< x-amz-id-2: c2FtcGxlIGV4dGVuZGVkIHJlcXVlc3QgaWQ=\n< Content-Type: application/xml\n< Date: Mon, 08 Jan 2024 12:00:00 GMT\n< Server: AmazonS3\n<",
      expect: { cause: "object-missing-masked" },
    },
    {
      name: "Stripe customer created with the other account's key",
      source: "https://github.com/HiEventsDev/Hi.Events/issues/337",
      input: "production.ERROR: Stripe payment intent creation failed: No such customer: 'cus_xxx' {\"exception\":\"[object] (Stripe\\\\Exception\\\\InvalidRequestException(code: 0): No such customer: 'cus_xxx' at /app/backend/vendor/stripe/stripe-php/lib/Exception/ApiErrorException.php:38)\"}",
      expect: { cause: "object-missing-masked" },
    },
    {
      name: "NoSuchKey is an honest 404",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>reports/2024.csv</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>",
      expect: { notCause: "object-missing-masked" },
    },

    {
      name: "live probe: the bucket listing has no such key",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax",
      input: "HTTP/1.1 403 Forbidden\nx-amz-request-id: 9A0D5596C066E400\nx-amz-id-2: Cb1y8kEjyPKd3JzpaxV8cGAsXvA9tzlLaCy4l\nContent-Type: application/xml\nServer: AmazonS3\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>",
      probes: ["s3-key-not-listed"],
      expect: { cause: "object-missing-masked" },
    },
    {
      name: "live probe: CloudFront serves the site root from the bucket but this key is refused",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
      input: "HTTP/2 403\ncontent-type: application/xml\nserver: AmazonS3\nx-cache: Error from cloudfront\nvia: 1.1 5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f.cloudfront.net (CloudFront)\nx-amz-cf-pop: IAD89-C1\nx-amz-cf-id: 8lMx0p0qk9q1Yc6wP3n2sJm0m5X5bP6cVfK3JtR2Yx0lQ2b3c4d5eA==\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>XXXXXXXXXXXXXXX</RequestId><HostId>3gFil9s66tpmcLhxnfUeHttKJMfPFa5501NemDJJmQPxKgCtEDHEXP+cNwYm9q3gkwCAi3BQpTc=</HostId></Error>",
      probes: ["site-root-ok"],
      expect: { cause: "object-missing-masked" },
    },

    {
      name: "live probe: the key exists only with a trailing slash",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html",
      input: "HTTP/1.1 403 Forbidden\nx-amz-request-id: 9A0D5596C066E400\nx-amz-id-2: Cb1y8kEjyPKd3JzpaxV8cGAsXvA9tzlLaCy4l\nContent-Type: application/xml\nServer: AmazonS3\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>",
      probes: ["slash-variant-ok"],
      expect: { cause: "object-missing-masked" },
    },
  ],
});
