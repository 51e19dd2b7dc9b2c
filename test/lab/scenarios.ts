// The lab's scenarios: one real misconfiguration each, the command a user would type, and the
// responder and first cause a correct diagnosis names.
import type { CauseId, ResponderId } from "../../src/model/taxonomy.js";
import { signJwt } from "./app.js";
import type { Lab } from "./lab.js";
import type { LogLine } from "./replay.js";
import { REPLAY_HOSTS } from "./replay.js";

export interface Scenario {
  id: string;
  /** What is misconfigured, in a few words. */
  setup: string;
  responder: ResponderId;
  cause: CauseId;
  args(lab: Lab): string[];
  env?(lab: Lab): NodeJS.ProcessEnv;
  /** A command the CLI runs under (faketime for a wrong local clock). */
  wrap?: string[];
  /** Log lines of the server the client talks to: one per request sent. */
  front(lab: Lab): (l: LogLine) => boolean;
  /** The user's own method when it is not GET. */
  method?: string;
}

const url = (port: number, path: string): string => `http://127.0.0.1:${port}${path}`;
const at = (host: string, lab: Lab, path: string): string[] => [`http://${host}:${lab.replay.port}${path}`, "--resolve", `${host}:${lab.replay.port}:127.0.0.1`];
const onPort = (server: string, port: (lab: Lab) => number) => (lab: Lab) => (l: LogLine) => l.server === `${server}:${port(lab)}`;
const onReplay = (host: string) => () => (l: LogLine) => l.server === "replay" && [host, `www.${host}`].includes(l.host.replace(/:\d+$/, ""));
const sigv4 = ["--aws-sigv4", "aws:amz:us-east-1:s3"];
const reader = (lab: Lab): NodeJS.ProcessEnv => ({ AWS_ACCESS_KEY_ID: lab.moto.keys.reader.id, AWS_SECRET_ACCESS_KEY: lab.moto.keys.reader.secret });

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "nginx-ip-deny",
    setup: "nginx `deny 127.0.0.1;` for the whole site",
    responder: "nginx",
    cause: "ip-denied",
    args: (lab) => [url(lab.nginx.ipDeny, "/reports/q3.pdf")],
    front: onPort("nginx", (lab) => lab.nginx.ipDeny),
  },
  {
    id: "nginx-missing-index",
    setup: "nginx directory without index.html, autoindex off",
    responder: "nginx",
    cause: "directory-listing",
    args: (lab) => [url(lab.nginx.static, "/files/")],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "nginx-mode-000",
    setup: "a file with mode 000 the nginx workers cannot read",
    responder: "nginx",
    cause: "filesystem-permission",
    args: (lab) => [url(lab.nginx.static, "/notes/secret.txt")],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "nginx-dotfile",
    setup: "nginx `location ~ /\\.git { deny all; }`",
    responder: "nginx",
    cause: "path-blocked",
    args: (lab) => [url(lab.nginx.static, "/.git/config")],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "nginx-method-limit",
    setup: "nginx `limit_except GET { deny all; }` on /upload/",
    responder: "nginx",
    cause: "method-denied",
    method: "POST",
    args: (lab) => [url(lab.nginx.static, "/upload/"), "-d", "name=report.pdf"],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "nginx-hotlink",
    setup: "nginx `valid_referers` on /images/ refuses another site's Referer",
    responder: "nginx",
    cause: "referer-denied",
    args: (lab) => [url(lab.nginx.static, "/images/logo.png"), "-e", "https://blog.other.example/post"],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "nginx-ua-block",
    setup: "nginx `if ($http_user_agent ~* python-requests) { return 403; }`",
    responder: "nginx",
    cause: "user-agent-blocked",
    args: (lab) => [url(lab.nginx.uaBlock, "/download/app.tar.gz"), "-A", "python-requests/2.31.0"],
    front: onPort("nginx", (lab) => lab.nginx.uaBlock),
  },
  {
    id: "nginx-default-server",
    setup: "nginx serves www.shop.test only; the bare name lands on a default server that refuses",
    responder: "nginx",
    cause: "host-not-configured",
    args: (lab) => [`http://shop.test:${lab.nginx.vhost}/`, "--resolve", `shop.test:${lab.nginx.vhost}:127.0.0.1`],
    front: onPort("nginx", (lab) => lab.nginx.vhost),
  },
  {
    id: "nginx-head-mode-000",
    setup: "curl -I of a file with mode 000 (HEAD: no body to read)",
    responder: "nginx",
    cause: "filesystem-permission",
    method: "HEAD",
    args: (lab) => [url(lab.nginx.static, "/notes/secret.txt"), "-I"],
    front: onPort("nginx", (lab) => lab.nginx.static),
  },
  {
    id: "apache-listing-disabled",
    setup: "Apache `Options -Indexes` on a directory without an index",
    responder: "apache",
    cause: "directory-listing",
    args: (lab) => [url(lab.apache.static, "/docs/")],
    front: onPort("apache", (lab) => lab.apache.static),
  },
  {
    id: "apache-htaccess-deny",
    setup: "Apache .htaccess `Require all denied` in /private/",
    responder: "apache",
    cause: "path-blocked",
    args: (lab) => [url(lab.apache.static, "/private/data.txt")],
    front: onPort("apache", (lab) => lab.apache.static),
  },
  {
    id: "apache-ip-deny",
    setup: "Apache `Require not ip 127.0.0.1`",
    responder: "apache",
    cause: "ip-denied",
    args: (lab) => [url(lab.apache.ipDeny, "/reports/q3.pdf")],
    front: onPort("apache", (lab) => lab.apache.ipDeny),
  },
  {
    id: "apache-mode-000",
    setup: "a file with mode 000 that Apache's www-data cannot read",
    responder: "apache",
    cause: "filesystem-permission",
    args: (lab) => [url(lab.apache.static, "/notes/secret.txt")],
    front: onPort("apache", (lab) => lab.apache.static),
  },
  {
    id: "apache-ua-block",
    setup: "Apache `<If \"%{HTTP_USER_AGENT} =~ /wget/i\">Require all denied</If>`",
    responder: "apache",
    cause: "user-agent-blocked",
    args: (lab) => [url(lab.apache.uaBlock, "/reports/q3.pdf"), "-A", "Wget/1.21.3"],
    front: onPort("apache", (lab) => lab.apache.uaBlock),
  },
  {
    id: "modsecurity-crs",
    setup: "Apache + ModSecurity + OWASP CRS block an XSS-looking parameter",
    responder: "modsecurity",
    cause: "waf-rule",
    args: (lab) => [url(lab.apache.waf, "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")],
    front: onPort("apache", (lab) => lab.apache.waf),
  },
  {
    id: "squid-acl",
    setup: "Squid `http_access deny` for a destination domain",
    responder: "proxy",
    cause: "acl-deny",
    args: (lab) => ["http://intranet.blocked.lab/reports/", "-x", `http://127.0.0.1:${lab.squid}`],
    front: () => (l) => l.server === "squid",
  },
  {
    id: "cors-origin-not-allowed",
    setup: "the API's CORS allow-list does not hold the page's origin (Spring)",
    responder: "app",
    cause: "cors-origin",
    args: (lab) => [url(lab.nginx.app, "/api/cors-list/items"), "--origin", "https://www.other.example"],
    front: onPort("nginx", (lab) => lab.nginx.app),
  },
  {
    id: "cors-trailing-slash",
    setup: "the CORS allow-list holds https://shop.example.org/ (trailing slash)",
    responder: "app",
    cause: "cors-origin",
    args: (lab) => [url(lab.nginx.app, "/api/cors-slash/items"), "--origin", "https://shop.example.org"],
    front: onPort("nginx", (lab) => lab.nginx.app),
  },
  {
    id: "csrf-token-missing",
    setup: "a Django form posted without its CSRF token",
    responder: "app",
    cause: "csrf",
    method: "POST",
    args: (lab) => [url(lab.nginx.app, "/account/email"), "-d", "email=a%40example.org", "-b", "sessionid=8f14e45fceea167a5a36dedd4bea2543"],
    front: onPort("nginx", (lab) => lab.nginx.app),
  },
  {
    id: "api-key-missing",
    setup: "an API behind nginx that wants an api_key (API Umbrella)",
    responder: "app",
    cause: "invalid-api-key",
    args: (lab) => [url(lab.nginx.app, "/v1/data/sets")],
    front: onPort("nginx", (lab) => lab.nginx.app),
  },
  {
    id: "jwt-expired",
    setup: "an Express API answers 403 Forbidden to an expired JWT",
    responder: "app",
    cause: "auth-expired",
    args: (lab) => [url(lab.nginx.app, "/api/orders"), "-H", `Authorization: Bearer ${signJwt({ sub: "u42", exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    front: onPort("nginx", (lab) => lab.nginx.app),
  },
  {
    id: "s3-private-object",
    setup: "an IAM user may list the bucket but not read private/*",
    responder: "aws-s3",
    cause: "no-allow",
    args: (lab) => [...at(REPLAY_HOSTS.s3, lab, "/data/private/report.csv"), ...sigv4],
    env: reader,
    front: onReplay(REPLAY_HOSTS.s3),
  },
  {
    id: "s3-missing-masked",
    setup: "CloudFront + S3: a missing key answered 403 (no s3:ListBucket)",
    responder: "aws-s3",
    cause: "object-missing-masked",
    args: (lab) => at(REPLAY_HOSTS.cfPublicBucket, lab, "/app/settings.json"),
    front: onReplay(REPLAY_HOSTS.cfPublicBucket),
  },
  {
    id: "s3-signature-mismatch",
    setup: "SigV4 with the wrong secret key",
    responder: "aws-s3",
    cause: "signature-mismatch",
    args: (lab) => [...at(REPLAY_HOSTS.s3, lab, "/data/public/a.txt"), ...sigv4],
    env: (lab) => ({ AWS_ACCESS_KEY_ID: lab.moto.keys.reader.id, AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
    front: onReplay(REPLAY_HOSTS.s3),
  },
  {
    id: "s3-clock-skew",
    setup: "SigV4 from a machine whose clock is an hour behind",
    responder: "aws-s3",
    cause: "clock-skew",
    args: (lab) => [...at(REPLAY_HOSTS.s3, lab, "/data/public/a.txt"), ...sigv4],
    env: reader,
    wrap: ["faketime", "-f", "-1h"],
    front: onReplay(REPLAY_HOSTS.s3),
  },
  {
    id: "cloudfront-geo",
    setup: "CloudFront geo restriction (replayed)",
    responder: "aws-cloudfront",
    cause: "geo-blocked",
    args: (lab) => at(REPLAY_HOSTS.geo, lab, "/watch/episode-1"),
    front: onReplay(REPLAY_HOSTS.geo),
  },
  {
    id: "aws-waf-block",
    setup: "AWS WAF block through CloudFront (replayed)",
    responder: "aws-waf",
    cause: "waf-rule",
    args: (lab) => at(REPLAY_HOSTS.waf, lab, "/api/search?q=1"),
    front: onReplay(REPLAY_HOSTS.waf),
  },
  {
    id: "cloudflare-waf",
    setup: "Cloudflare custom rule block, 1020 (replayed)",
    responder: "cloudflare",
    cause: "waf-rule",
    args: (lab) => at(REPLAY_HOSTS.cloudflareWaf, lab, "/checkout"),
    front: onReplay(REPLAY_HOSTS.cloudflareWaf),
  },
  {
    id: "origin-through-cdn",
    setup: "a CDN passes on the nginx origin's own 403",
    responder: "cloudflare",
    cause: "origin-denied",
    args: (lab) => [...at(REPLAY_HOSTS.edge, lab, "/members/area"), "--connect-to", `${REPLAY_HOSTS.edge}:${lab.replay.port}:127.0.0.1:${lab.nginx.origin}`],
    front: onPort("nginx", (lab) => lab.nginx.origin),
  },
  {
    id: "cloudfront-s3-no-oac-grant",
    setup: "CloudFront → S3 whose bucket policy does not grant the distribution",
    responder: "aws-s3",
    cause: "origin-access-missing",
    args: (lab) => at(REPLAY_HOSTS.cfPrivateBucket, lab, "/app.js"),
    front: onReplay(REPLAY_HOSTS.cfPrivateBucket),
  },
  {
    id: "cloudfront-alternate-domain",
    setup: "CloudFront has www.shop.lab as alternate domain, not shop.lab",
    responder: "aws-cloudfront",
    cause: "host-not-configured",
    args: (lab) => at(REPLAY_HOSTS.shopApex, lab, "/"),
    front: onReplay(REPLAY_HOSTS.shopApex),
  },
  {
    id: "apigw-missing-token",
    setup: "API Gateway: no such resource on the stage (replayed)",
    responder: "aws-apigateway",
    cause: "missing-auth-token",
    args: (lab) => at(REPLAY_HOSTS.apigw, lab, "/prod/item"),
    front: onReplay(REPLAY_HOSTS.apigw),
  },
  {
    id: "cloudflare-browser-signature",
    setup: "Cloudflare 1010: the client's browser signature is banned (replayed)",
    responder: "cloudflare",
    cause: "user-agent-blocked",
    args: (lab) => [...at(REPLAY_HOSTS.cloudflareUa, lab, "/download"), "-A", "python-requests/2.31.0"],
    front: onReplay(REPLAY_HOSTS.cloudflareUa),
  },
  {
    id: "akamai-ua",
    setup: "Akamai refuses an HTTP library's User-Agent (replayed)",
    responder: "akamai",
    cause: "user-agent-blocked",
    args: (lab) => [...at(REPLAY_HOSTS.akamai, lab, "/products"), "-A", "Go-http-client/1.1"],
    front: onReplay(REPLAY_HOSTS.akamai),
  },
];
