import { defineCause } from "../schema.js";

export default defineCause({
  id: "clock-skew",
  title: "The client's clock is too far from {host|the server}'s time for a signed request",
  why: "Signed requests carry their signing time (`X-Amz-Date`, `x-ms-date`, `Date`) and servers accept them only within a window around their own clock (15 minutes for AWS SigV4 and S3). A machine, VM, container host or WSL instance whose clock drifted, was restored from a snapshot or suspended, or runs with a wrong time zone treated as UTC, produces requests that look expired or from the future.",
  fix: [
    "Synchronise the clock of the machine that signs: `sudo timedatectl set-ntp true` (systemd), `sudo chronyc makestep` (chrony), `w32tm /resync` (Windows); for WSL `sudo hwclock -s`; restart Docker Desktop or the VM after sleep.",
    "Fix the clock rather than the code: some SDKs correct small skews themselves (AWS SDK for JavaScript: `correctClockSkew`), but boto3 and the AWS CLI do not; never hand-build `X-Amz-Date` from local time without converting to UTC.",
    "If a request was signed long ago and replayed (queued job, cached signed request), sign it again right before sending.",
  ],
  verify: [
    "date -u; curl -sI https://s3.amazonaws.com | grep -i '^date' (the two times should agree within a few seconds)",
    "Repeat the failing call (expect 200, no RequestTimeTooSkewed)",
  ],
  separate:
    "Compare `date -u` on the client with the `Date` header of any response from the same service (or `ServerTime` in the S3 error): minutes apart means clock-skew; in sync means the signature or credential itself has expired (auth-expired) or does not match (signature-mismatch).",
  mistakes: [
    "Setting the time zone instead of the clock: the signing time is UTC, so a correct local time with the wrong zone setting is still wrong.",
    "Checking the host clock when the signing happens inside a container or VM with its own drifted clock.",
    "Increasing presigned URL lifetimes to work around a clock that is minutes off.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html",
    "https://github.com/boto/boto3/issues/1252",
  ],
  signals: [
    {
      id: "skew-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bRequestTimeTooSkewed\b|The difference between the request time and the (?:current|server's) time is too large|\bSignature not yet current\b|\bRequest date header too old\b|\bclock skew\b|\bclock (?:is )?(?:out of sync|skewed)\b|\bRequestExpired\b[^\n]{0,80}\b(?:time|date)\b/i,
        },
      ],
      weight: 0,
      causes: { "clock-skew": 0.9 },
      detail: "the server says the request time is too far from its own",
      sources: ["https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList"],
    },
    {
      id: "signature-expired-times",
      role: "hint",
      when: [{ on: "body", match: /Signature expired: (?<signedAt>\d{8}T\d{6}Z) is now earlier than (?<serverWindow>\d{8}T\d{6}Z)/ }],
      weight: 0,
      causes: { "clock-skew": 0.6, "auth-expired": 0.45 },
      detail: "SigV4: the signing time lies before the server's accepted window; a signing clock that is behind (or a replayed signed request)",
      sources: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html"],
    },

    {
      id: "probe-local-clock-off",
      role: "hint",
      when: [{ on: "probe", name: "local-clock-skewed" }],
      weight: 0,
      causes: { "clock-skew": 0.6 },
      detail: "this machine's clock is minutes away from the server's Date: signed requests carry the wrong time",
    },
  ],
  checks: [
    "If the request carried a presigned URL, a SigV4 Authorization header or a JWT: why403 inspect {file|FILE} (when it was signed, until when it is valid, the skew against the server's Date; secrets stay hidden)",
  ],
  examples: [
    {
      name: "boot2docker VM clock 15 minutes off",
      source: "https://github.com/boot2docker/boot2docker/issues/469",
      input: "boto.exception.S3ResponseError: S3ResponseError: 403 Forbidden\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>redacted</RequestId><HostId>redacted</HostId><RequestTime>Wed, 06 Aug 2014 02:17:06 GMT</RequestTime><ServerTime>2014-08-06T17:36:03Z</ServerTime></Error>",
      expect: { cause: "clock-skew" },
    },
    {
      name: "DynamoDB from a Docker image with a lagging clock",
      source: "https://github.com/aws/aws-sdk-js/issues/527",
      input: "InvalidSignatureException: Signature expired: 20150307T194740Z is now earlier than 20150309T203545Z (20150309T204045Z - 5 min.)\n    at Request.extractError (/app/node_modules/aws-sdk/lib/protocol/json.js:43:27)",
      expect: { cause: "clock-skew" },
    },
    {
      name: "a presigned URL used after its lifetime is not clock skew",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html",
      input: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>3600</X-Amz-Expires><Expires>2024-03-01T09:00:00Z</Expires><ServerTime>2024-03-02T14:12:40Z</ServerTime><RequestId>9F2A6C1B3D4E5F60</RequestId></Error>",
      expect: { notCause: "clock-skew" },
    },

    {
      name: "live probe: S3 refuses a SigV4 request from a machine whose clock is an hour behind",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html",
      input: "HTTP/1.1 403 Forbidden\nx-amz-request-id: 4442587FB7D0A2F9\nContent-Type: application/xml\nServer: AmazonS3\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20240108T110000Z</RequestTime><ServerTime>2024-01-08T12:00:00Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>4442587FB7D0A2F9</RequestId></Error>",
      probes: ["local-clock-skewed"],
      expect: { cause: "clock-skew" },
    },
  ],
});
