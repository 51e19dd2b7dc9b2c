import { defineResponder } from "../schema.js";

/** S3 API operations as SDKs and the CLI name them; an error naming one of these came from S3. */
const S3_OPS =
  "(?:Get|Put|Head|Delete|Copy|Restore|Select)Object(?:Acl|Tagging|Retention|LegalHold|Attributes|Content|s)?|HeadBucket|ListObjects(?:V2)?|ListObjectVersions|ListBuckets|ListMultipartUploads|CreateBucket|DeleteBucket|CreateMultipartUpload|UploadPart(?:Copy)?|CompleteMultipartUpload|AbortMultipartUpload|(?:Get|Put|Delete)Bucket(?:Policy|Acl|Cors|Website|Encryption|Versioning|Tagging|Lifecycle(?:Configuration)?|Notification(?:Configuration)?|OwnershipControls|Logging|Replication)|GetBucketLocation|(?:Get|Put|Delete)PublicAccessBlock";

const S3_ACCESS_DENIED = /<Code>AccessDenied<\/Code>\s*<Message>Access Denied\.?<\/Message>|Code: AccessDenied(?:<\/li>)?\s*(?:<li>)?\s*Message: Access Denied/;

const DOCS_403 = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html";
const DOCS_ERRORS = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html";

/** STS, IAM and the other query-protocol APIs wrap the same codes in <ErrorResponse><Error><Type>: no S3 answer. */
const QUERY_API_ERROR = /<ErrorResponse\b[^>]*>\s*<Error>\s*<Type>/;

