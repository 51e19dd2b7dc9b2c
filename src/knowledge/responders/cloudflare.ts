import { defineResponder } from "../schema.js";

/**
 * A Cloudflare 1xxx code in any of the forms Cloudflare writes it: the plain-text body sent to
 * non-browser clients ("error code: 1020"), the HTML page header ("Error 1020"), the JSON
 * problem type URL (".../cloudflare-1xxx-errors/error-1010/"), the page's feedback script
 * ("errorCode:1005") and the names scraping libraries give it ("CloudflareCode1020").
 */
const cfCode = (codes: string): RegExp =>
  new RegExp(
    `(?:\\b[Ee]rror code:? ?|\\bError |CloudflareCode|Cloudflare ?[Ee]rror:? |cloudflare-1xxx-errors\\/error-|errorCode:\\s*)(?<code>${codes})\\b(?! \\()`,
  );

const DOCS_1XXX = "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/";

export default defineResponder({
  id: "cloudflare",
  name: "Cloudflare",
  layer: "cdn",
  summary:
    "Cloudflare's edge refused the request itself: a WAF custom or managed rule, an IP/ASN/country access rule, Browser Integrity Check, a challenge, rate limiting, Cloudflare Access, or a host that is not set up on Cloudflare. Its own pages carry a 1xxx error code and a Ray ID.",
  howToTell: [
    "Cloudflare's own pages carry a 1xxx code (`Error 1020`, plain `error code: 1020` for non-browser clients), `Cloudflare Ray ID: …` and `Performance & security by Cloudflare` in the footer.",
    "`Sorry, you have been blocked` / `Attention Required! | Cloudflare` is a WAF block; `Just a moment...` or the header `cf-mitigated: challenge` is a challenge page.",
    "`cf-ray`, `Server: cloudflare` and `__cf_bm` ride along on every proxied response: with an origin's page in the body (nginx, Apache, an app's JSON) Cloudflare only passed the 403 on.",
  ],
  sources: [
    DOCS_1XXX,
    "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/4xx-client-error/",
    "https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/",
    "https://developers.cloudflare.com/waf/custom-rules/",
    "https://developers.cloudflare.com/cloudflare-one/policies/access/",
  ],
  signals: [
    // ---- 1xxx codes, each with its cause ----
    {
      id: "code-1020",
      role: "decision",
      when: [{ on: "body", match: cfCode("1020") }],
      weight: 0.85,
      causes: { "waf-rule": 0.8, "ip-denied": 0.35 },
      detail: "Cloudflare error 1020: a WAF custom rule (firewall rule) with a Block action matched",
      sources: [`${DOCS_1XXX}error-1020/`],
    },
    {
      id: "code-1010",
      role: "decision",
      when: [{ on: "body", match: cfCode("1010") }],
      weight: 0.85,
      causes: { "user-agent-blocked": 0.8, "bot-challenge": 0.6 },
      detail: "Cloudflare error 1010: the browser signature (User-Agent and headers) was banned, usually by Browser Integrity Check",
      sources: [`${DOCS_1XXX}error-1010/`],
    },
    {
      id: "code-1015",
      role: "decision",
      when: [{ on: "body", match: cfCode("1015") }],
      weight: 0.85,
      causes: { "rate-limited": 0.9 },
      detail: "Cloudflare error 1015: a rate limiting rule matched the client",
      sources: [`${DOCS_1XXX}error-1015/`],
    },
    {
      id: "code-1009",
      role: "decision",
      when: [{ on: "body", match: cfCode("1009") }],
      weight: 0.85,
      causes: { "geo-blocked": 0.9 },
      detail: "Cloudflare error 1009: the site owner blocks the client's country or region",
      sources: [`${DOCS_1XXX}error-1009/`],
    },
    {
      id: "code-ip-asn",
      role: "decision",
      when: [{ on: "body", match: cfCode("100[4-8]|1106") }],
      weight: 0.85,
      causes: { "ip-denied": 0.9 },
      detail: "Cloudflare error 1004-1008 / 1106: the client IP, its range or its ASN is banned (IP access rule, zone lockdown)",
      sources: [`${DOCS_1XXX}error-1006-1007-1008/`, `${DOCS_1XXX}error-1005/`],
    },
    {
      id: "code-1012",
      role: "decision",
      when: [{ on: "body", match: cfCode("1012") }],
      weight: 0.85,
      causes: { "waf-rule": 0.75 },
      detail: "Cloudflare error 1012: the site owner's security settings forbid this request",
      sources: [`${DOCS_1XXX}error-1012/`],
    },
    {
      id: "code-host",
      role: "decision",
      when: [{ on: "body", match: cfCode("100[0-3]|1014|1016|1018|1034") }],
      weight: 0.85,
      causes: { "host-not-configured": 0.85 },
      detail: "Cloudflare error 1000-1003 / 1014 / 1016 / 1018 / 1034: the hostname, its DNS record or the Host header does not map to an origin Cloudflare may use",
      sources: [`${DOCS_1XXX}error-1003/`, `${DOCS_1XXX}error-1014/`, `${DOCS_1XXX}error-1016/`, `${DOCS_1XXX}error-1034/`],
    },
    // ---- the same pages without their code (rendered text, translated copies) ----
    {
      id: "text-ip-banned",
      role: "decision",
      when: [{ on: "body", match: /has banned (?:your IP address|the autonomous system number \(ASN\) your IP address is in)/ }],
      weight: 0.85,
      causes: { "ip-denied": 0.9 },
      detail: "the page says the site owner banned the client's IP address or ASN",
    },
    {
      id: "text-country-banned",
      role: "decision",
      when: [{ on: "body", match: /has banned the country or region your IP address is in/ }],
      weight: 0.85,
      causes: { "geo-blocked": 0.9 },
      detail: "the page says the site owner banned the client's country or region",
    },
    {
      id: "text-browser-signature",
      role: "decision",
      when: [{ on: "body", match: /has banned your access based on your browser's signature(?: \((?<signature>[0-9a-f]+-[a-z]{2}\d+)\))?/ }],
      weight: 0.85,
      causes: { "user-agent-blocked": 0.8, "bot-challenge": 0.6 },
      detail: "the page says the browser signature was banned (error 1010)",
    },
    {
      id: "text-rate-limited",
      role: "decision",
      when: [{ on: "body", match: /has banned you temporarily from accessing this website|\bYou are being rate limited\b/ }],
      weight: 0.8,
      causes: { "rate-limited": 0.9 },
      detail: "the page says the client is rate limited (error 1015)",
    },
    {
      id: "text-direct-ip",
      role: "decision",
      when: [{ on: "body", match: /Direct IP access not allowed|requested an IP address that is part of the Cloudflare network|A valid Host header must be supplied/ }],
      weight: 0.85,
      causes: { "host-not-configured": 0.9 },
      detail: "the page says a Cloudflare IP was requested without a hostname Cloudflare serves (error 1003)",
    },
    {
      id: "block-page",
      role: "decision",
      when: [{ on: "body", match: /Sorry, you have been blocked|Attention Required! \| Cloudflare|The action you just performed triggered the security solution/ }],
      weight: 0.9,
      causes: { "waf-rule": 0.7, "ip-denied": 0.2 },
      detail: "Cloudflare's block page: a WAF rule (custom, managed or IP access rule) blocked the request",
      sources: ["https://developers.cloudflare.com/waf/reference/cloudflare-challenges/"],
    },
    {
      id: "page-footer",
      role: "decision",
      when: [{ on: "body", match: /Cloudflare Ray ID:?\s*(?:<strong[^>]*>)?\s*(?<rayId>[0-9a-f]{16})|Performance (?:&amp;|&) security by (?:<a[^>]*>)?\s*Cloud[Ff]lare|used Cloudflare to restrict access|\/cdn-cgi\/styles\/(?:cf\.errors|main)\.css/ }],
      weight: 0.85,
      detail: "Cloudflare's own error page (Ray ID footer or cdn-cgi error stylesheet); origin pages never carry it",
    },
    {
      id: "center-page",
      role: "decision",
      when: [{ on: "body", match: /<hr>\s*<center>\s*cloudflare\s*<\/center>|^[ \t]*403 Forbidden\s*\n\s*cloudflare\s*$/im }],
      weight: 0.8,
      causes: { "host-not-configured": 0.35 },
      detail: "Cloudflare's minimal `403 Forbidden / cloudflare` page, written by the edge itself (often a hostname or IP that is not an active Cloudflare zone)",
      sources: ["https://developers.cloudflare.com/support/troubleshooting/http-status-codes/4xx-client-error/"],
    },
    // ---- challenges ----
    {
      id: "mitigated-challenge",
      role: "decision",
      when: [{ on: "header", name: "cf-mitigated", match: /challenge/i }],
      weight: 0.95,
      causes: { "bot-challenge": 0.95 },
      detail: "`cf-mitigated: challenge`: Cloudflare answered with a challenge page instead of the origin's response",
      sources: ["https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/"],
    },
    {
      id: "challenge-page",
      role: "decision",
      when: [{ on: "body", match: /<title>Just a moment\.\.\.<\/title>|_cf_chl_opt|Enable JavaScript and cookies to continue|needs to review the security of your connection before proceeding|\/cdn-cgi\/challenge-platform\/|Checking (?:if the site connection is secure|your browser before accessing)|cf-browser-verification/ }],
      weight: 0.9,
      causes: { "bot-challenge": 0.9 },
      detail: "Cloudflare's challenge page (Managed/JS challenge, `Just a moment...`): a script without a browser cannot pass it",
      sources: ["https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/"],
    },
    // ---- Cloudflare Access (Zero Trust) ----
    {
      id: "access-login",
      role: "decision",
      when: [{ on: "body", match: /(?<![\w-])(?<team>[\w-]+)\.cloudflareaccess\.com\/cdn-cgi\/access\/login/ }],
      weight: 0.85,
      causes: { "sso-required": 0.85, "auth-missing": 0.3 },
      detail: "the answer points to the Cloudflare Access login: the request carried no valid Access token (CF_Authorization cookie or service token)",
      sources: ["https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/"],
    },
    {
      id: "access-denied-account",
      role: "decision",
      when: [
        { on: "body", match: /That account does not have access\.?/ },
        { on: "body", match: /cloudflareaccess\.com|Cloudflare Access|\bCF_Authorization\b/i },
      ],
      weight: 0.85,
      causes: { "insufficient-permissions": 0.85 },
      detail: "Cloudflare Access: the user logged in, but no Allow policy of the application includes that identity",
      sources: ["https://developers.cloudflare.com/cloudflare-one/policies/access/"],
    },
    // ---- Cloudflare's API (api.cloudflare.com), not the edge ----
    {
      id: "api-auth-error",
      role: "decision",
      when: [{ on: "body", match: /Authentication error(?: \(10000\)| \[code: 10000\])|"code"\s*:\s*10000\s*,\s*"message"\s*:\s*"Authentication error"/ }],
      weight: 0.9,
      causes: { "insufficient-permissions": 0.8, "auth-invalid": 0.35 },
      detail: "Cloudflare API error 10000 `Authentication error`: the API token is not valid for this call, usually a missing permission or zone/account scope",
      sources: ["https://developers.cloudflare.com/fundamentals/api/reference/permissions/"],
    },
    // ---- presence ----
    {
      id: "cf-ray",
      role: "presence",
      when: [{ on: "header", name: "cf-ray" }],
      weight: 0.6,
      detail: "cf-ray header: the response passed through Cloudflare",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^cloudflare\b/i }],
      weight: 0.5,
      detail: "Server: cloudflare (Cloudflare rewrites it on every proxied response)",
    },
    {
      id: "cache-status",
      role: "presence",
      when: [{ on: "header", name: "cf-cache-status" }],
      weight: 0.4,
      detail: "cf-cache-status header: Cloudflare's cache saw the response",
    },
    {
      id: "bot-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^(?:__cf_bm|cf_clearance|__cflb)$/ }],
      weight: 0.4,
      causes: { "bot-challenge": 0.2 },
      detail: "Cloudflare bot-management / load-balancer cookie set",
    },

    {
      id: "probe-edge-decided",
      role: "decision",
      when: [
        { on: "header", name: "cf-ray" },
        { on: "probe", name: "origin-direct-ok" },
      ],
      weight: 0.75,
      causes: { "origin-denied": -0.9 },
      detail: "live probe: the origin serves the request directly; through Cloudflare it is refused: Cloudflare decided",
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.4,
      title: "A Cloudflare WAF rule blocked the request",
      note: "Cloudflare evaluated the zone's security rules (custom rules, managed rules, IP access rules) and one with a Block action matched; the request never reached the origin. Only the zone owner can see which rule in Security → Events.",
      fix: [
        "Zone owner: Cloudflare dashboard → Security → Events, filter by Ray ID {rayId|(from the page footer or the cf-ray header)}; the event names the rule. Narrow its expression or add a custom rule with the Skip action for the legitimate traffic (matched on path, IP or a secret header) placed before it.",
        "Visitor: send the site owner the Ray ID, the time and what you were doing; nothing on the client side can lift a WAF block except changing the request that matches.",
      ],
      verify: [
        "curl -s -o /dev/null -D - {url|URL} from the same client (expect 200 after the rule change; the Ray ID no longer shows in Security → Events)",
      ],
    },
    "bot-challenge": {
      prior: 0.2,
      title: "Cloudflare answered with a bot challenge instead of the page",
      note: "Bot Fight Mode, Super Bot Fight Mode, a Managed Challenge rule or Under Attack mode served a challenge; a script, API client or headless browser cannot solve it, so it sees a 403.",
      fix: [
        "Zone owner: Security → Events shows the challenging feature; for API and machine traffic add a custom rule with Skip (or a WAF exception) for that path or client, or turn off Bot Fight Mode for it (Security → Bots).",
        "For scripted access you own, authenticate the client instead of looking like a browser: e.g. a secret header matched by the Skip rule, or mTLS.",
      ],
      verify: ["curl -sI {url|URL} | grep -i '^cf-mitigated' (expect no `cf-mitigated: challenge` and status 200)"],
    },
    "ip-denied": {
      prior: 0.15,
      title: "Cloudflare refuses the client's IP address or network",
      note: "An IP access rule, a zone lockdown or a custom rule on `ip.src` / `ip.src.asnum` blocks the address or its ASN (common for cloud, VPN and proxy ranges).",
      fix: [
        "Zone owner: Security → WAF → Tools (IP Access Rules) or the custom rule that matches `ip.src`/`ip.src.asnum`: remove the block or add an Allow/Skip for {client|the client IP}.",
        "Visitor: retry from another network; if that works, ask the site owner to allow your address.",
      ],
      verify: ["curl -sI {url|URL} from the blocked network (expect 200 once the rule allows it)"],
    },
    "geo-blocked": {
      prior: 0.07,
      title: "Cloudflare blocks the client's country (error 1009)",
      fix: ["Zone owner: find the country rule (custom rule on `ip.src.country` / `ip.geoip.country`, or an IP Access Rule with a country) in Security → WAF and exclude the country or the client."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "rate-limited": {
      prior: 0.05,
      title: "A Cloudflare rate limiting rule blocked the client (error 1015)",
      fix: [
        "Client: slow down and back off; the ban lifts after the rule's mitigation timeout.",
        "Zone owner: Security → WAF → Rate limiting rules: raise the threshold, count per a better key (API token header instead of IP), or exclude trusted clients.",
      ],
      verify: ["Wait for the mitigation timeout, then curl -sI {url|URL} (expect 200); a burst from a loop should stay under the rule's rate"],
    },
    "host-not-configured": {
      prior: 0.05,
      title: "The hostname is not served by this Cloudflare zone",
      note: "The request reached Cloudflare with a Host that does not map to a proxied DNS record of an active zone (a bare Cloudflare IP, a full URL in the path of a Worker proxy, a CNAME into another account's zone, or a DNS record pointing at a Cloudflare IP).",
      fix: [
        "Request the site by its hostname, not a Cloudflare IP; in a Worker or proxy, pass the target hostname in the URL/Host, not a full `https://` URL in the path.",
        "Zone owner: DNS → Records: the hostname needs a proxied (orange cloud) record in an active zone; A records must point at the origin, never at Cloudflare IPs; CNAMEs into another Cloudflare account need Cloudflare for SaaS (error 1014).",
      ],
      verify: ["dig +short {host|HOST} and curl -sI https://{host|HOST}/ (expect the site, not a 1xxx page)"],
    },
    "user-agent-blocked": {
      prior: 0.05,
      title: "Cloudflare banned the client's browser signature (error 1010)",
      note: "Browser Integrity Check or a User-Agent rule rejected the request's User-Agent and header set; default agents of HTTP libraries (python-requests, Go-http-client, Java, curl) are typical.",
      fix: [
        "Client: send a real, identifying User-Agent (and normal Accept headers); do not spoof one you are not.",
        "Zone owner: Security → Settings → Browser Integrity Check off for that path (Configuration Rule), or a Skip rule for the known client; check User Agent Blocking rules under Security → WAF → Tools.",
      ],
      verify: ["curl -sI -A 'MyClient/1.0 (+https://example.com)' {url|URL} (expect 200 once the client is allowed)"],
    },
    "sso-required": {
      prior: 0.03,
      title: "Cloudflare Access requires a login or service token",
      note: "The hostname is an Access application; without a valid CF_Authorization token Access sends the request to the team login instead of the origin.",
      fix: [
        "Browser: log in through {team|your team}.cloudflareaccess.com.",
        "Script: create a service token (Zero Trust → Access → Service Auth) and a Service Auth policy on the application, then send `CF-Access-Client-Id` and `CF-Access-Client-Secret` headers.",
      ],
      verify: ["curl -sI -H \"CF-Access-Client-Id: $ID\" -H \"CF-Access-Client-Secret: $SECRET\" {url|URL} (expect 200, no redirect to cloudflareaccess.com)"],
    },
    "insufficient-permissions": {
      prior: 0.0,
      title: "Cloudflare refuses this identity or token for the request",
      note: "Either Cloudflare Access found no Allow policy for the logged-in identity, or (API error 10000) the API token lacks a permission or the zone/account is outside its scope.",
      fix: [
        "API token: dash.cloudflare.com → My Profile → API Tokens → edit the token: add the permission the endpoint needs (e.g. Zone → DNS → Edit, Account → Cloudflare Pages → Edit) and include the zone/account under Zone/Account Resources; check the token with `curl -s https://api.cloudflare.com/client/v4/user/tokens/verify -H \"Authorization: Bearer $CF_API_TOKEN\"`.",
        "Cloudflare Access: Zero Trust → Access → Applications → the app → Policies: add the user's email, group or IdP group to an Allow policy (Access → Logs shows which rule failed); the login identity must match exactly.",
      ],
      verify: ["Log out at {team|TEAM}.cloudflareaccess.com/cdn-cgi/access/logout, log in again and load {url|URL} (expect the app)"],
    },
  },
  examples: [
    {
      name: "plain-text 1020 body sent to a scraper",
      source: "https://github.com/JimmyLaurent/cloudflare-scraper/issues/27",
      input: 'StatusCodeError: 403 - "error code: 1020"',
      expect: { responder: "cloudflare", cause: "waf-rule" },
    },
    {
      name: "rendered 1020 page",
      source: "https://github.com/team-telnyx/telnyx-node/issues/134",
      input: "Error 1020 Ray ID: 6b993ced1a281004 • 2021-12-06 23:19:14 UTC\nAccess denied\n",
      expect: { responder: "cloudflare", cause: "waf-rule" },
    },
    {
      name: "1010 browser signature page, rendered",
      source: "https://github.com/qutebrowser/qutebrowser/issues/8100",
      input:
        "Error 1010 Ray ID: 853985445a0b7d1f • 2024-02-11 03:31:43 UTC\nAccess denied\nWhat happened?\nThe owner of this website (fmoviesz.to) has banned your access based on your browser's signature (853985445a0b7d1f-ua60).\n\nWas this page helpful? Yes No\nCloudflare Ray ID: 853985445a0b7d1f • Your IP: Click to reveal • Performance & security by Cloudflare\n",
      expect: { responder: "cloudflare", cause: "user-agent-blocked" },
    },
    {
      name: "1010 as JSON problem details for an API client",
      source: "https://github.com/diegosouzapw/OmniRoute/issues/8775",
      input:
        '{\n  "type": "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1010/",\n  "title": "Error 1010: Access denied",\n  "status": 403\n}',
      expect: { responder: "cloudflare", cause: "user-agent-blocked" },
    },
    {
      name: "1015 rate limited",
      source: "https://github.com/cloudflare/cloudflare-docs/issues/29602",
      input:
        "Error 1015 Ray ID: 9e7c8f741a2c1c63 • 2026-04-06 00:08:50 UTC\nYou are being rate limited\nWhat happened?\nThe owner of this website (www.paypal.com) has banned you temporarily from accessing this website.\n",
      expect: { responder: "cloudflare", cause: "rate-limited" },
    },
    {
      name: "1006 banned IP",
      source: "https://github.com/blockchain/api-v1-client-python/issues/18",
      input:
        "Error 1006 Ray ID: 2053e40a4c5b0ae4 • 2015-07-13 09:16:44 UTC\nAccess denied\nWhat happened?\n\nThe owner of this website (blockchain.info) has banned your IP address (203.0.113.153).\n\nCloudFlare Ray ID: 2053e40a4c5b0ae4 • Your IP: 203.0.113.153 • Performance & security by CloudFlare\n",
      expect: { responder: "cloudflare", cause: "ip-denied" },
    },
    {
      name: "1005 banned ASN",
      source: "https://github.com/yinghuocho/firefly-proxy/issues/46",
      input:
        "Access denied\nWhat happened?\nThe owner of this website (archive.is) has banned the autonomous system number (ASN) your IP address is in (20473) from accessing this website.\n",
      expect: { responder: "cloudflare", cause: "ip-denied" },
    },
    {
      name: "1009 country banned",
      source: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1009/",
      input:
        "Error 1009 Ray ID: 7c2032b55e57df8f • 2023-05-04 10:53:06 UTC\nAccess denied\nWhat happened?\nThe owner of this website (example.com) has banned the country or region your IP address is in (RU) from accessing this website.\n",
      expect: { responder: "cloudflare", cause: "geo-blocked" },
    },
    {
      name: "1003 direct IP access",
      source: "https://github.com/ymyuuu/Cloudflare-Workers-Proxy/issues/17",
      input:
        "Error 1003\n\nRay ID: xxxx • 2024-09-21 03:23:15 UTC\nDirect IP access not allowed\n\nWhat happened?\n\nYou've requested an IP address that is part of the Cloudflare network. A valid Host header must be supplied to reach the desired website.\n",
      expect: { responder: "cloudflare", cause: "host-not-configured" },
    },
    {
      name: "1014 CNAME cross-user banned",
      source: "https://github.com/is-a-good-dev/register/pull/932",
      input: "Error 1014 CNAME Cross-User Banned",
      expect: { responder: "cloudflare", cause: "host-not-configured" },
    },
    {
      name: "1012 access denied",
      source: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1012/",
      input: "HTTP/1.1 403 Forbidden\nServer: cloudflare\nCF-RAY: 7afa59eb3bb7abf6-FRA\nContent-Type: text/plain\n\nerror code: 1012",
      expect: { responder: "cloudflare", cause: "waf-rule" },
    },
    {
      name: "raw HTML of a 1005 page (title and feedback script)",
      source: "https://github.com/FlareSolverr/FlareSolverr/issues/1574",
      input:
        '<html class="no-js" lang="en-US"><head>\n<title>Access denied | example.com used Cloudflare to restrict access</title>\n<link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css">\n<script>a={event:"feedback clicked",properties:{errorCode:1005,helpful:a,version:1}};</script>',
      expect: { responder: "cloudflare", cause: "ip-denied" },
    },
    {
      name: "WAF block page with headers",
      source: "https://github.com/Ekultek/WhatWaf/issues/1566",
      input:
        'HTTP/1.1 403 Forbidden\nDate: Mon, 18 Jul 2022 01:35:17 GMT\nContent-Type: text/html; charset=UTF-8\nServer: cloudflare\nCF-RAY: 72c77ad49d4ebb83-FRA\n\n<!DOCTYPE html>\n<head>\n<title>Attention Required! | Cloudflare</title>\n<link href="/cdn-cgi/styles/cf.errors.css" id="cf_styles-css" rel="stylesheet"/>\n</head>\n<body>\n<h1 data-translate="block_headline">Sorry, you have been blocked</h1>\n<h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> example.com</h2>\n',
      expect: { responder: "cloudflare", cause: "waf-rule" },
    },
    {
      name: "block page footer with Ray ID",
      source: "https://github.com/Ekultek/WhatWaf/issues/13",
      input:
        '<h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>\n<p data-translate="blocked_why_detail">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution.</p>\n<span class="cf-footer-item">Cloudflare Ray ID: <strong>410b277bea3a116b</strong></span>\n<span class="cf-footer-item"><span>Performance &amp; security by</span> <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=error_footer" id="brand_link" target="_blank">Cloudflare</a></span>',
      expect: { responder: "cloudflare", cause: "waf-rule" },
    },
    {
      name: "challenge page to a script (cf-mitigated)",
      source: "https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/",
      input:
        "HTTP/2 403\ndate: Tue, 09 Jan 2024 10:00:00 GMT\ncontent-type: text/html; charset=UTF-8\ncf-mitigated: challenge\nset-cookie: __cf_bm=abc123; path=/; HttpOnly\nserver: cloudflare\ncf-ray: 8428bb8bfb2c1a2b-AMS\n\n<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title><script>window._cf_chl_opt={cvId: '3'}</script></head></html>",
      expect: { responder: "cloudflare", cause: "bot-challenge" },
    },
    {
      name: "Cloudflare's own minimal 403 page",
      source: "https://github.com/barretlee/cloudflare-proxy/issues/8",
      input:
        "HTTP/1.1 403 Forbidden\nServer: cloudflare\nCF-RAY: 7b3a2c1d9e8f7a6b-HKG\nCF-Cache-Status: DYNAMIC\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n",
      expect: { responder: "cloudflare" },
    },
    {
      name: "Access login link in the body",
      source: "https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/",
      input:
        "HTTP/1.1 403 Forbidden\nServer: cloudflare\nCF-RAY: 7dc2b1a2c3d4e5f7-FRA\n\n<a href=\"https://myteam.cloudflareaccess.com/cdn-cgi/access/login/app.example.com\">Sign in</a>",
      expect: { responder: "cloudflare", cause: "sso-required" },
    },
    {
      name: "Access: logged in but not allowed",
      source: "https://github.com/martymcenroe/AssemblyZero/issues/1663",
      input:
        "HTTP/2 403\nserver: cloudflare\ncf-ray: 8a1b2c3d4e5f6a7b-DFW\n\nForbidden\nThat account does not have access.\nSign out: https://myteam.cloudflareaccess.com/cdn-cgi/access/logout",
      expect: { responder: "cloudflare", cause: "insufficient-permissions" },
    },
    {
      name: "API token without the needed permission (terraform)",
      source: "https://github.com/cloudflare/terraform-provider-cloudflare/issues/1533",
      input: "Error: error creating Filter for zone \"0123456789abcdef0123456789abcdef\": HTTP status 403: Authentication error (10000)",
      expect: { responder: "cloudflare", cause: "insufficient-permissions" },
    },
    {
      name: "API token without the needed permission (curl JSON)",
      source: "https://github.com/Curetix/mailflare-extension/issues/20",
      input:
        "$ curl --request GET --url https://api.cloudflare.com/client/v4/zones/$ZONE_ID/email/routing/rules --header 'Authorization: Bearer $API_TOKEN'\n\n{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}",
      expect: { responder: "cloudflare", cause: "insufficient-permissions" },
    },
    {
      name: "MySQL access error with a 10xx-looking code is not Cloudflare",
      source: "https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html",
      input: "ERROR 1045 (28000): Access denied for user 'app'@'10.0.0.5' (using password: YES)",
      expect: { notResponder: "cloudflare" },
    },
    {
      name: "origin nginx 403 passed through Cloudflare is not Cloudflare's",
      source: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/4xx-client-error/",
      input:
        "HTTP/2 403\ndate: Wed, 10 Jan 2024 10:00:00 GMT\ncontent-type: text/html\nserver: cloudflare\ncf-ray: 8430aa1b2c3d4e5f-LHR\ncf-cache-status: DYNAMIC\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n",
      expect: { notResponder: "cloudflare" },
    },
    {
      name: "GitHub API JSON behind nothing Cloudflare is not Cloudflare",
      source: "https://github.com/hisxo/gitGraber/issues/41",
      input:
        '{\n  "documentation_url": "https://docs.github.com/en/free-pro-team@latest/rest/overview/resources-in-the-rest-api#secondary-rate-limits",\n  "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."\n}',
      expect: { notResponder: "cloudflare" },
    },

    {
      name: "live probe: the origin serves it, Cloudflare refuses it",
      source: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/4xx-client-error/error-403/",
      input: "HTTP/2 403\r\ndate: Tue, 04 Jun 2024 10:00:00 GMT\r\ncontent-type: text/plain; charset=utf-8\r\ncf-cache-status: DYNAMIC\r\nserver: cloudflare\r\ncf-ray: 88e1a2b3c4d5e6f7-AMS\r\n\r\nAccess to this resource is restricted.\n",
      probes: ["origin-direct-ok"],
      expect: { responder: "cloudflare", notCause: "origin-denied" },
    },
  ],
});
