import { defineCause } from "../schema.js";

export default defineCause({
  id: "signed-url-required",
  title: "The content requires a valid signed URL or signed cookies",
  why: "When a CloudFront cache behavior restricts viewer access (trusted key groups or trusted signers), every request must carry a signature: the `Expires`/`Policy`, `Signature` and `Key-Pair-Id` query parameters, or the `CloudFront-Policy`/`CloudFront-Signature`/`CloudFront-Key-Pair-Id` cookies. A request without them, with an expired time, a policy that does not cover the URL, or a key that is not in the behavior's key group is refused with 403. Other CDNs (Akamai token auth, Bunny, Fastly) do the same with their own token parameters.",
  fix: [
    "Generate the URL with your application's signer for exactly the URL that is requested (scheme, host, path and any query string), with an expiry in the future: `aws cloudfront sign --url https://{host|dxxxx.cloudfront.net}{path|/file} --key-pair-id KEY_ID --private-key file://private_key.pem --date-less-than 2030-01-01`.",
    "Use the public key ID of a key in the key group attached to this cache behavior (CloudFront > Distributions > Behaviors > Restrict viewer access > Trusted key groups), and the matching private key.",
    "For signed cookies, set all three cookies for the distribution's domain (or the CNAME the browser uses) with `Path=/` and send them on the request; the cookie domain must match the host the browser calls.",
    "If the path should be public, move it to a cache behavior without Restrict viewer access.",
  ],
  verify: [
    "curl -sI \"$(aws cloudfront sign --url https://{host|dxxxx.cloudfront.net}{path|/file} --key-pair-id KEY_ID --private-key file://private_key.pem --date-less-than $(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ))\" (expect 200)",
  ],
  separate:
    "Request the URL without any signature: CloudFront's `MissingKey` / \"Missing Key-Pair-Id query parameter or cookie value\" means the behavior requires signing; then a freshly signed URL with a 10-minute expiry tells a bad signer/key (still 403) from an expired or wrong-URL signature (200).",
  mistakes: [
    "Signing one URL (e.g. the playlist) and requesting others (segments, a different query string) that the canned policy does not cover; use a custom policy with a wildcard resource or signed cookies.",
    "Using the key pair ID of a key that is not in the behavior's trusted key group, or the old account-level key pair with a key group.",
    "Clock or time-zone errors making `Expires` already past (it is a Unix timestamp in seconds, UTC).",
    "URL-encoding the signature twice, or letting a client strip or reorder the query string.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PrivateContent.html",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-urls.html",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-cookies.html",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
    "https://techdocs.akamai.com/property-mgr/docs/auth-token-2-0-ver",
  ],
  signals: [
    {
      id: "signed-url-expired",
      role: "hint",
      when: [{ on: "fact", name: "cloudfront-signed-url-expired" }],
      weight: 0,
      causes: { "signed-url-required": 0.85, "auth-expired": 0.6 },
      detail: "the signed URL's Expires lies before the time the edge answered",
    },
    {
      id: "missing-key-pair-id",
      role: "hint",
      when: [{ on: "body", match: /Missing Key-Pair-Id query parameter or cookie value|<Code>MissingKey<\/Code>/ }],
      weight: 0,
      causes: { "signed-url-required": 0.9 },
      detail: "the edge wants a signed URL or signed cookies and found no key pair ID",
      sources: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-urls.html"],
    },
    {
      id: "signed-url-params",
      role: "hint",
      when: [{ on: "url", match: /[?&]Key-Pair-Id=/ }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "signed-url-required": 0.6 },
      detail: "a CloudFront signed URL was sent and refused (expired, wrong key, or a policy that does not cover this URL)",
    },
    {
      id: "signed-cookies-sent",
      role: "hint",
      when: [{ on: "request-header", name: "cookie", match: /\bCloudFront-(?:Key-Pair-Id|Signature|Policy)=/ }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "signed-url-required": 0.55 },
      detail: "CloudFront signed cookies were sent and refused",
    },
    {
      id: "edge-token-params",
      role: "hint",
      when: [{ on: "url", match: /[?&](?:hdnts|hdnea|__token__)=[^&#]*\bexp=\d/ }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "signed-url-required": 0.45 },
      detail: "a CDN token-auth parameter was sent and refused (expired or for another path)",
    },
  ],
  checks: [
    "Decode the signed URL or cookies in the request: why403 inspect {file|FILE} --public-key public_key.pem (expiry, policy resource, Key-Pair-Id, and whether the signature verifies)",
  ],
  examples: [
    {
      name: "CloudFront signed URL used after its Expires time",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-canned-policy.html",
      input: "> GET /videos/intro.mp4?Expires=1700000000&Signature=abcdEFGH~ijkl&Key-Pair-Id=K2JCJMDEHXQW5F HTTP/1.1\n> Host: d111111abcdef8.cloudfront.net\n>\n< HTTP/1.1 403 Forbidden\n< Server: CloudFront\n< Date: Wed, 15 Nov 2023 10:00:00 GMT\n< Content-Type: text/xml\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>",
      expect: { cause: "signed-url-required" },
    },
    {
      name: "signed cookies missing on a restricted behavior",
      source: "https://github.com/jasonsims/aws-cloudfront-sign/issues/35",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>MissingKey</Code><Message>Missing Key-Pair-Id query parameter or cookie value</Message></Error>",
      expect: { cause: "signed-url-required" },
    },
    {
      name: "curl -v of a signed URL refused",
      source: "https://github.com/jasonsims/aws-cloudfront-sign/issues/74",
      input: "> GET /test-video/Default/HLS/movie.m3u8?Expires=1693438738&Policy=eyJTdGF0ZW1lbnQiOlt7fV19&Signature=Ph1Plk0Wdvs8jPOV6Jk2E4NHzlaL&Key-Pair-Id=K2JCJMDEHXQW5F HTTP/2\n> Host: xyz.cloudfront.net\n> user-agent: curl/8.1.2\n> accept: */*\n>\n< HTTP/2 403\n< content-type: text/xml\n< x-cache: Error from cloudfront\n< via: 1.1 0f1e2d3c4b5a69788796a5b4c3d2e1f0.cloudfront.net (CloudFront)\n< x-amz-cf-id: qT0zS0xq3M1y8dQ4q0q2pJkR8w1V7jvU4x9Wm1bH2c3d4e5f6g7h8A==\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>",
      expect: { cause: "signed-url-required" },
    },
    {
      name: "CloudFront signed cookies sent but refused",
      source: "https://github.com/jasonsims/aws-cloudfront-sign/issues/23",
      input: "> GET /images/circle.png HTTP/1.1\n> Host: cdn.example.com\n> Cookie: CloudFront-Policy=eyJTdGF0ZW1lbnQiOltdfQ__; CloudFront-Signature=abcDEF123~; CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: text/xml\n< Via: 1.1 0f1e2d3c4b5a69788796a5b4c3d2e1f0.cloudfront.net (CloudFront)\n< X-Amz-Cf-Id: qT0zS0xq3M1y8dQ4q0q2pJkR8w1V7jvU4x9Wm1bH2c3d4e5f6g7h8A==\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>",
      expect: { cause: "signed-url-required" },
    },
    {
      name: "Akamai token auth refused",
      source: "https://techdocs.akamai.com/property-mgr/docs/auth-token-2-0-ver",
      input: "> GET /vod/movie/master.m3u8?hdnts=exp=1700000000~acl=/vod/*~hmac=3a1f0c9b8e7d6c5b4a39281706f5e4d3c2b1a098 HTTP/1.1\n> Host: media.example.com\n> User-Agent: AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; en_us)\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n<",
      expect: { cause: "signed-url-required" },
    },
    {
      name: "an S3 presigned URL with a bad signature is not a CloudFront signed-URL problem",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      input: "> GET /uploads/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=0123abcd HTTP/1.1\n> Host: my-bucket.s3.amazonaws.com\n>\n< HTTP/1.1 403 Forbidden\n< Server: AmazonS3\n< Content-Type: application/xml\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>",
      expect: { notCause: "signed-url-required" },
    },
  ],
});
