import { defineCause } from "../schema.js";

export default defineCause({
  id: "signature-mismatch",
  title: "The request signature does not match what {host|the server} computed from the request it received",
  why: "With SigV4 (and SAS or HMAC schemes) the server recomputes the signature from the request it actually received: method, path, query, the signed headers and the payload hash, using the secret of the key id. Any difference gives a mismatch: a wrong secret key, a header sent that was not signed or signed with another value (Content-Type on a presigned PUT is the classic), a different HTTP method (a presigned GET used with HEAD or PUT), a path or query re-encoded by a proxy, or a body changed after signing.",
  fix: [
    "Use the URL or signature with exactly the method and headers it was signed for: a URL presigned for `put_object` with `ContentType='image/png'` must be sent as `PUT` with `Content-Type: image/png`; a URL presigned for GET cannot be used with HEAD.",
    "Check the secret key belongs to the access key id in the request (`aws configure list`; secrets copied with a trailing newline or `+`/`/` mangled by shell quoting break signatures).",
    "Do not let proxies or HTTP clients rewrite what was signed: no re-encoding of `+`, spaces or `%2F` in keys, no added or changed signed headers, no body transformation; sign with the region and service of the endpoint you call.",
    "Compare the server's `<CanonicalRequest>`/`<StringToSign>` in the S3 error body with what your client signed (SDK debug logging prints both).",
  ],
  verify: [
    "aws s3 presign s3://{bucket|BUCKET}/{key|KEY} --expires-in 300, then curl -s -o /dev/null -w '%{http_code}\\n' \"PRESIGNED_URL\" (expect 200; HEAD with the same URL gives 403)",
  ],
  separate:
    "Make the same call with the AWS CLI or SDK using the same credentials (`aws s3api head-object --bucket {bucket|BUCKET} --key {key|KEY}`): if it works, the credentials are fine and your own signing (method, headers, encoding) differs; if it fails with InvalidAccessKeyId or ExpiredToken, the credentials are the problem, not the signature.",
  mistakes: [
    "Adding a Content-Type (or x-amz-acl, Content-MD5) header on upload that was not part of the presigned URL, or omitting one that was.",
    "Testing a presigned GET URL with `curl -I` (HEAD) and concluding the URL is broken.",
    "Regenerating keys when the real problem is an object key with spaces or `+` encoded differently by client and server.",
  ],
  sources: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
  ],
  signals: [
    {
      id: "signature-words",
      role: "hint",
      when: [{ on: "body", match: /\bSignatureDoesNotMatch\b|The request signature we calculated does not match the signature you provided|\bSignature did not match\b|\bsignature (?:does not|doesn't) match\b/i }],
      weight: 0,
      causes: { "signature-mismatch": 0.85 },
      detail: "the server says the signature it computed differs from the one sent",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html"],
    },
    {
      id: "head-on-presigned-url",
      role: "hint",
      when: [{ on: "method", in: ["HEAD"] }, { on: "url", match: /[?&]X-Amz-Signature=/ }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "signature-mismatch": 0.6 },
      detail: "a HEAD request on a presigned URL: the method is part of the signature, and presigned URLs are usually made for GET or PUT",
    },
  ],
  checks: [
    "Find the first difference between what the server and the client signed: why403 inspect {file|FILE} --canonical CLIENT_CANONICAL (your canonical request, or the SDK debug log: boto3/botocore logs CanonicalRequest and StringToSign at DEBUG)",
  ],
  examples: [
    {
      name: "presigned PUT with a Content-Type that was not signed",
      source: "https://github.com/aws/aws-sdk-js-v3/issues/1916",
      input: "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.\n    at deserializeAws_restXmlPutObjectCommandError (node_modules/@aws-sdk/client-s3/dist/cjs/protocols/Aws_restXml.js:9464:41)",
      expect: { cause: "signature-mismatch" },
    },
    {
      name: "curl -I on a URL presigned for GET",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
      input: "> HEAD /report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240102T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7 HTTP/1.1\n> Host: examplebucket.s3.amazonaws.com\n> User-Agent: curl/8.4.0\n>\n< HTTP/1.1 403 Forbidden\n< x-amz-request-id: 7B3F9D2C1A0E4F56\n< Content-Type: application/xml\n< Date: Tue, 02 Jan 2024 10:01:00 GMT\n< Server: AmazonS3\n<",
      expect: { cause: "signature-mismatch" },
    },
    {
      name: "an unknown access key is not a signature problem",
      source: "https://github.com/aws/aws-sdk-java/issues/1911",
      input: "com.amazonaws.services.s3.model.AmazonS3Exception: The AWS Access Key Id you provided does not exist in our records. (Service: Amazon S3; Status Code: 403; Error Code: InvalidAccessKeyId; Request ID: 3C3F2B5E8D1A7F90)",
      expect: { notCause: "signature-mismatch" },
    },
  ],
});
