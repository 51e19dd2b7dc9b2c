import { defineCause } from "../schema.js";

export default defineCause({
  id: "acl-deny",
  title: "An access control list or public-access block refuses this request",
  why: "Access control lists sit beside policies and refuse on their own: S3 Block Public Access overrides any bucket policy or ACL that would make data public (and rejects requests that try to set a public ACL); with Object Ownership set to \"bucket owner enforced\" ACLs are disabled, so ACL-based grants no longer give access; an object uploaded by another account keeps that account as owner and its ACL decides who may read it. Outside AWS, a forward proxy's ACL (Squid `http_access deny`), a storage container's public-access level or a share ACL refuses the client the same way.",
  fix: [
    "S3 Block Public Access: check all three levels: `aws s3control get-public-access-block --account-id ACCOUNT_ID`, `aws s3api get-public-access-block --bucket {bucket|BUCKET}`, and the access point. Prefer serving public content through CloudFront with Origin Access Control rather than turning BPA off; if the bucket really must be public, disable only the needed setting (`BlockPublicPolicy`/`RestrictPublicBuckets` for a public bucket policy).",
    "S3 ACLs disabled (`BucketOwnerEnforced`): stop sending `x-amz-acl`/`--acl public-read` and grant access with a bucket policy instead; `aws s3api get-bucket-ownership-controls --bucket {bucket|BUCKET}` shows the setting.",
    "Objects written by another account: set Object Ownership to bucket owner enforced (or have writers send `bucket-owner-full-control`), then re-copy old objects so the bucket owner owns them.",
    "Forward proxy ACL (Squid `ERR_ACCESS_DENIED`): ask the proxy administrators to allow the destination (an `acl ... dstdomain` plus `http_access allow`), or bypass the proxy for it with `NO_PROXY`.",
  ],
  verify: [
    "aws s3api get-public-access-block --bucket {bucket|BUCKET} (shows the settings in force), then repeat the request (expect 200)",
    "curl -sI -x http://PROXY:3128 {url|URL} (expect no X-Squid-Error: ERR_ACCESS_DENIED once the proxy allows it)",
  ],
  separate:
    "Make the same request with the bucket owner's credentials (or without the proxy): success for the owner but not for anonymous/other-account callers points at BPA, ACLs or object ownership; failure for the owner too points at a bucket policy (resource-policy-deny) or KMS (kms-denied). `aws s3api get-object-acl --bucket {bucket|BUCKET} --key {key|KEY}` shows who owns the object.",
  mistakes: [
    "Adding a public bucket policy while Block Public Access is on at the account level: the policy is refused or ignored.",
    "Uploading with `--acl public-read` to a bucket with ACLs disabled and expecting public access.",
    "Treating a proxy's ERR_ACCESS_DENIED page as a refusal by the destination site.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
    "https://www.squid-cache.org/Doc/config/http_access/",
  ],
  signals: [
    {
      id: "block-public-access",
      role: "hint",
      when: [{ on: "body", match: /\bBlockPublic(?:Acls|Policy)\b|\bRestrictPublicBuckets\b|\bIgnorePublicAcls\b|S3 Block Public Access|\bpublic (?:ACLs|policies|access control lists \(ACLs\)) are (?:blocked|prevented)\b|\bpublic access (?:is )?blocked\b/i }],
      weight: 0,
      causes: { "acl-deny": 0.85 },
      detail: "S3 Block Public Access refused the request",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"],
    },
    {
      id: "acls-disabled",
      role: "hint",
      when: [{ on: "body", match: /\bAccessControlListNotSupported\b|The bucket does not allow ACLs|\bBucketOwnerEnforced\b/ }],
      weight: 0,
      causes: { "acl-deny": 0.6 },
      detail: "S3 Object Ownership disables ACLs on this bucket",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html"],
    },
    {
      id: "proxy-acl-denied",
      role: "hint",
      when: [{ on: "body", match: /Access control configuration prevents your request from being allowed at this time|\bERR_ACCESS_DENIED\b/ }],
      weight: 0,
      causes: { "acl-deny": 0.75 },
      detail: "a forward proxy's access list refused the destination",
      sources: ["https://www.squid-cache.org/Doc/config/http_access/"],
    },
    {
      id: "proxy-acl-header",
      role: "hint",
      when: [{ on: "header", name: "x-squid-error", match: /^ERR_ACCESS_DENIED\b/ }],
      weight: 0,
      causes: { "acl-deny": 0.8 },
      detail: "Squid reports ERR_ACCESS_DENIED: an http_access rule refused the request",
    },
  ],
  examples: [
    {
      name: "public ACL refused by Block Public Access",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
      input: "An error occurred (AccessDenied) when calling the PutObjectAcl operation: User: arn:aws:iam::523530728920:user/mediacouser is not authorized to perform: s3:PutObjectAcl on resource: \"arn:aws:s3:::cafe-bucket-0622/images/Donuts.jpg\" because public ACLs are prevented by the BlockPublicAcls setting in S3 Block Public Access.",
      expect: { cause: "acl-deny" },
    },
    {
      name: "Squid refuses the destination",
      source: "https://wiki.squid-cache.org/SquidFaq/SquidAcl",
      input: "HTTP/1.1 403 Forbidden\nServer: squid/4.13\nContent-Type: text/html;charset=utf-8\nX-Squid-Error: ERR_ACCESS_DENIED 0\nVia: 1.1 proxy.corp.example (squid/4.13)\n\n<h1>ERROR</h1>\n<h2>The requested URL could not be retrieved</h2>\n<p>Access control configuration prevents your request from being allowed at this time.</p>",
      expect: { cause: "acl-deny" },
    },
    {
      name: "upload with a public-read ACL to a bucket with ACLs disabled",
      source: "https://github.com/jakejarvis/s3-sync-action/issues/85",
      input: "upload failed: ./index.html to s3://my-site-bucket/index.html An error occurred (AccessControlListNotSupported) when calling the PutObject operation: The bucket does not allow ACLs",
      expect: { cause: "acl-deny" },
    },
    {
      name: "a bucket-policy deny is not an ACL",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html",
      input: "An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" with an explicit deny in a resource-based policy",
      expect: { notCause: "acl-deny" },
    },
  ],
});
