// Documented example lines of the log formats the scan reads fast (nginx/Apache docs, AWS docs),
// and mutations of them that move field edges: shared by the kernel and forwarding tests.
import fc from "fast-check";

/** Characters that move field edges when inserted into or replaced in a line. */
export const EDGE_BYTES = ["\t", " ", '"', "\\", "[", "]", "4", "0", "3", "\r", "-", "x", ""] as const;

export const CF_HEAD = [
  "#Version: 1.0",
  "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end",
];

/** Documented example lines of each format the kernel reads (nginx/Apache docs, AWS docs). */
export const EXAMPLES: Record<string, { head: string[]; lines: string[] }> = {
  "nginx-combined": {
    head: [],
    lines: [
      '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /admin/ HTTP/1.1" 403 153 "-" "Mozilla/5.0"',
      '203.0.113.9 - alice [01/Nov/2026:10:00:01 +0000] "GET /a\\x22b HTTP/1.1" 200 12 "https://example.com/" "curl/8.5.0"',
      '198.51.100.2 - - [01/Nov/2026:10:00:02 +0000] "POST /login HTTP/1.1" 401 0 "-" "-"',
      '198.51.100.2 - - [01/Nov/2026:10:00:03 +0000] "GET /missing HTTP/1.1" 404 0 "-" "-"',
    ],
  },
  "apache-combined": {
    head: [],
    lines: [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
      '192.0.2.7 - - [10/Oct/2000:13:55:37 -0700] "GET /say \\"hi\\" HTTP/1.0" 403 - "-" "Wget/1.21"',
    ],
  },
  cloudfront: {
    head: CF_HEAD,
    lines: [
      "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0)\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-",
      "2019-12-13\t22:36:27\tSEA19-C1\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/favicon.ico\t403\thttps://www.example.com/\tMozilla/5.0\t-\t-\tError\t1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==\twww.example.com\thttps\t25\t0.000\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tError\tHTTP/2.0\t-\t-\t57945\t0.000\tClientGeoBlocked\ttext/html\t1033\t-\t-",
    ],
  },
  "s3-access": {
    head: [],
    lines: [
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /amzn-s3-demo-bucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes',
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:39 +0000] 192.0.2.3 - 891CE47D2EXAMPLE REST.GET.OBJECT private/report.csv "GET /amzn-s3-demo-bucket1/private/report.csv HTTP/1.1" 403 AccessDenied 243 - 9 - "-" "curl/8.5.0" - Xh2qjH2iD0Za= SigV4 - AuthHeader amzn-s3-demo-bucket1.s3.amazonaws.com TLSv1.3 - -',
      '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:40 +0000] 192.0.2.3 - 891CE47D2EXAMPLF BATCH.DELETE.OBJECT a.txt - 204 - - 1 - - - - - - - - - - - - -',
    ],
  },
  alb: {
    head: [],
    lines: [
      'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
      'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1 -1 403 - 34 366 "GET https://www.example.com:443/admin HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 2018-07-02T22:22:48.364000Z "waf" "-" "-" "-" "-" "-" "-"',
    ],
  },
};

/** A line with a few bytes changed, inserted or cut, among those that move field edges. */
export const mutated = (base: string, alphabet: readonly string[] = EDGE_BYTES) =>
  fc
    .array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet), fc.boolean()), { maxLength: 6 })
    .map((edits) => {
      let s = base;
      for (const [at, c, replace] of edits) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + c + s.slice(replace ? i + 1 : i);
      }
      return s.replace(/\n/g, "");
    });

