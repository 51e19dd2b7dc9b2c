import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "sucuri",
  name: "Sucuri Website Firewall",
  layer: "waf",
  summary:
    "The Sucuri Website Firewall (also sold white-labelled as GoDaddy Security) sits in front of the site as a reverse proxy and blocked the request itself: an attack signature, a bad bot, a blocked IP or country, or a protected admin area.",
  howToTell: [
    "The block page is titled `Sucuri WebSite Firewall - Access Denied` (or `GoDaddy Security - Access Denied`), loads its CSS from cdn.sucuri.net and states a `Block reason:` with a block ID.",
    "`X-Sucuri-Block: <code>` is set only on blocked requests.",
    "`X-Sucuri-ID` and `Server: Sucuri/Cloudproxy` are on every proxied response: with the origin's own page, Sucuri only passed the 403 on.",
  ],
  sources: [
    "https://docs.sucuri.net/website-firewall/troubleshooting/bypass-the-firewall-for-testing/",
    "https://docs.sucuri.net/website-firewall/access-control/whitelist-ip-address/",
    "https://docs.sucuri.net/website-firewall/security/block-countries/",
    "https://docs.sucuri.net/website-firewall/troubleshooting/false-positive-blocks/",
  ],
  signals: [
    {
      id: "block-page",
      role: "decision",
      when: [{ on: "body", match: /(?:Sucuri WebSite Firewall|GoDaddy Security) - Access Denied|cdn\.sucuri\.net\/(?:sucuri-firewall-block\.css|css\/whitelabel)/i }],
      weight: 0.95,
      overrides: ["nginx", "apache", "app"],
      detail: "Sucuri's Access Denied block page",
    },
    {
      id: "block-header",
      role: "decision",
      when: [{ on: "header", name: "x-sucuri-block", match: /(?<blockId>[A-Z]{2,4}\d{2,4})?/ }],
      weight: 0.95,
      overrides: ["nginx", "apache", "app"],
      detail: "X-Sucuri-Block header: the firewall blocked this request",
    },
    {
      id: "reason-attack",
      role: "hint",
      when: [{ on: "body", match: /Block reason:?\s*(?:<[^>]{0,80}>\s*)?(?<reason>[^<\n]{0,120}?(?:XSS|Cross.site scripting|SQL injection|RFI|LFI|Remote File Inclusion|Local File Inclusion|Malicious|attack|exploit|backdoor|file upload)[^<\n]{0,120})/i }],
      weight: 0,
      responders: ["sucuri"],
      causes: { "waf-rule": 0.85 },
      detail: "the block reason names an attack signature",
    },
    {
      id: "reason-country",
      role: "hint",
      when: [{ on: "body", match: /Block reason:?\s*(?:<[^>]{0,80}>\s*)?(?<reason>[^<\n]{0,80}\b(?:Country|countries)\b[^<\n]{0,120})/i }],
      weight: 0,
      responders: ["sucuri"],
      causes: { "geo-blocked": 0.9 },
      detail: "the block reason says the client's country is blocked",
      sources: ["https://docs.sucuri.net/website-firewall/security/block-countries/"],
    },
    {
      id: "reason-ip",
      role: "hint",
      when: [{ on: "body", match: /Block reason:?\s*(?:<[^>]{0,80}>\s*)?(?<reason>[^<\n]{0,120}?(?:blacklist|blocklist|blocked by the (?:site|website) (?:owner|administrator)|your IP|restricted|admin(?:istrator)? (?:area|panel|page)|wp-admin|wp-login|not whitelisted|not allowlisted)[^<\n]{0,120})/i }],
      weight: 0,
      responders: ["sucuri"],
      causes: { "ip-denied": 0.85 },
      detail: "the block reason says the client's IP is blocklisted or not allowed into a protected area",
      sources: ["https://docs.sucuri.net/website-firewall/access-control/whitelist-ip-address/"],
    },
    {
      id: "reason-bot",
      role: "hint",
      when: [{ on: "body", match: /Block reason:?\s*(?:<[^>]{0,80}>\s*)?(?<reason>[^<\n]{0,120}?(?:bad bot|bot access|user.agent|crawler|scanner)[^<\n]{0,120})/i }],
      weight: 0,
      responders: ["sucuri"],
      causes: { "bot-challenge": 0.6, "user-agent-blocked": 0.6 },
      detail: "the block reason says the client looks like a bad bot or its User-Agent is blocked",
    },
    {
      id: "sucuri-id",
      role: "presence",
      when: [{ on: "header", name: "x-sucuri-id" }],
      weight: 0.6,
      detail: "X-Sucuri-ID header: the response passed through the Sucuri firewall",
    },
    {
      id: "sucuri-cache",
      role: "presence",
      when: [{ on: "header", name: "x-sucuri-cache" }],
      weight: 0.5,
      detail: "X-Sucuri-Cache header",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Sucuri\/Cloudproxy/i }],
      weight: 0.6,
      detail: "Server: Sucuri/Cloudproxy",
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.45,
      title: "Sucuri's firewall blocked the request as an attack",
      note: "The request matched one of the firewall's attack signatures (SQL injection, XSS, RFI/LFI, malicious upload); legitimate editors and API calls that carry HTML or SQL-looking content are typical false positives.",
      fix: [
        "Site owner: Sucuri dashboard → Firewall → Audit Trails, find the blocked request by IP or time; whitelist the URL path (Settings → Access Control → Whitelist URL Paths) or the client IP if it is legitimate.",
        "Visitor: send the site owner the block ID, your IP and the time shown on the page.",
      ],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200 and no X-Sucuri-Block header)"],
    },
    "ip-denied": {
      prior: 0.2,
      title: "Sucuri blocks the client's IP or protects this admin area",
      fix: [
        "Site owner: Sucuri dashboard → Firewall → Settings → Access Control: remove {client|the client IP} from Blacklisted IP addresses, or add it to Whitelisted IP addresses (needed for protected admin pages such as /wp-admin when Admin Protection is on).",
      ],
      verify: ["curl -sI {url|URL} from the same IP (expect 200, no X-Sucuri-Block)"],
    },
    "bot-challenge": {
      prior: 0.12,
      title: "Sucuri blocked the client as a bad bot",
      fix: ["Site owner: Firewall → Settings → Security: review the bad-bot / 'Block bots' options and whitelist the client's IP or User-Agent if it is a legitimate integration."],
      verify: ["curl -sI {url|URL} (expect 200)"],
    },
    "geo-blocked": {
      prior: 0.1,
      title: "Sucuri blocks the client's country",
      fix: ["Site owner: Firewall → Settings → Security → Block Countries (Geo Blocking): remove the country, or whitelist the client's IP."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "user-agent-blocked": {
      prior: 0.05,
      title: "Sucuri blocked the request's User-Agent",
      fix: ["Send a real, identifying User-Agent; site owner: check User-Agent blocking in Firewall → Settings → Access Control."],
      verify: ["curl -sI -A 'Mozilla/5.0' {url|URL} (expect 200)"],
    },
  },
  examples: [
    {
      name: "sqlmap payload blocked, Server says nginx",
      source: "https://github.com/sqlmapproject/sqlmap/pull/2761",
      input:
        'HTTP/1.1 403\nServer: nginx\nDate: Fri, 03 Nov 2017 15:29:43 GMT\nContent-Type: text/html\nX-Sucuri-Cache: MISS\nX-Sucuri-ID: 11016\n\n<!DOCTYPE html>\n<html lang="en" xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<link rel="stylesheet" href="https://cdn.sucuri.net/sucuri-firewall-block.css" />\n<title>Sucuri WebSite Firewall - Access Denied</title>\n',
      expect: { responder: "sucuri", cause: "waf-rule" },
    },
    {
      name: "block header with Sucuri server",
      source: "https://github.com/Ekultek/WhatWaf/issues/1164",
      input:
        'HTTP/1.1 403 Forbidden\nServer: Sucuri/Cloudproxy\nContent-Type: text/html\nX-Sucuri-ID: 12013\nX-Sucuri-Block: EVA079\n\n<!DOCTYPE html>\n<html lang="en">\n<head>\n<link href="https://cdn.sucuri.net/sucuri-firewall-block.css" rel="stylesheet"/>\n<title>Sucuri WebSite Firewall - Access Denied</title>\n',
      expect: { responder: "sucuri", cause: "waf-rule" },
    },
    {
      name: "GoDaddy-branded block page",
      source: "https://github.com/Ekultek/WhatWaf/issues/1562",
      input:
        'HTTP/1.1 403 Forbidden\nServer: Sucuri/Cloudproxy\nX-Sucuri-ID: 14034\nX-Sucuri-Block: EVA079\n\n<link href="https://cdn.sucuri.net/css/whitelabel.css?611e1e2" rel="stylesheet"/>\n<title>GoDaddy Security - Access Denied</title>',
      expect: { responder: "sucuri" },
    },
    {
      name: "block reason: XSS",
      source: "https://docs.sucuri.net/website-firewall/troubleshooting/false-positive-blocks/",
      input:
        "Sucuri WebSite Firewall - Access Denied\nWhy am I seeing this page?\nYour IP: 203.0.113.5\nURL: www.example.com/?q=<script>\nBlock reason: An attempted XSS (Cross site scripting) was detected and blocked.\nBlock ID: XSS010",
      expect: { responder: "sucuri", cause: "waf-rule" },
    },
    {
      name: "block reason: country",
      source: "https://docs.sucuri.net/website-firewall/security/block-countries/",
      input:
        "Sucuri WebSite Firewall - Access Denied\nYour IP: 203.0.113.5\nURL: www.example.com/\nBlock reason: Access from your Country was disabled by the administrator.\nBlock ID: GEO01",
      expect: { responder: "sucuri", cause: "geo-blocked" },
    },
    {
      name: "block reason: blacklisted IP",
      source: "https://docs.sucuri.net/website-firewall/access-control/whitelist-ip-address/",
      input:
        "Sucuri WebSite Firewall - Access Denied\nYour IP: 203.0.113.5\nURL: www.example.com/wp-login.php\nBlock reason: Access from your IP address was blacklisted by the website administrator.\nBlock ID: BL01",
      expect: { responder: "sucuri", cause: "ip-denied" },
    },
    {
      name: "block reason: bad bot",
      source: "https://docs.sucuri.net/website-firewall/troubleshooting/false-positive-blocks/",
      input:
        "Sucuri WebSite Firewall - Access Denied\nYour IP: 203.0.113.5\nBlock reason: Bad bot access attempt.\nBlock ID: BNP005",
      expect: { responder: "sucuri", cause: "bot-challenge" },
    },
    {
      name: "origin page behind Sucuri (no block header or page)",
      source: "https://docs.sucuri.net/website-firewall/troubleshooting/bypass-the-firewall-for-testing/",
      input:
        "HTTP/1.1 403 Forbidden\nServer: Sucuri/Cloudproxy\nX-Sucuri-ID: 15016\nX-Sucuri-Cache: MISS\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n",
      expect: { notResponder: "sucuri" },
    },
  ],
});
