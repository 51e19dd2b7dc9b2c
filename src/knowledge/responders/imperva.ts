import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "imperva",
  name: "Imperva (Incapsula)",
  layer: "waf",
  summary:
    "Imperva's cloud WAF (formerly Incapsula) answered instead of the site: a security rule, bot protection (JavaScript/CAPTCHA challenge), or an IP/country access rule. Its pages carry an incident ID that the site owner can look up.",
  howToTell: [
    "The body holds `Request unsuccessful. Incapsula incident ID: <n>-<n>`, usually inside an iframe that loads `/_Incapsula_Resource?…`.",
    "Newer pages say the request `was blocked by our security service` and show an `Incident ID`; Advanced Bot Protection pages are titled `Pardon Our Interruption`.",
    "`X-Iinfo`, `X-CDN: Imperva` and the `visid_incap_*` / `incap_ses_*` cookies ride along on every response through Imperva: presence, not a block.",
  ],
  sources: [
    "https://docs.imperva.com/bundle/cloud-application-security/page/settings/custom-error-pages.htm",
    "https://docs.imperva.com/bundle/cloud-application-security/page/more/cookies.htm",
    "https://docs.imperva.com/bundle/cloud-application-security/page/settings/security-settings.htm",
  ],
  signals: [
    {
      id: "incident-id",
      role: "decision",
      when: [{ on: "body", match: /Request unsuccessful\. Incapsula incident ID: (?<incident>\d+-\d+)/ }],
      weight: 0.95,
      detail: "Imperva/Incapsula block page with an incident ID",
      sources: ["https://docs.imperva.com/bundle/cloud-application-security/page/settings/custom-error-pages.htm"],
    },
    {
      id: "incapsula-resource",
      role: "decision",
      when: [{ on: "body", match: /\/_Incapsula_Resource\?(?<resourceKey>[A-Z]{6,10})=/ }],
      weight: 0.85,
      causes: { "bot-challenge": 0.6 },
      detail: "the page loads `/_Incapsula_Resource`: Imperva's JavaScript/CAPTCHA client check instead of the site",
    },
    {
      id: "security-service-page",
      role: "decision",
      when: [
        { on: "body", match: /(?:This request was blocked by (?:our|the) security (?:service|rules)|blocked by the website'?s? security service)/i },
        { on: "body", match: /Incident ID:?\s*(?<incident>[\d-]{8,})|Imperva|Incapsula/i },
      ],
      weight: 0.9,
      causes: { "waf-rule": 0.6 },
      detail: "Imperva's `This request was blocked by our security service` page with an incident ID",
    },
    {
      id: "bot-protection-page",
      role: "decision",
      when: [{ on: "body", match: /<title>Pardon Our Interruption<\/title>[\s\S]{0,4000}?(?:isImpervaSpaSupport|distil|imperva)|isImpervaSpaSupport/i }],
      weight: 0.85,
      causes: { "bot-challenge": 0.9 },
      detail: "Imperva Advanced Bot Protection interstitial (`Pardon Our Interruption`)",
    },
    {
      id: "iinfo-header",
      role: "presence",
      when: [{ on: "header", name: "x-iinfo" }],
      weight: 0.6,
      detail: "X-Iinfo header: the response passed through Imperva",
    },
    {
      id: "cdn-header",
      role: "presence",
      when: [{ on: "header", name: "x-cdn", match: /Imperva|Incapsula/i }],
      weight: 0.6,
      detail: "X-CDN names Imperva",
    },
    {
      id: "incap-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^(?:visid_incap_\d+|incap_ses_\d+_\d+|nlbi_\d+(?:_\d+)?|reese84)$/ }],
      weight: 0.5,
      detail: "Imperva session/visitor cookie (visid_incap_*, incap_ses_*, nlbi_*)",
      sources: ["https://docs.imperva.com/bundle/cloud-application-security/page/more/cookies.htm"],
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.4,
      title: "An Imperva security rule blocked the request",
      note: "Imperva matched the request against its WAF policies (OWASP threats, custom security rules) and served its block page; the site owner can see the rule from the incident ID.",
      fix: [
        "Site owner: Imperva Cloud Security Console → the site → Security Events (or Monitoring → Events), search the incident ID {incident|from the page}; create an exception for that rule (by URL, parameter or client) or fix the custom rule.",
        "Visitor: send the site owner the incident ID and the time.",
      ],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200 after the exception; a new incident ID means another rule)"],
    },
    "bot-challenge": {
      prior: 0.3,
      title: "Imperva's bot protection challenged the client",
      note: "Imperva serves a JavaScript or CAPTCHA check (`_Incapsula_Resource`, `Pardon Our Interruption`); HTTP libraries and headless browsers cannot complete it, so scripts get the challenge page instead of content.",
      fix: [
        "Site owner: Security → Bot Access Control / Advanced Bot Protection: allow the client (known good bot, API path exception, or an IP/header-based exception for your integration).",
        "For your own automation, ask the owner for an allowlisted path or API access rather than trying to pass the challenge.",
      ],
      verify: ["curl -s {url|URL} | grep -c _Incapsula_Resource (expect 0 once allowed)"],
    },
    "ip-denied": {
      prior: 0.12,
      title: "Imperva blocks the client's IP address",
      fix: ["Site owner: Security → ACLs (Blacklisted IPs) or a custom rule on Client IP: remove {client|the client IP} or add an exception; also check DDoS/reputation settings for the range."],
      verify: ["curl -sI {url|URL} from the same network (expect 200)"],
    },
    "geo-blocked": {
      prior: 0.08,
      title: "Imperva blocks the client's country",
      fix: ["Site owner: Security → ACLs → Blacklisted Countries/Continents (or a custom rule on Country): remove the country or add an exception for the client."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "rate-limited": {
      prior: 0.05,
      title: "An Imperva rate rule blocked the client",
      fix: ["Slow down; site owner: check custom rules with rate conditions and DDoS thresholds for this client."],
      verify: ["curl -sI {url|URL} after a pause (expect 200)"],
    },
  },
  examples: [
    {
      name: "incident ID iframe page",
      source: "https://github.com/ziplokk1/incapsula-cracker-py3/issues/1",
      input:
        '<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW"></head><body style="margin:0px;height:100%"><iframe src="/_Incapsula_Resource?CWUDNSAI=9&xinfo=10-145080678-0 0NNN&incident_id=485000470549342814-1091780437566882554&edet=12&cinfo=04000000" frameborder=0 width="100%" height="100%">Request unsuccessful. Incapsula incident ID: 485000470549342814-1091780437566882554</iframe></body></html>',
      expect: { responder: "imperva", cause: "bot-challenge" },
    },
    {
      name: "incident ID in a raw 403 with Imperva headers",
      source: "https://github.com/ziplokk1/incapsula-cracker-py3/issues/13",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: text/html\nSet-Cookie: visid_incap_123456=abcdEFGH; expires=Fri, 01 Jan 2027 00:00:00 GMT; path=/; Domain=.example.com\nSet-Cookie: incap_ses_1234_123456=xyz; path=/; Domain=.example.com\nX-CDN: Imperva\nX-Iinfo: 10-145080678-0 0NNN RT(1495689294935 1) q(0 -1 -1 0) r(0 -1)\n\nRequest unsuccessful. Incapsula incident ID: 1234000510012345678-98765432101234567",
      expect: { responder: "imperva", cause: "waf-rule" },
    },
    {
      name: "challenge script stub",
      source: "https://github.com/ziplokk1/incapsula-cracker-py3/issues/20",
      input:
        '<html>\n<head>\n<META NAME="robots" CONTENT="noindex,nofollow">\n<script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4,719d34d31c8e3a6e6fffd425f7e032f3">\n</script>\n<body>\n</body></html>',
      expect: { responder: "imperva", cause: "bot-challenge" },
    },
    {
      name: "security service page with incident ID",
      source: "https://docs.imperva.com/bundle/cloud-application-security/page/settings/custom-error-pages.htm",
      input:
        "Access denied\nError 15\nThis request was blocked by our security service\nYour IP: 203.0.113.7\nProxy IP: 198.51.100.1 (ID 10532-100)\nIncident ID: 532000130284512345-123456789012345678",
      expect: { responder: "imperva", cause: "waf-rule" },
    },
    {
      name: "Advanced Bot Protection interstitial",
      source: "https://github.com/ziplokk1/incapsula-cracker-py3/issues/32",
      input:
        "<!DOCTYPE html>\n<html>\n<head>\n<noscript>\n<title>Pardon Our Interruption</title>\n</noscript>\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<script>\n  var isSpa = new URLSearchParams(window.location.search).get('X-SPA') === '1' || window.isImpervaSpaSupport;\n</script>",
      expect: { responder: "imperva", cause: "bot-challenge" },
    },
    {
      name: "Cloudflare block page is not Imperva",
      source: "https://github.com/OpenHands/OpenHands/issues/4480",
      input:
        '<title>Attention Required! | Cloudflare</title>\n<h1 data-translate="block_headline">Sorry, you have been blocked</h1>',
      expect: { notResponder: "imperva" },
    },
  ],
});
