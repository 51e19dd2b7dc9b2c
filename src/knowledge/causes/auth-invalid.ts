import { defineCause } from "../schema.js";

export default defineCause({
  id: "auth-invalid",
  title: "The credentials sent to {host|the server} were rejected as invalid",
  why: "Credentials were present but the server could not match them to a live identity: an unknown or deleted access key, a revoked or malformed token, a token signed with another key or issued for another audience/environment, or a session token missing from temporary credentials. Some services answer this with 401, many (AWS APIs, object stores, gateways) with 403.",
  fix: [
    "Check which identity the client really uses: `aws sts get-caller-identity` (AWS), `aws configure list` shows where the key comes from (environment variables override `~/.aws/credentials`).",
    "For temporary AWS credentials (keys starting with `ASIA`) send all three values: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; a key from one partition/region set (aws-cn, GovCloud) does not exist in another.",
    "Issue a fresh key or token and replace the old one everywhere it is cached (CI secrets, `.env`, container environment); remove stray quotes, spaces or newlines.",
    "For JWTs, check `iss`, `aud` and the signing key (JWKS) match what the API expects: paste the token into a local decoder, never an online one, for production tokens.",
  ],
  verify: [
    "aws sts get-caller-identity (expect your account and ARN, not InvalidClientTokenId)",
    "curl -s -o /dev/null -w '%{http_code}\\n' -H \"Authorization: Bearer $NEW_TOKEN\" {url|URL} (expect 200)",
  ],
  separate:
    "Run `aws sts get-caller-identity` (or the API's `/me`/token-introspection endpoint) with the same credentials: if that fails too, the credentials themselves are bad (auth-invalid); if it succeeds, identity is fine and the 403 is about permissions (no-allow, insufficient-permissions) or the signature (signature-mismatch).",
  mistakes: [
    "Rotating the key in the console but leaving the old one in an environment variable that takes precedence over the credentials file.",
    "Using temporary credentials without the session token.",
    "Calling a China or GovCloud endpoint with keys from the standard partition (or the reverse).",
    "Reading \"invalid token\" as a permission problem and editing policies that are never evaluated.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot.html",
    "https://www.rfc-editor.org/rfc/rfc6750.html#section-3.1",
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-401-unauthorized",
  ],
  signals: [
    {
      id: "aws-unknown-key",
      role: "hint",
      when: [{ on: "body", match: /\bInvalidAccessKeyId\b|The AWS Access Key Id you provided does not exist in our records|The Access Key Id you provided does not exist|The security token included in the request is invalid|\bUnrecognizedClientException\b|\bInvalidClientTokenId\b/ }],
      weight: 0,
      causes: { "auth-invalid": 0.85 },
      detail: "AWS does not know the access key or session token that signed the request",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList"],
    },
    {
      id: "invalid-token-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\binvalid[_ ](?:access[_ ]|auth(?:entication)?[_ ]|bearer[_ ]|id[_ ])?token\b|\b(?:access |auth |bearer )?token (?:is )?(?:invalid|malformed|revoked|not valid)\b|\bBad credentials\b|\binvalid credentials\b|\bcredentials (?:are )?(?:invalid|incorrect)\b|\bjwt malformed\b|JsonWebTokenError: invalid signature|\binvalid (?:api|access) key\b(?! identifier)/i,
        },
      ],
      weight: 0,
      causes: { "auth-invalid": 0.65 },
      detail: "the message says the token or credentials are invalid",
    },
    {
      id: "invalid-token-challenge",
      role: "hint",
      when: [{ on: "header", name: "www-authenticate", match: /\berror="invalid_token"/i }],
      weight: 0,
      causes: { "auth-invalid": 0.6 },
      detail: "RFC 6750 challenge: the bearer token is invalid (expired tokens say so in error_description)",
      sources: ["https://www.rfc-editor.org/rfc/rfc6750.html#section-3.1"],
    },

    {
      id: "probe-credentials-refused",
      role: "hint",
      when: [
        { on: "probe", name: "ok-without-credentials" },
        { on: "fact", name: "request-with-credentials" },
      ],
      weight: 0,
      causes: { "auth-invalid": 0.65, "auth-expired": 0.25 },
      detail: "live probe: the same request without credentials is served: the credentials sent are what is refused",
    },
  ],
  examples: [
    {
      name: "S3 upload signed with an unknown access key",
      source: "https://github.com/raster-foundry/raster-foundry/issues/289",
      input: "<Error>\n<Code>InvalidAccessKeyId</Code>\n<Message>The AWS Access Key Id you provided does not exist in our records.</Message>\n<AWSAccessKeyId>ASIAJCIMYNXQI3TLOWZA</AWSAccessKeyId>\n<RequestId>4F2659BDA1E78A41</RequestId>\n<HostId>ewmvzYmgbPxU1kXQzK544DKLcVjOUuhpqfuBIP16hTWi5EnEq3dCCglVb9tkCYJTwQbUKlFShHU=</HostId>\n</Error>",
      expect: { cause: "auth-invalid" },
    },
    {
      name: "Java SDK: unknown key id for a China-region user",
      source: "https://github.com/aws/aws-sdk-java-v2/issues/1477",
      input: "com.amazonaws.services.s3.model.AmazonS3Exception: The AWS Access Key Id you provided does not exist in our records. (Service: Amazon S3; Status Code: 403; Error Code: InvalidAccessKeyId; Request ID: 51215BB2D9A12365)",
      expect: { cause: "auth-invalid" },
    },
    {
      name: "OAuth resource server rejects the bearer token",
      source: "https://github.com/oktadeveloper/okta-blog-archive/pull/1653",
      input: "HTTP/1.1 401 Unauthorized\nExpires: 0\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The access token is invalid\"\n",
      expect: { cause: "auth-invalid" },
    },
    {
      name: "Django REST Framework token that matches no user",
      source: "https://github.com/encode/django-rest-framework/blob/master/rest_framework/authentication.py",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nVary: Accept\nAllow: GET, HEAD, OPTIONS\n\n{\"detail\":\"Invalid token.\"}",
      expect: { cause: "auth-invalid" },
    },
    {
      name: "an expired STS token is not an invalid one",
      source: "https://github.com/cfn-sphere/cfn-sphere/issues/55",
      input: "AWS API Error: BotoServerError: 403 Forbidden\n<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    <Message>The security token included in the request is expired</Message>\n  </Error>\n  <RequestId>689b4496-ca92-11e5-9a31-4932678efe5c</RequestId>\n</ErrorResponse>",
      expect: { notCause: "auth-invalid" },
    },

    {
      name: "live probe: served anonymously, refused with the token sent",
      source: "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1",
      input: "> GET /v1/catalog HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer [redacted:authorization:1]\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n<\n{\"error\":\"forbidden\"}",
      probes: ["ok-without-credentials"],
      expect: { cause: "auth-invalid" },
    },
  ],
});
