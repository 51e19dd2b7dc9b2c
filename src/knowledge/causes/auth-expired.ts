import { defineCause } from "../schema.js";

export default defineCause({
  id: "auth-expired",
  title: "The credentials or signed URL used for {host|this request} have expired",
  why: "Time-limited credentials stop working at their expiry and the server refuses them: temporary AWS credentials (STS, SSO, instance or task roles) after their session duration, OAuth/JWT access tokens after `exp`, and presigned URLs after `X-Amz-Expires` (or the `Expires` timestamp) has passed. A long-running process that cached credentials at start-up, or a presigned URL stored and reused later, fails this way while a fresh login works.",
  fix: [
    "Refresh the credentials instead of reusing cached ones: `aws sso login --profile PROFILE`, re-run `aws sts assume-role`, or let the SDK's default credential chain refresh role credentials (do not copy them into environment variables of long-running processes).",
    "For OAuth/JWT, use the refresh token (or re-authenticate) when the API answers with an expired-token error, and refresh slightly before `exp`.",
    "For presigned URLs, generate the URL just before it is used and choose `X-Amz-Expires`/`ExpiresIn` to cover the use (max 7 days for SigV4; URLs signed with temporary credentials also die when those credentials expire).",
  ],
  verify: [
    "aws sts get-caller-identity (expect your ARN, not ExpiredToken)",
    "curl -sI \"{url|PRESIGNED_URL}\" right after generating a new URL (expect 200, not 403)",
  ],
  separate:
    "Compare the expiry with the server's clock: `Expires`/`ServerTime` in the S3 error (or `exp` in the JWT vs the response `Date`) show whether the credential is really past its lifetime (auth-expired) or the client's clock is off (clock-skew); a fresh credential working immediately confirms expiry.",
  mistakes: [
    "Generating presigned URLs with temporary (role/SSO) credentials and expecting them to live longer than the session.",
    "Caching an access token in a module-level variable and never refreshing it.",
    "Fixing the clock when the credential is simply old, or the reverse: check `Date` against `Expires` first.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
    "https://www.rfc-editor.org/rfc/rfc7519.html#section-4.1.4",
    "https://www.rfc-editor.org/rfc/rfc6750.html#section-3.1",
  ],
  signals: [
    {
      id: "expired-token-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bExpiredToken(?:Exception)?\b|The (?:provided|security) token (?:included in the request )?(?:has |is )?expired|\b(?:jwt|JWT|access token|auth token|bearer token|id token|token|session token|credentials?) (?:has |have |is |are )?expired\b|\bTokenExpiredError\b|\bExpiredJwtException\b|\b(?:token_expired|expired_token)\b|\bThe access token expired\b|\bSignature has expired\b|\bExpiredSignatureError\b/i,
        },
      ],
      weight: 0,
      causes: { "auth-expired": 0.85 },
      detail: "the message says the token or credentials have expired",
    },
    {
      id: "request-has-expired",
      role: "hint",
      when: [{ on: "body", match: /\bRequest has expired\b/ }],
      weight: 0,
      causes: { "auth-expired": 0.8, "clock-skew": 0.2 },
      detail: "S3: the presigned URL or signed request is past its X-Amz-Expires / Expires time",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html"],
    },
    {
      id: "presigned-url-expired",
      role: "hint",
      when: [{ on: "fact", name: "presigned-url-expired" }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "auth-expired": 0.85 },
      detail: "the presigned URL's X-Amz-Date + X-Amz-Expires lies before the response's Date",
    },

    {
      id: "probe-expired-jwt",
      role: "hint",
      when: [{ on: "probe", name: "bearer-token-expired" }],
      weight: 0,
      causes: { "auth-expired": 0.9 },
      detail: "the Bearer token sent is a JWT whose exp lies before the server's time",
    },
  ],
  checks: [
    "If the request carried a presigned URL, a SigV4 Authorization header or a JWT: why403 inspect {file|FILE} (when it was signed, until when it is valid, the skew against the server's Date; secrets stay hidden)",
  ],
  examples: [
    {
      name: "MinIO presigned URL requested after it expired",
      source: "https://github.com/minio/minio/issues/2365",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Key>test.txt</Key><BucketName>s3verify</BucketName><Resource>/s3verify/test.txt</Resource><RequestId>3L137</RequestId><HostId>3L137</HostId></Error>",
      expect: { cause: "auth-expired" },
    },
    {
      name: "curl -v of a presigned URL whose X-Amz-Expires has passed",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
      input: "> GET /photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240301T080000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 HTTP/1.1\n> Host: examplebucket.s3.amazonaws.com\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/xml\n< Date: Fri, 01 Mar 2024 09:30:00 GMT\n< Server: AmazonS3\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>900</X-Amz-Expires><Expires>2024-03-01T08:15:00Z</Expires><ServerTime>2024-03-01T09:30:00Z</ServerTime><RequestId>1B2C3D4E5F607182</RequestId></Error>",
      expect: { cause: "auth-expired" },
    },
    {
      name: "IAM call with an expired session token",
      source: "https://github.com/cfn-sphere/cfn-sphere/issues/55",
      input: "AWS API Error: BotoServerError: 403 Forbidden\n<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    <Message>The security token included in the request is expired</Message>\n  </Error>\n  <RequestId>689b4496-ca92-11e5-9a31-4932678efe5c</RequestId>\n</ErrorResponse>",
      expect: { cause: "auth-expired" },
    },
    {
      name: "a skewed clock is not an expired credential",
      source: "https://github.com/aws/aws-sdk-php/issues/612",
      input: "AWS HTTP error: Client error: 403 RequestTimeTooSkewed (client): The difference between the request time and the current time is too large. - <?xml version=\"1.0\" encoding=\"UTF-8\"?> <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20150604T232559Z</RequestTime><ServerTime>2015-06-04T22:26:16Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>",
      expect: { notCause: "auth-expired" },
    },

    {
      name: "live probe: an Express API answers a bare Forbidden to an expired JWT",
      source: "https://github.com/auth0/node-jsonwebtoken#tokenexpirederror",
      input: "HTTP/1.1 403 Forbidden\nX-Powered-By: Express\nContent-Type: text/plain; charset=utf-8\nContent-Length: 9\n\nForbidden",
      probes: ["bearer-token-expired"],
      expect: { cause: "auth-expired" },
    },
  ],
});