export default defineResponder({
  id: "aws-s3",
  name: "Amazon S3",
  layer: "object-store",
  summary:
    "Amazon S3 (or an S3-compatible store) refused the request itself: no policy allows the action, the key does not exist and the caller may not list the bucket, Block Public Access or an ACL setting, an explicit Deny in a bucket, IAM, VPC endpoint or Organizations policy, a KMS key the caller cannot use, or a bad, expired or skewed signature.",
  howToTell: [
    "The body is S3's error document: `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>…</RequestId><HostId>…</HostId></Error>` (the `HostId` is S3's extended request id); the website endpoint renders the same fields as an HTML list under `403 Forbidden`.",
    "The headers `x-amz-request-id` + `x-amz-id-2` and `Server: AmazonS3` are written by S3 itself; through CloudFront they arrive next to `x-amz-cf-id` and `Via: … (CloudFront)`, and S3 is still the layer that said no.",
    "SDKs and the CLI name S3 operations: `An error occurred (AccessDenied) when calling the GetObject operation`, `(Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; …)`, `operation error S3: GetObject, https response error StatusCode: 403`, `S3 Extended Request ID`.",
    "A HEAD request (HeadObject, `aws s3 cp` checking the key, `curl -I`) gets no body, so a 403 there cannot say why: a missing key, a missing permission and a presigned GET URL used for HEAD all look the same.",
    "Newer messages name the policy type: `… because no identity-based policy allows the s3:GetObject action`, `… with an explicit deny in a resource-based policy` (the bucket policy), `… in a service control policy`.",
  ],
  sources: [DOCS_403, DOCS_ERRORS, "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html", "https://repost.aws/knowledge-center/s3-troubleshoot-403"],
  signals: [
    {
      id: "sdk-v2-js-or-terraform",
      role: "decision",
      when: [{ on: "body", match: /aws-sdk\/lib\/services\/s3\.js|\bs3\.js:\d+(?::\d+)?\)?\s+Request\.extractError|Error putting object in S3 bucket|Error (?:reading|creating|deleting|putting) S3 (?:[Bb]ucket|object)/ }],
      weight: 0.75,
      overrides: ["aws-service-api", "app"],
      detail: "the AWS SDK for JavaScript v2's S3 client (`lib/services/s3.js`) or Terraform's S3 resources raised it",
      sources: ["https://github.com/aws/aws-sdk-js/blob/master/lib/services/s3.js"],
    },
    // ---- S3's own error documents ----
    {
      id: "error-xml-access-denied",
      role: "decision",
      when: [{ on: "body", match: /<Code>AccessDenied<\/Code>\s*<Message>Access Denied\.?<\/Message>/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "S3's AccessDenied error document: no statement says why (implicit deny, missing key, Block Public Access or a Deny look alike)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "error-xml-with-host-id",
      role: "decision",
      when: [{ on: "body", match: /<Error>\s*<Code>(?<code>\w+)<\/Code>[\s\S]{0,1500}?<RequestId>[^<]*<\/RequestId>\s*<HostId>/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "an S3 error document with RequestId and HostId (S3's extended request id)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "policy-message",
      role: "decision",
      when: [
        {
          on: "body",
          match: /is not authorized to perform:?\s*(?<action>s3:[A-Za-z]+)(?:\s+on resource:\s*"?(?<resource>arn:aws[\w-]*:s3:::(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(?<key>[^"\s<]+))?)"?)?/,
        },
      ],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "S3's detailed access-denied message: names the caller, the s3: action and (when same account or organization) the policy type",
      sources: [DOCS_403],
    },
    {
      id: "website-error-page",
      role: "decision",
      when: [{ on: "body", match: /Code: AccessDenied(?:<\/li>)?\s*(?:<li>)?\s*Message: Access Denied(?:<\/li>)?\s*(?:<li>)?\s*RequestId: / }],
      weight: 0.9,
      overrides: ["aws-service-api"],
      causes: { "object-missing-masked": 0.45, "no-allow": 0.3, "acl-deny": 0.2 },
      detail: "the S3 website endpoint's 403 page: the key is missing (and s3:ListBucket is not public) or the bucket policy does not grant public s3:GetObject",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/CustomErrorDocSupport.html"],
    },
    {
      id: "website-error-document-denied",
      role: "decision",
      when: [{ on: "body", match: /An Error Occurred While Attempting to Retrieve a Custom Error Document/ }],
      weight: 0.9,
      causes: { "no-allow": 0.5, "acl-deny": 0.35 },
      detail: "the website endpoint could not read the error document either: the bucket is not readable by anonymous visitors",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteAccessPermissionsReqd.html"],
    },
    {
      id: "signature-does-not-match",
      role: "decision",
      when: [
        { on: "body", match: /<Code>SignatureDoesNotMatch<\/Code>|The request signature we calculated does not match the signature you provided\. Check your key and signing method\./ },
        { on: "body", match: /Google secret key|GOOG1/, absent: true },
        { on: "body", match: QUERY_API_ERROR, absent: true },
      ],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "signature-mismatch": 0.9 },
      detail: "S3 computed another signature than the one sent (secret key, region, method, headers or encoding differ)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "request-time-too-skewed",
      role: "decision",
      when: [{ on: "body", match: /<Code>RequestTimeTooSkewed<\/Code>|<MaxAllowedSkewMilliseconds>/ }],
      weight: 0.9,
      causes: { "clock-skew": 0.95 },
      detail: "S3: the request time is more than 15 minutes from S3's clock",
      sources: [DOCS_ERRORS],
    },
    {
      id: "request-has-expired",
      role: "decision",
      when: [{ on: "body", match: /<Message>Request has expired<\/Message>|<X-Amz-Expires>\d+<\/X-Amz-Expires>/ }],
      weight: 0.9,
      causes: { "auth-expired": 0.85 },
      detail: "S3: the presigned URL was used after X-Amz-Date + X-Amz-Expires",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html"],
    },
    {
      id: "invalid-access-key",
      role: "decision",
      when: [{ on: "body", match: /<Code>InvalidAccessKeyId<\/Code>|The AWS Access Key Id you provided does not exist in our records/ }, { on: "body", match: QUERY_API_ERROR, absent: true }],
      weight: 0.8,
      overrides: ["aws-service-api"],
      causes: { "auth-invalid": 0.85 },
      detail: "S3 does not know the access key id that signed the request (deleted key, wrong account or partition, or a temporary ASIA key sent without its session token)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "temporary-key-without-token",
      role: "hint",
      when: [
        { on: "url", match: /[?&]X-Amz-Credential=ASIA/ },
        { on: "url", match: /[?&]X-Amz-Security-Token=/, absent: true },
      ],
      weight: 0,
      causes: { "auth-invalid": 0.7 },
      detail: "the presigned URL was signed with temporary (ASIA…) credentials but carries no X-Amz-Security-Token",
    },
    {
      id: "expired-token",
      role: "decision",
      when: [{ on: "body", match: /<Code>(?:ExpiredToken|TokenRefreshRequired)<\/Code>|The provided token (?:has expired|must be refreshed)\./ }, { on: "body", match: QUERY_API_ERROR, absent: true }],
      weight: 0.8,
      overrides: ["aws-service-api"],
      causes: { "auth-expired": 0.9 },
      detail: "S3: the session token of the temporary credentials that signed the request has expired (a presigned URL dies with them)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "access-disabled",
      role: "decision",
      when: [{ on: "body", match: /<Code>(?:AllAccessDisabled|AccountProblem|NotSignedUp|InvalidPayer)<\/Code>|All access to this (?:Amazon S3 )?(?:object|bucket|resource) has been disabled/ }],
      weight: 0.85,
      causes: { "account-disabled": 0.9 },
      detail: "S3 has disabled all access to the bucket or its owner's account (suspended account, unpaid bills, abuse)",
      sources: [DOCS_ERRORS],
    },
    {
      id: "invalid-object-state",
      role: "decision",
      when: [{ on: "body", match: /<Code>InvalidObjectState<\/Code>|The operation is not valid for the object's (?:storage class|access tier)/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { unknown: 0.6, "no-allow": -0.9, "object-missing-masked": -0.9, "origin-access-missing": -0.9, "acl-deny": -0.9 },
      detail: "S3 InvalidObjectState: the object is archived (Glacier Flexible Retrieval / Deep Archive or an archive tier) and must be restored first (`aws s3api restore-object`); not a permission problem",
      sources: [DOCS_ERRORS],
    },
    // ---- CLI and SDK lines that name an S3 operation ----
    {
      id: "cli-s3-operation",
      role: "decision",
      when: [{ on: "body", match: new RegExp(`(?:An error occurred|A client error) \\((?<code>\\w+)\\)(?: occurred)? when calling the (?<operation>${S3_OPS}) operation`) }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "aws-cli / boto3: an S3 operation failed",
      sources: ["https://docs.aws.amazon.com/cli/latest/userguide/cli-services-s3-commands.html"],
    },
    {
      id: "cli-head-forbidden",
      role: "decision",
      when: [{ on: "body", match: /(?:A client error|An error occurred) \(403\)(?: occurred)? when calling the (?<operation>HeadObject) operation:? Forbidden/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "object-missing-masked": 0.5, "no-allow": 0.35 },
      detail: "HeadObject got 403 with no body: the key may not exist (S3 says 403, not 404, without s3:ListBucket) or s3:GetObject is not allowed",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html"],
    },
    {
      id: "java-sdk-v1",
      role: "decision",
      when: [{ on: "body", match: /\(Service: Amazon S3; Status Code: (?<status>\d{3}); Error Code: (?<code>[\w ]+);|AWS Service: Amazon S3, AWS Request ID: / }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "AWS SDK for Java v1: AmazonS3Exception",
    },
    {
      id: "java-head-forbidden",
      role: "hint",
      when: [{ on: "body", match: /Status Code: 403; Error Code: 403 Forbidden;|Error making request with Error Code Forbidden and Http Status Code Forbidden/ }],
      weight: 0,
      causes: { "object-missing-masked": 0.45, "no-allow": 0.3 },
      detail: "an SDK reports a bare `403 Forbidden` with no S3 error code: a HEAD (getObjectMetadata / doesObjectExist / GetObjectMetadata) that cannot carry a body",
    },
    {
      id: "java-sdk-v2",
      role: "decision",
      when: [{ on: "body", match: /\(Service: S3, Status Code: (?<status>\d{3}), Request ID: |services\.s3\.model\.S3Exception/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "AWS SDK for Java v2 (also CloudFormation resource handlers): S3Exception",
    },
    {
      id: "extended-request-id",
      role: "decision",
      when: [{ on: "body", match: /S3 Extended Request ID: [A-Za-z0-9+/=]{20,}|Extended Request ID: [A-Za-z0-9+/=]{20,}|extendedRequestId['"]?\s*:\s*['"][A-Za-z0-9+/=]{20,}|host id: [A-Za-z0-9+/=]{20,}|HostID: [A-Za-z0-9+/=]{20,}/ }],
      weight: 0.8,
      overrides: ["aws-service-api"],
      detail: "an SDK error that carries S3's extended request id (x-amz-id-2 / HostId): only S3 sends one",
    },
    {
      id: "go-sdk-v2",
      role: "decision",
      when: [{ on: "body", match: /operation error S3: (?<operation>\w+), https response error StatusCode: (?<status>\d{3})/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      detail: "AWS SDK for Go v2: an S3 operation failed",
    },
    {
      id: "sdk-exception-class",
      role: "decision",
      when: [{ on: "body", match: /Amazon\.S3\.AmazonS3Exception|Aws\\S3\\Exception\\S3Exception|Aws::S3::Errors::(?<code>\w+)|\bS3 error: (?:403 \((?<s3cmdCode>\w+)\): )?Access Denied/ }],
      weight: 0.8,
      overrides: ["aws-service-api"],
      detail: "an S3 client exception (.NET AmazonS3Exception, PHP S3Exception, Ruby Aws::S3::Errors, s3cmd / CloudFormation `S3 error`)",
    },
    {
      id: "bucket-policy-blocked",
      role: "decision",
      when: [{ on: "body", match: /AWS::S3::BucketPolicy[\s\S]{0,400}?Access Denied|API: s3:PutBucketPolicy Access Denied|when calling the PutBucketPolicy operation: Access Denied/ }],
      weight: 0.85,
      overrides: ["aws-service-api"],
      causes: { "acl-deny": 0.75, "no-allow": 0.3 },
      detail: "PutBucketPolicy was refused: Block Public Access (on by default since April 2023) rejects a public bucket policy even for an administrator",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html", "https://github.com/aws/aws-cdk/issues/25983"],
    },
    {
      id: "acl-operation-denied",
      role: "hint",
      when: [{ on: "body", match: /when calling the Put(?:Bucket|Object)Acl operation: Access Denied|API: s3:Put(?:Bucket|Object)Acl Access Denied/ }],
      weight: 0,
      causes: { "acl-deny": 0.6 },
      detail: "an ACL write was refused: Block Public Access (BlockPublicAcls) or Object Ownership (ACLs disabled)",
    },
    {
      id: "sdk-call",
      role: "hint",
      when: [{ on: "body", match: /when calling the \w+ operation|\(Service: (?:Amazon S3;|S3,)|operation error S3: |AmazonS3Exception|Aws::S3::Errors|S3Exception/ }],
      weight: 0,
      causes: { "origin-access-missing": -0.9, "host-header-forwarded": -0.9 },
      detail: "an SDK or CLI call goes to S3 directly, not through CloudFront",
    },
    {
      id: "not-an-object-read",
      role: "hint",
      when: [{ on: "body", match: new RegExp(`when calling the (?!GetObject |HeadObject )(?:${S3_OPS}) operation|operation error S3: (?!GetObject,|HeadObject,)\\w+|API: s3:(?!GetObject\\b)\\w+`) }],
      weight: 0,
      causes: { "object-missing-masked": -0.9 },
      detail: "the refused operation is not a read of one object, so a missing key cannot explain it",
    },
    // ---- headers S3 writes itself ----
    {
      id: "server-amazons3",
      role: "decision",
      when: [{ on: "header", name: "server", match: /^AmazonS3$/ }, { on: "status", in: [403] }],
      weight: 0.75,
      detail: "Server: AmazonS3 on the 403: S3 answered",
    },
    {
      id: "s3-request-ids",
      role: "decision",
      when: [{ on: "header", name: "x-amz-id-2" }, { on: "header", name: "x-amz-request-id" }, { on: "status", in: [403] }],
      weight: 0.7,
      detail: "x-amz-request-id + x-amz-id-2 on the 403: S3's request ids",
    },
    {
      id: "empty-403",
      role: "hint",
      when: [{ on: "fact", name: "no-body" }, { on: "header", name: "x-amz-request-id" }, { on: "url", match: /./, absent: true }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "signature-mismatch": 0.45, "object-missing-masked": 0.3, "no-allow": 0.2 },
      detail: "an S3 403 without a body (a HEAD): a presigned GET URL fetched with HEAD fails its signature, and a missing key without s3:ListBucket also answers 403",
    },
    {
      id: "directory-like-key",
      role: "hint",
      when: [{ on: "fact", name: "path-is-directory" }, { on: "body", match: S3_ACCESS_DENIED }],
      weight: 0,
      causes: { "object-missing-masked": 0.55 },
      detail: "the path ends in `/`: S3 has no directories, and only the website endpoint (or CloudFront's default root object, for `/` alone) maps one to index.html",
    },
    {
      id: "through-cloudfront",
      role: "hint",
      when: [{ on: "header", name: "x-amz-cf-id" }, { on: "body", match: S3_ACCESS_DENIED }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "origin-access-missing": 0.35, "object-missing-masked": 0.3 },
      detail: "S3 said no to CloudFront: the distribution's OAC/OAI is missing from the bucket policy, or the key (an SPA route, a `/dir/` path) does not exist",
    },
    {
      id: "denied-as-404",
      role: "hint",
      when: [{ on: "status", in: [404] }, { on: "body", match: S3_ACCESS_DENIED }],
      weight: 0,
      causes: { "error-page-remap": 0.6 },
      detail: "S3's AccessDenied document arrives with status 404: a custom error response (CloudFront, Amplify) rewrote the status",
    },
    {
      id: "s3-url",
      role: "presence",
      when: [{ on: "url", match: /^https?:\/\/(?:[a-z0-9.-]+\.)?s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?(?:[/?#:]|$)/i }],
      weight: 0.5,
      detail: "the URL is an S3 endpoint",
    },
  ],
  causes: {
    "no-allow": {
      prior: 0.28,
      title: "No policy allows `{action|s3:GetObject}` on `{resource|arn:aws:s3:::BUCKET/KEY}` for this caller",
      fix: [
        "Allow the action for the caller: in the caller's IAM policy (same account) add `{\"Effect\":\"Allow\",\"Action\":\"{action|s3:GetObject}\",\"Resource\":\"{resource|arn:aws:s3:::BUCKET/*}\"}`; a caller from another account also needs the same grant in the bucket policy (S3 console → {bucket|BUCKET} → Permissions → Bucket policy).",
        "For anonymous (public) reads the bucket policy must allow `s3:GetObject` for `\"Principal\":\"*\"` on `arn:aws:s3:::{bucket|BUCKET}/*`, and Block Public Access must permit public policies.",
        "Object and bucket ARNs differ: s3:ListBucket needs `arn:aws:s3:::{bucket|BUCKET}`, object actions need `arn:aws:s3:::{bucket|BUCKET}/*`.",
      ],
      verify: [
        "aws sts get-caller-identity (the principal you expect)",
        "aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|s3:GetObject} --resource-arns {resource|arn:aws:s3:::BUCKET/KEY} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)",
        "aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} (expect 200, not 403)",
      ],
    },
    "object-missing-masked": {
      prior: 0.2,
      title: "The key `{key|KEY}` probably does not exist, and without s3:ListBucket S3 answers 403 instead of 404",
      fix: [
        "Check the exact key (case, leading slash, URL encoding, a `/dir/` path that has no object): `aws s3 ls s3://{bucket|BUCKET}/{key|PREFIX}`.",
        "To get honest 404s, allow `s3:ListBucket` on `arn:aws:s3:::{bucket|BUCKET}` to the caller (for CloudFront: to the OAC service principal in the bucket policy).",
        "Behind CloudFront with a single-page app, map 403/404 to /index.html in the distribution's custom error responses, or serve directory paths with a CloudFront Function that appends index.html.",
      ],
      verify: [
        "aws s3api list-objects-v2 --bucket {bucket|BUCKET} --prefix {key|KEY} --max-items 5 (an empty list means the key is missing)",
        "aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} (404 once ListBucket is allowed and the key is missing; 200 if it exists)",
      ],
    },
    "origin-access-missing": {
      prior: 0.14,
      title: "S3 refuses CloudFront: the distribution's origin access (OAC/OAI) is not granted by the bucket policy",
      fix: [
        "CloudFront console → the distribution → Origins → edit the S3 origin → Origin access: Origin access control; then paste the policy CloudFront offers into S3 console → {bucket|BUCKET} → Permissions → Bucket policy (Allow `s3:GetObject` to `cloudfront.amazonaws.com` with `AWS:SourceArn` = the distribution ARN).",
        "With SSE-KMS objects also allow the distribution in the KMS key policy (`kms:Decrypt` for `cloudfront.amazonaws.com`).",
        "If the origin is the S3 website endpoint, use a custom origin (OAC does not apply) and a public-read bucket policy instead.",
      ],
      verify: [
        "aws s3api get-bucket-policy --bucket {bucket|BUCKET} --query Policy --output text (shows cloudfront.amazonaws.com and the distribution ARN)",
        "curl -sI {url|https://DISTRIBUTION/KEY} (expect 200, not 403)",
      ],
    },
    "acl-deny": {
      prior: 0.1,
      title: "S3 Block Public Access or an ACL setting refuses this request",
      fix: [
        "If the bucket is meant to be public: S3 console → {bucket|BUCKET} → Permissions → Block public access → clear `Block public access … through new public bucket policies` and `… any public bucket policies` (check the account-level setting too), then add the public-read bucket policy. In CDK set `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS` next to `publicReadAccess: true`.",
        "Prefer keeping the bucket private and serving it through CloudFront with origin access control.",
        "Objects written by another account with ACLs disabled belong to the bucket owner; with ACLs enabled they may be readable only by their writer: set Object Ownership to `BucketOwnerEnforced`.",
      ],
      verify: [
        "aws s3api get-public-access-block --bucket {bucket|BUCKET}; aws s3control get-public-access-block --account-id ACCOUNT_ID",
        "curl -sI https://{bucket|BUCKET}.s3.amazonaws.com/{key|KEY} (expect 200 for a public object)",
      ],
    },
    "explicit-deny": {
      prior: 0.05,
      fix: [
        "Find the Deny statement that matches `{action|s3:GetObject}`: the caller's IAM policies and permissions boundary, the bucket policy, the VPC endpoint policy; conditions such as `aws:SecureTransport`, `s3:x-amz-server-side-encryption`, `aws:SourceVpce` or `aws:SourceIp` are common culprits.",
      ],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|s3:GetObject} --resource-arns {resource|arn:aws:s3:::BUCKET/KEY} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
    "resource-policy-deny": {
      prior: 0.05,
      title: "The bucket policy of `{bucket|BUCKET}` denies or does not grant `{action|s3:GetObject}`",
      fix: [
        "S3 console → {bucket|BUCKET} → Permissions → Bucket policy: remove or narrow the Deny that matches the caller (`aws:PrincipalArn`, `aws:SourceVpce`, `aws:SecureTransport`, encryption-header conditions), or add an Allow for a caller from another account.",
      ],
      verify: [
        "aws s3api get-bucket-policy --bucket {bucket|BUCKET} --query Policy --output text | jq .",
        "aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} (expect 200)",
      ],
    },
    "kms-denied": {
      prior: 0.04,
      fix: [
        "The object is encrypted with SSE-KMS: allow `kms:Decrypt` (reads) or `kms:GenerateDataKey` (writes) on the key to the caller, in its IAM policy and in the KMS key policy (another account's key needs both).",
      ],
      verify: ["aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} --query SSEKMSKeyId; aws kms describe-key --key-id KEY_ID (as the caller: expect no AccessDenied)"],
    },
    "org-policy-deny": {
      prior: 0.03,
      fix: ["An SCP, RCP, permissions boundary or session policy denies the S3 action: review them in AWS Organizations (management account) or on the role; the message names the policy type when the caller is in the same organization."],
      verify: ["aws iam simulate-principal-policy --policy-source-arn {principalRole|ROLE_OR_USER_ARN} --action-names {action|s3:GetObject} --resource-arns {resource|arn:aws:s3:::BUCKET/KEY} (expect allowed; for an assumed-role/ROLE/SESSION caller pass arn:aws:iam::ACCOUNT:role/ROLE)"],
    },
    "signature-mismatch": {
      prior: 0.03,
      fix: [
        "A presigned URL is valid for one method: generate it for the method you use (a GET URL fails on HEAD or PUT), and send exactly the signed headers (Content-Type, x-amz-acl, checksum headers) with the same values.",
        "Sign for the bucket's region and with the secret key that belongs to the access key id; do not re-encode the key or the query string after signing.",
      ],
      verify: ["curl -s -o /dev/null -w '%{http_code}' '{url|PRESIGNED_URL}' with the method it was signed for (expect 200)"],
    },
    "auth-expired": {
      prior: 0.02,
      fix: [
        "Generate a fresh presigned URL; its life is capped by X-Amz-Expires (at most 7 days) and by the session of the temporary credentials that signed it (a Lambda or instance role's session ends within hours).",
        "For long-lived links sign with an IAM user's long-term key or serve through CloudFront signed URLs.",
      ],
      verify: ["curl -sI '{url|NEW_PRESIGNED_URL}' (expect 200)"],
    },
    "auth-invalid": {
      prior: 0.02,
      fix: [
        "Use an access key that exists in the bucket's partition and account (`aws iam list-access-keys`); with temporary ASIA… credentials send the session token too (`X-Amz-Security-Token` in a presigned URL, `AWS_SESSION_TOKEN` for SDKs).",
      ],
      verify: ["aws sts get-caller-identity (works with the same credentials)", "aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY}"],
    },
    "clock-skew": {
      prior: 0.01,
      fix: ["Sync the client clock (chrony/ntpd, `timedatectl set-ntp true`, the container host's clock); S3 allows 15 minutes of skew."],
      verify: ["date -u; curl -sI https://s3.amazonaws.com | grep -i '^date' (the two should agree within seconds)"],
    },
    "account-disabled": {
      prior: 0.01,
      fix: ["The bucket owner's account or the bucket is disabled (suspended account, unpaid bill, abuse report): the owner must resolve it with AWS Support; as a consumer, ask the publisher for a new location."],
      verify: ["curl -sI {url|URL} (expect 200 once access is restored)"],
    },
    "host-header-forwarded": {
      prior: 0.02,
      fix: ["CloudFront → the behavior's origin request policy: do not forward the viewer's Host header to an S3 REST origin (use the managed CORS-S3Origin or no origin request policy)."],
      verify: ["curl -sI {url|https://DISTRIBUTION/KEY} (expect 200)"],
    },
    unknown: {
      prior: 0,
      fix: ["If S3 reports InvalidObjectState the object is archived: restore it (`aws s3api restore-object --bucket {bucket|BUCKET} --key {key|KEY} --restore-request Days=1`) or read it from another copy."],
      verify: ["aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY} --query Restore"],
    },
  },
  examples: [
    {
      name: "JS SDK v2 stack from an S3 upload",
      source: "https://github.com/aws/aws-sdk-js/blob/master/lib/services/s3.js",
      input: "AccessDenied: Access Denied\n    at Request.extractError (/app/node_modules/aws-sdk/lib/services/s3.js:711:35)\n    at Request.callListeners (/app/node_modules/aws-sdk/lib/sequential_executor.js:106:20)",
      expect: { responder: "aws-s3" },
    },
    {
      name: "wire trace of a plain S3 AccessDenied",
      source: "https://github.com/aws/aws-sdk-ruby/issues/3222",
      input:
        "HTTP/1.1 403 Forbidden\r\nx-amz-request-id: 7BMJM8PWV1J1FNEH\r\nx-amz-id-2: TW2qeJptLnLL7+0pKGRgdR+t5T/GKN362KnA1JuYa83s+Y0YsVEeIxGoiUK+pCQIRwhNsDNC1ws=\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\nDate: Tue, 25 Mar 2025 22:58:36 GMT\r\nServer: AmazonS3\r\n\r\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>7BMJM8PWV1J1FNEH</RequestId><HostId>TW2qeJptLnLL7+0pKGRgdR+t5T/GKN362KnA1JuYa83s+Y0YsVEeIxGoiUK+pCQIRwhNsDNC1ws=</HostId></Error>",
      expect: { responder: "aws-s3", cause: "no-allow" },
    },
    {
      name: "S3 names the bucket policy as the explicit deny",
      source: "https://github.com/noobaa/noobaa-core/issues/10060",
      input:
        "An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::my-bucket\" with an explicit deny in a resource-based policy",
      expect: { responder: "aws-s3", cause: "resource-policy-deny" },
    },
    {
      name: "XML in the browser: no identity-based policy allows GetObject",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input:
        "<Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::111122223333:assumed-role/app-role/session is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv\" because no identity-based policy allows the s3:GetObject action</Message><RequestId>8RQ2BDF5641RTK2D</RequestId><HostId>Tnx1wPjCli0cLMkMf+MP+pMC39n8boUX4gGVnnOHZaGuQG4kMo16aJ3tO+KRtjcQ</HostId></Error>",
      expect: { responder: "aws-s3", cause: "no-allow" },
    },
    {
      name: "aws s3 cp: HeadObject 403 on a key that may not exist",
      source: "https://github.com/aws-samples/non-profit-blockchain/issues/3",
      input: "$ aws s3 cp s3://managedblockchain-beta/service-2.json .\nfatal error: An error occurred (403) when calling the HeadObject operation: Forbidden",
      expect: { responder: "aws-s3", cause: "object-missing-masked" },
    },
    {
      name: "Java SDK v1 doesObjectExist gets a bare 403",
      source: "https://github.com/aws/aws-sdk-java/issues/707",
      input:
        "com.amazonaws.services.s3.model.AmazonS3Exception: Forbidden (Service: Amazon S3; Status Code: 403; Error Code: 403 Forbidden; Request ID: A8565CE6E42ECDB3), S3 Extended Request ID: L5ezGGtIa86KACyXKjNWnGHSDP+JtjRPAI7rZr1S0U9p07zY8pvKic6nsw9GgiVANVK1Ohj5BBk=\n\tat com.amazonaws.services.s3.AmazonS3Client.getObjectMetadata(AmazonS3Client.java:1015)",
      expect: { responder: "aws-s3", cause: "object-missing-masked" },
    },
    {
      name: "Java SDK v2 S3Exception in an IDE plugin",
      source: "https://github.com/aws/aws-toolkit-jetbrains/issues/3129",
      input:
        "software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, Status Code: 403, Request ID: G7WJJ5HW0BBZB1WR, Extended Request ID: ZsA5Pqk/2wCqJz/pLC/WhgQVm7rI0iQ/efh3Qp7A0EU7fCK//3nbVh+q4xBMuVi7eVK966F59og=)",
      expect: { responder: "aws-s3", cause: "no-allow" },
    },
    {
      name: "CDK deploy: public bucket policy blocked by Block Public Access",
      source: "https://github.com/aws-samples/unishop-monolith-to-microservices/issues/47",
      input:
        "CREATE_FAILED | AWS::S3::BucketPolicy | UIBucketPolicy\nResource handler returned message: \"Access Denied (Service: S3, Status Code: 403, Request ID: XXX, Extended Request ID: XXX)\" (RequestToken: XXXX, HandlerErrorCode: AccessDenied)",
      expect: { responder: "aws-s3", cause: "acl-deny" },
    },
    {
      name: "presigned PUT with a Content-Type that was not signed",
      source: "https://github.com/aws/aws-sdk-js/issues/557",
      input:
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n   <Code>SignatureDoesNotMatch</Code>\n   <Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>\n   <AWSAccessKeyId>AKIAEXAMPLE</AWSAccessKeyId>\n   <StringToSign>PUT\n\nmultipart/form-data\n1427992617\n/mybucket/1_myfile</StringToSign>\n</Error>",
      expect: { responder: "aws-s3", cause: "signature-mismatch" },
    },
    {
      name: "clock skew on upload from Heroku",
      source: "https://github.com/markevans/dragonfly/issues/132",
      input:
        "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>DF2C472E368B09C5</RequestId></Error>",
      expect: { responder: "aws-s3", cause: "clock-skew" },
    },
    {
      name: "presigned URL used after it expired",
      source: "https://github.com/aws/aws-sdk-php/issues/1333",
      input:
        "<Error>\n<Code>AccessDenied</Code>\n<Message>Request has expired</Message>\n<X-Amz-Expires>300</X-Amz-Expires>\n<Expires>2017-07-20T04:18:45Z</Expires>\n<ServerTime>2017-07-20T04:18:55Z</ServerTime>\n<RequestId>E4952EE21FC53CD9</RequestId>\n</Error>",
      expect: { responder: "aws-s3", cause: "auth-expired" },
    },
    {
      name: "presigned URL outlives the role session that signed it",
      source: "https://github.com/boto/boto3/issues/2392",
      input: "<Error>\n<Code>ExpiredToken</Code>\n<Message>The provided token has expired.</Message>\n</Error>",
      expect: { responder: "aws-s3", cause: "auth-expired" },
    },
    {
      name: "unknown access key id",
      source: "https://github.com/jasonsims/aws-cloudfront-sign/issues/15",
      input:
        "<Error>\n<Code>InvalidAccessKeyId</Code>\n<Message>\nThe AWS Access Key Id you provided does not exist in our records.\n</Message>\n<AWSAccessKeyId>APKAEXAMPLE</AWSAccessKeyId>\n<RequestId>4442587FB7D0A2F9</RequestId>\n<HostId>F2Vp3yYl3G9vQeGjK8sWy2kq0uI1hS7aXg6H5ZbU0nPj9fBq</HostId>\n</Error>",
      expect: { responder: "aws-s3", cause: "auth-invalid" },
    },
    {
      name: "presigned URL from temporary credentials without the session token",
      source: "https://github.com/bradenmacdonald/s3-lite-client/issues/50",
      input:
        "> GET /photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLEKEY%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123 HTTP/1.1\n> Host: my-bucket.s3.us-east-1.amazonaws.com\n>\n< HTTP/1.1 403 Forbidden\n< Server: AmazonS3\n< Content-Type: application/xml\n<\n<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>",
      expect: { responder: "aws-s3", cause: "auth-invalid" },
    },
    {
      name: "bucket disabled after its owner shut down",
      source: "https://github.com/pelias/placeholder/issues/95",
      input:
        "<Error><Code>AllAccessDisabled</Code><Message>All access to this object has been disabled</Message><RequestId>209B3AEF9974EC5D</RequestId><HostId>Jpt3vmeNjQDfLcMQBYzTdlww2TgxsrcdVewfj91ktm4JX6Dr+OzjEVNTFTheEynpOVmgoUEUeFA=</HostId></Error>",
      expect: { responder: "aws-s3", cause: "account-disabled" },
    },
    {
      name: "website endpoint: a directory path without an object",
      source: "https://github.com/ziglang/www.ziglang.org/pull/126",
      input:
        "<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<h1>403 Forbidden</h1>\n<ul>\n<li>Code: AccessDenied</li>\n<li>Message: Access Denied</li>\n<li>RequestId: DGAHETEJYRDGHER</li>\n<li>HostId: dvsdffljkfhlwejhiuewvkjdsbvkjleubiWEJBEWBIWEvewVKDJVBW+L6Ok=</li>\n</ul>\n<hr/>\n</body>\n</html>",
      expect: { responder: "aws-s3", cause: "object-missing-masked" },
    },
    {
      name: "website endpoint: even the error document is denied",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteAccessPermissionsReqd.html",
      input:
        "403 Forbidden\nCode: AccessDenied\nMessage: Access Denied\nRequestId: 4A9B2C0DE1F23456\nHostId: k3hQ9c2mLr0a8Yb1Xz7pN4vT6sW5uJ0iE2dF8gH1jK3lM9nO7pQ=\nAn Error Occurred While Attempting to Retrieve a Custom Error Document\nCode: AccessDenied\nMessage: Access Denied",
      expect: { responder: "aws-s3", cause: "no-allow" },
    },
    {
      name: "S3 AccessDenied through CloudFront",
      source: "https://github.com/ks888/LambStatus/issues/153",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: application/xml\nServer: AmazonS3\nX-Cache: Error from cloudfront\nVia: 1.1 0e7d3c0f2b1a.cloudfront.net (CloudFront)\nX-Amz-Cf-Pop: NRT20-C1\nX-Amz-Cf-Id: 3mJ9dR0qH8c1Yb2Xz7pN4vT6sW5uJ0iE2dF8gH1jK3lM9nO7pQ==\n\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>6F3B2A1C0D9E8F7A</RequestId><HostId>Q2l0YWRlbCBob3N0IGlkIGV4YW1wbGUgdmFsdWUgZm9yIHRlc3Q=</HostId></Error>",
      expect: { responder: "aws-s3", cause: "origin-access-missing" },
    },
    {
      name: "curl -I on an S3 URL that works with GET",
      source: "https://github.com/DocSpring/libreconv/issues/31",
      input:
        "HTTP/1.1 403 Forbidden\nx-amz-request-id: 9A0D5596C066E400\nx-amz-id-2: Cb1y8kEjyPKd3JzpaxV8cGAsXvA9tzlLaCy4l/HP1qBfaRMIR9Q/da0tnpHUfItbyH8P7WmokkI=\nContent-Type: application/xml\nDate: Tue, 23 Feb 2021 07:01:38 GMT\nServer: AmazonS3\n\n",
      expect: { responder: "aws-s3", cause: "signature-mismatch" },
    },
    {
      name: "Go SDK v2 GetObject denied",
      source: "https://github.com/aws/aws-sdk-go-v2/issues/1557",
      input:
        "operation error S3: GetObject, https response error StatusCode: 403, RequestID: 1T8Z3K0Y9QWERTY1, HostID: pQ7s0yX1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789abcd=, api error AccessDenied: Access Denied",
      expect: { responder: "aws-s3", cause: "no-allow" },
    },
    {
      name: "JS SDK v3 error dump",
      source: "https://github.com/aws/aws-sdk-js-v3/issues/1000",
      input:
        "AccessDenied: Access Denied\n    at deserializeAws_restXmlGetObjectCommandError\n  Code: 'AccessDenied',\n  '$metadata': {\n    httpStatusCode: 403,\n    requestId: 'E1X2A3M4P5L6E7R8',\n    extendedRequestId: 'bG9uZ2V4dGVuZGVkcmVxdWVzdGlkZXhhbXBsZXZhbHVlMTIzNDU2Nzg5MA==',\n    cfId: undefined,\n    attempts: 1\n  }",
      expect: { responder: "aws-s3" },
    },
    {
      name: ".NET AmazonS3Exception on GetObjectMetadata",
      source: "https://github.com/aws/aws-sdk-net/issues/3756",
      input:
        "Amazon.S3.AmazonS3Exception: Error making request with Error Code Forbidden and Http Status Code Forbidden. No further error information was returned by the service.\nThe remote server returned an error: (403) Forbidden.",
      expect: { responder: "aws-s3", cause: "object-missing-masked" },
    },
    {
      name: "CloudFormation cannot read a template from S3",
      source: "https://github.com/awslabs/aws-cloudfront-extensions/issues/242",
      input: "S3 error: Access Denied For more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      expect: { responder: "aws-s3" },
    },
    {
      name: "archived object",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      input: "An error occurred (InvalidObjectState) when calling the GetObject operation: The operation is not valid for the object's storage class",
      expect: { responder: "aws-s3", notCause: "no-allow" },
    },
    {
      name: "ACL write refused",
      source: "https://github.com/aws/aws-cdk/issues/25358",
      input: "An error occurred (AccessDenied) when calling the PutObjectAcl operation: Access Denied",
      expect: { responder: "aws-s3", cause: "acl-deny" },
    },
    {
      name: "a directory path through the REST endpoint",
      source: "https://github.com/aws-amplify/amplify-hosting/issues/839",
      input:
        "> GET /blog/category/onsite-workshop/ HTTP/1.1\n> Host: example-site.s3.amazonaws.com\n>\n< HTTP/1.1 403 Forbidden\n< x-amz-request-id: C99D79BBA91A8E9B\n< Server: AmazonS3\n<\n<Error>\n<Code>AccessDenied</Code>\n<Message>Access Denied</Message>\n<RequestId>C99D79BBA91A8E9B</RequestId>\n<HostId>xAi7c7L/ds+laELa0DJIrCpOcNQRRxlL8LwGYZxoQDhcLcph43+0KXlj39xYtLJxeAY2GibWJnU=</HostId>\n</Error>",
      expect: { responder: "aws-s3", cause: "object-missing-masked" },
    },
    {
      name: "S3's AccessDenied served as 404 by a CloudFront custom error response",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/GeneratingCustomErrorResponses.html",
      input:
        "HTTP/2 404\r\ncontent-type: application/xml\r\nserver: AmazonS3\r\nx-cache: Error from cloudfront\r\nx-amz-cf-id: Zq9Xw8Ec7Rv6Tb5Yn4Um3Ik2Ol1Pa0Sd9Fg8Hj7Kl6Zx5Cv4Bn3Mq==\r\n\r\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>5D4C3B2A19081726</RequestId><HostId>c2FtcGxlIGhvc3QgaWQgZm9yIGEgNDA0IHJlbWFw</HostId></Error>",
      expect: { responder: "aws-s3", cause: "error-page-remap" },
    },
    {
      name: "GCS XML AccessDenied is not S3",
      source: "https://cloud.google.com/storage/docs/xml-api/reference-status",
      input:
        "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object.</Details></Error>",
      expect: { notResponder: "aws-s3" },
    },
    {
      name: "CloudFront signed-URL error is not S3",
      source: "https://github.com/jasonsims/aws-cloudfront-sign/issues/74",
      input: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>MissingKey</Code><Message>Missing Key-Pair-Id query parameter or cookie value</Message></Error>",
      expect: { notResponder: "aws-s3" },
    },
    {
      name: "an EC2 authorization failure is not S3",
      source: "https://github.com/cloudquery/cloudquery/issues/36",
      input: "UnauthorizedOperation: You are not authorized to perform this operation.\n\tstatus code: 403, request id: d001de6e-cb48-446e-a402-8fc8c67ff275",
      expect: { notResponder: "aws-s3" },
    },
  ],
});
