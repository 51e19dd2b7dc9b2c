import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "netlify",
  name: "Netlify",
  layer: "platform",
  summary:
    "Netlify's edge answered instead of the site's files or functions: role-based access rules on `_redirects` (Netlify Identity / JWT roles), password protection or team login, firewall traffic rules, the WAF, rate limiting, or a hostname no Netlify site claims.",
  howToTell: [
    "Netlify's own pages carry `Netlify Internal ID: 01…` (`Site not found` when no site has the hostname).",
    "Role-based redirects answer with whatever status the rule names (`/admin/* 200! Role=admin` then `/admin/* /login 401!` or `403!`); the `nf_jwt` cookie is the Identity token that is checked.",
    "`x-nf-request-id` and `Server: Netlify` are on every Netlify response: a 403 from a Netlify Function or proxied API carries them too.",
  ],
  sources: [
    "https://docs.netlify.com/visitor-access/role-based-access-control/",
    "https://docs.netlify.com/platform/request-chain/",
    "https://docs.netlify.com/manage/monitoring/observability/reference/block-reason",
    "https://docs.netlify.com/security/secure-access-to-sites/password-protection/",
    "https://docs.netlify.com/manage/security/secure-access-to-sites/rate-limiting/",
  ],
  signals: [
    {
      id: "internal-id-page",
      role: "decision",
      when: [{ on: "body", match: /Netlify Internal ID:?\s*(?:<[^>\n]{0,60}>\s*)?(?<netlifyId>[0-9A-Z]{26}|[\w-]{16,30})/ }],
      weight: 0.85,
      detail: "a Netlify-branded error page (`Netlify Internal ID`): the edge answered, not the site's files",
      sources: ["https://docs.netlify.com/platform/request-chain/"],
    },
    {
      id: "site-not-found",
      role: "decision",
      when: [{ on: "body", match: /Site not found[\s\S]{0,200}?(?:doesn[’']t exist on Netlify|Netlify)/ }],
      weight: 0.9,
      causes: { "host-not-configured": 0.85 },
      detail: "`Site not found … doesn't exist on Netlify`: no Netlify site claims this hostname",
    },
    {
      id: "rate-limited",
      role: "decision",
      when: [
        { on: "status", in: [429] },
        { on: "header", name: "x-nf-request-id" },
        { on: "body", match: /Rate limit|Too Many Requests|rate.limited/i },
      ],
      weight: 0.6,
      causes: { "rate-limited": 0.85 },
      detail: "429 from Netlify's edge: a rate limiting rule matched",
      sources: ["https://docs.netlify.com/manage/security/secure-access-to-sites/rate-limiting/"],
    },
    {
      id: "password-protection",
      role: "decision",
      when: [{ on: "body", match: /(?:This site is password protected|Password protected site|Enter the password to (?:access|view) this site)[\s\S]{0,2000}?netlify|netlify[\s\S]{0,2000}?(?:This site is password protected|Password protected site)/i }],
      weight: 0.8,
      causes: { "auth-missing": 0.85 },
      detail: "Netlify's password protection page: the site requires the shared password or a team login",
      sources: ["https://docs.netlify.com/security/secure-access-to-sites/password-protection/"],
    },
    {
      id: "identity-jwt-role",
      role: "hint",
      when: [{ on: "request-header", name: "cookie", match: /\bnf_jwt=/ }],
      weight: 0,
      causes: { "insufficient-permissions": 0.5 },
      responders: ["netlify"],
      detail: "the request carried a Netlify Identity token (nf_jwt): logged in, so a role rule is the likely refusal",
    },
    {
      id: "nf-request-id",
      role: "presence",
      when: [{ on: "header", name: "x-nf-request-id" }],
      weight: 0.6,
      detail: "x-nf-request-id: the response came through Netlify's edge",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Netlify\b/i }],
      weight: 0.5,
      detail: "Server: Netlify",
    },
  ],
  causes: {
    "auth-missing": {
      prior: 0.25,
      title: "Netlify requires a login (password protection, team login or an Identity token)",
      fix: [
        "Visitor: enter the site password or log in with the Netlify team account (Site configuration → Access & security → Visitor access shows which is on).",
        "For role-based pages: log in through Netlify Identity (or your JWT provider) so the `nf_jwt` cookie is sent with the request.",
      ],
      verify: ["curl -sI -H 'Cookie: nf_jwt=<token>' {url|URL} (expect 200 with a valid token)"],
    },
    "insufficient-permissions": {
      prior: 0.25,
      title: "A Netlify role-based rule does not include the user's role",
      note: "A `_redirects`/netlify.toml rule with `conditions = {Role = [...]}` only serves users whose JWT `app_metadata.roles` contains a listed role; the fallback rule answers 401/403/404.",
      fix: [
        "Give the user the role in Netlify Identity (Identity → user → Roles) or in the external provider's `app_metadata.roles`, then log out and in again so a new nf_jwt is issued.",
        "Check the order of rules in `_redirects`: the `Role=` rule must come before the catch-all `401!/403!` rule for the same path.",
      ],
      verify: ["Decode the nf_jwt (jwt.io) and check `app_metadata.roles`; curl -sI -H 'Cookie: nf_jwt=<token>' {url|URL} (expect 200)"],
    },
    "ip-denied": {
      prior: 0.2,
      title: "Netlify's firewall traffic rules refuse the client's IP",
      fix: ["Site owner: Site configuration → Access & security → Firewall traffic rules (site or team level): remove {client|the client IP} from the blocked ranges, or add it as an exception to a default-deny rule."],
      verify: ["curl -sI {url|URL} from the same network (expect 200)"],
    },
    "rate-limited": {
      prior: 0.1,
      title: "A Netlify rate limiting rule blocked the client",
      fix: ["Slow down; site owner: Site configuration → Rate limiting (or `[[redirects]] ... rate_limit` in netlify.toml): raise the limit or aggregate by a better key."],
      verify: ["curl -sI {url|URL} after the window (expect 200)"],
    },
    "waf-rule": {
      prior: 0.1,
      title: "Netlify's WAF blocked the request",
      fix: ["Site owner: Observability → filter by Block reason = WAF to see the rule; set it to log-only or add an exception for the path."],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200)"],
    },
    "host-not-configured": {
      prior: 0.05,
      title: "No Netlify site claims this hostname",
      fix: ["Site owner: Domain management → add {host|the hostname} as a custom domain of the site (and check DNS points at that site, not another one); for deploy URLs, check the site still exists."],
      verify: ["curl -sI https://{host|HOST}/ (expect the site, not `Site not found`)"],
    },
    "geo-blocked": {
      prior: 0.05,
      title: "Netlify's firewall traffic rules block the client's country",
      fix: ["Site owner: Firewall traffic rules → geo restrictions/exceptions: allow the country."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
  },
  examples: [
    {
      name: "Site not found page",
      source: "https://answers.netlify.com/t/support-guide-i-ve-deployed-my-site-but-i-still-see-page-not-found/125",
      input:
        "HTTP/2 404\nserver: Netlify\nx-nf-request-id: 01KH9N73TWKXV6P4VAK2679H7E\ncontent-type: text/html\n\nSite not found\nLooks like you followed a broken link or entered a URL that doesn't exist on Netlify.\nNetlify Internal ID: 01KH9N73TWKXV6P4VAK2679H7E",
      expect: { responder: "netlify", cause: "host-not-configured" },
    },
    {
      name: "Netlify-branded block page with internal ID",
      source: "https://docs.netlify.com/platform/request-chain/",
      input:
        "HTTP/2 403\nserver: Netlify\nx-nf-request-id: 01JTHAPPE4S9ZY1WKZRNPY098G\n\nForbidden\nNetlify Internal ID: 01JTHAPPE4S9ZY1WKZRNPY098G",
      expect: { responder: "netlify" },
    },
    {
      name: "rate limited at the edge",
      source: "https://docs.netlify.com/manage/security/secure-access-to-sites/rate-limiting/",
      input:
        "HTTP/2 429\nserver: Netlify\nx-nf-request-id: 01HZZZZZZZZZZZZZZZZZZZZZZZ\ncontent-type: text/plain\n\nToo Many Requests",
      expect: { responder: "netlify", cause: "rate-limited" },
    },
    {
      name: "password protected site",
      source: "https://docs.netlify.com/security/secure-access-to-sites/password-protection/",
      input:
        "HTTP/2 401\nserver: Netlify\nx-nf-request-id: 01J0000000000000000000000A\n\n<html><head><title>Password protected site</title><link rel=\"stylesheet\" href=\"https://app.netlify.com/password-protection.css\"></head><body><h1>This site is password protected</h1></body></html>",
      expect: { responder: "netlify", cause: "auth-missing" },
    },
    {
      name: "role rule refuses a logged-in user",
      source: "https://docs.netlify.com/visitor-access/role-based-access-control/",
      input:
        "> GET /admin/ HTTP/2\n> Host: example.netlify.app\n> Cookie: nf_jwt=eyJhbGciOiJIUzI1NiJ9.eyJhcHBfbWV0YWRhdGEiOnsicm9sZXMiOlsiZWRpdG9yIl19fQ.sig\n>\n< HTTP/2 403\n< server: Netlify\n< x-nf-request-id: 01J0000000000000000000000B\n<\nForbidden\nNetlify Internal ID: 01J0000000000000000000000B\n",
      expect: { responder: "netlify", cause: "insufficient-permissions" },
    },
    {
      name: "a Netlify Function's own 403 JSON is the app's",
      source: "https://npmjs.com/package/@netlify/auth0",
      input:
        'HTTP/2 403\nserver: Netlify\nx-nf-request-id: 01J0000000000000000000000C\ncontent-type: application/json\n\n{"error":"forbidden","error_description":"Insufficient role"}',
      expect: { notResponder: "netlify" },
    },
  ],
});
