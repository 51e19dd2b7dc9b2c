import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "akamai",
  name: "Akamai",
  layer: "cdn",
  summary:
    "Akamai's edge (Kona Site Defender / App & API Protector, Bot Manager, edge access control in the property) refused the request and wrote its own `Access Denied` page with a `Reference #18.…` number; the origin never saw it.",
  howToTell: [
    "Akamai's denial page: `<h1>Access Denied</h1>` with `You don't have permission to access \"http://host/path\" on this server.` (the full URL in quotes) and `Reference #18.xxxxxxxx.1234567890.xxxxxxx`, often with an `errors.edgesuite.net` link.",
    "`Server: AkamaiGHost` on a 403 means the edge itself answered; `X-Reference-Error` carries the same reference.",
    "`_abck`, `bm_sz`, `ak_bmsc` cookies and `Akamai-GRN` / `X-Akamai-*` headers only say Akamai is in front; a 403 with the origin's page was passed through.",
  ],
  sources: [
    "https://techdocs.akamai.com/property-mgr/docs/reference-numbers",
    "https://techdocs.akamai.com/app-api-protector/docs/welcome-aap",
    "https://techdocs.akamai.com/bot-manager/docs/cookies",
    "https://www.akamai.com/us/en/support/error-reference.jsp",
  ],
  signals: [
    {
      id: "reference-number",
      role: "decision",
      when: [{ on: "body", match: /Reference\s*#\s*(?<reference>\d{1,3}\.[0-9a-f]{6,10}\.\d{10}\.[0-9a-f]{5,10})/ }],
      weight: 0.9,
      detail: "Akamai edge reference number (`Reference #18.…`): the edge generated this error",
      sources: ["https://techdocs.akamai.com/property-mgr/docs/reference-numbers"],
    },
    {
      id: "edgesuite-link",
      role: "decision",
      when: [{ on: "body", match: /errors\.edgesuite\.net\/(?<reference>[0-9a-f.]+)/ }],
      weight: 0.9,
      detail: "link to errors.edgesuite.net, Akamai's error reference lookup",
    },
    {
      id: "access-denied-page",
      role: "decision",
      when: [{ on: "body", match: /You don't have permission to access "(?<deniedUrl>[^"\n]+)" on this server\./ }],
      weight: 0.85,
      overrides: ["apache", "app"],
      causes: { "waf-rule": 0.2 },
      detail: "Akamai's Access Denied page (the full URL in quotes; Apache's page names a bare path)",
    },
    {
      id: "reference-header",
      role: "decision",
      when: [{ on: "header", name: "x-reference-error", match: /(?<reference>\d{1,3}\.[0-9a-f.]+)/ }],
      weight: 0.85,
      detail: "X-Reference-Error header: the Akamai edge error reference",
    },
    {
      id: "ghost-403",
      role: "decision",
      when: [
        { on: "header", name: "server", match: /^AkamaiGHost\b/i },
        { on: "status", in: [403] },
      ],
      weight: 0.7,
      detail: "Server: AkamaiGHost on the 403: the edge server wrote this response (origin responses keep the origin's Server)",
    },
    {
      id: "netstorage-403",
      role: "decision",
      when: [
        { on: "header", name: "server", match: /^AkamaiNetStorage\b/i },
        { on: "status", in: [403] },
      ],
      weight: 0.5,
      detail: "Server: AkamaiNetStorage on the 403: served from Akamai's storage (often the site's own block page stored there)",
    },
    {
      id: "ghost-server",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Akamai(?:GHost|NetStorage)\b/i }],
      weight: 0.5,
      detail: "Server header names Akamai",
    },
    {
      id: "grn-header",
      role: "presence",
      when: [{ on: "header", name: "akamai-grn" }],
      weight: 0.5,
      detail: "Akamai-GRN header: the request went through Akamai",
    },
    {
      id: "cache-status",
      role: "presence",
      when: [{ on: "header", name: "akamai-cache-status" }],
      weight: 0.5,
      detail: "Akamai-Cache-Status header",
    },
    {
      id: "akamai-transformed",
      role: "presence",
      when: [{ on: "header", name: "x-akamai-transformed" }],
      weight: 0.5,
      detail: "X-Akamai-Transformed header",
    },
    {
      id: "bot-manager-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^(?:_abck|bm_sz|ak_bmsc|bm_sv|bm_mi)$/ }],
      weight: 0.4,
      causes: { "bot-challenge": 0.45 },
      detail: "Akamai Bot Manager cookie (_abck, bm_sz, ak_bmsc): Bot Manager scores this client",
      sources: ["https://techdocs.akamai.com/bot-manager/docs/cookies"],
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.35,
      title: "An Akamai security rule (App & API Protector / Kona) denied the request",
      note: "Akamai's WAF denies requests whose content matches an attack group or a custom rule; the page only gives a reference number, and only the property owner can look it up.",
      fix: [
        "Site owner: Akamai Control Center → Security Center / Web Security Analytics, search the reference {reference|from the page} (or run `akamai diagnostics translate-error-string {reference|REFERENCE}` with the Akamai CLI) to see the rule; add an exception for the legitimate request or tune the rule.",
        "Visitor: send the reference number and time to the site owner; change the request that matches (payload, query string) if it is yours.",
      ],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200 after the exception; a new reference means another rule matched)"],
    },
    "bot-challenge": {
      prior: 0.25,
      title: "Akamai Bot Manager denied the client",
      note: "Bot Manager scores each request with the `_abck`/`bm_sz` sensor cookies; HTTP libraries and headless browsers without the sensor data are denied with the same Access Denied page.",
      fix: [
        "Site owner: in the security configuration's Bot Manager settings, allow the client as a known bot or category, or use a transactional endpoint exception for the API path.",
        "For your own automation, ask the owner for an allowlisted path or credentials rather than imitating a browser.",
      ],
      verify: ["curl -sI {url|URL} (expect 200 once the client is allowed)"],
    },
    "ip-denied": {
      prior: 0.15,
      title: "Akamai's IP/network list denies the client",
      fix: ["Site owner: Security configuration → IP/Geo Firewall (network lists): remove {client|the client IP} or its range from the block list, or add it to the allow list; network list changes must be activated."],
      verify: ["curl -sI {url|URL} from the same network (expect 200 after activation)"],
    },
    "geo-blocked": {
      prior: 0.12,
      title: "Akamai's geo firewall blocks the client's country",
      fix: ["Site owner: Security configuration → IP/Geo Firewall: the client's country is in the blocked list (or not in the allowed list); adjust and activate. Visitor: the same URL from another country (VPN) confirms it."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "user-agent-blocked": {
      prior: 0.05,
      title: "Akamai denied the request's User-Agent",
      fix: ["Send a real, identifying User-Agent; site owner: check custom rules and Bot Manager categories that match on User-Agent."],
      verify: ["curl -sI -A 'Mozilla/5.0' {url|URL} (a 200 means the User-Agent was the trigger)"],
    },
  },
  examples: [
    {
      name: "Access Denied with reference and edgesuite link",
      source: "https://github.com/netbirdio/netbird/issues/3670",
      input:
        'Access Denied\nYou don\'t have permission to access "http://www.naukri.com/" on this server.\nReference #18.e3c1202.1744611336.e02832\n\nhttps://errors.edgesuite.net/18.e3c1202.1744611336.e02832',
      expect: { responder: "akamai", cause: "waf-rule" },
    },
    {
      name: "raw response with AkamaiGHost and X-Reference-Error",
      source: "https://github.com/Ekultek/WhatWaf/issues/1139",
      input:
        'HTTP/1.1 403 Forbidden\nServer: AkamaiGHost\nMime-Version: 1.0\nContent-Type: text/html\nContent-Length: 438\nX-Reference-Error: 18.5def2e17.1618968337.589c8e7\nDate: Wed, 21 Apr 2021 01:25:37 GMT\nConnection: close\n\n<html><head>\n<title>Access Denied</title>\n</head><body>\n<h1>Access Denied</h1>\n \nYou don\'t have permission to access "http://rtl.example.com/%3Cframeset%3E" on this server.<p>\nReference #18.5def2e17.1618968337.589c8e7\n</p></body>\n</html>\n',
      expect: { responder: "akamai", cause: "waf-rule" },
    },
    {
      name: "curl -I with only the GHost header and bot cookie",
      source: "https://github.com/IBM/developer/issues/25",
      input:
        "HTTP/2 403\nserver: AkamaiGHost\nmime-version: 1.0\ncontent-type: text/html\ncontent-length: 269\nset-cookie: _abck=0A1B2C3D~-1~YAAQ; Domain=.example.com; Path=/; Secure\ndate: Tue, 18 Dec 2018 04:10:08 GMT\nakamai-grn: 0.12345678.1545106208.abcdef\nakamai-cache-status: Error from child\nx-akamai-transformed: 9 - 0 pmb=mRUM,1\n",
      expect: { responder: "akamai", cause: "bot-challenge" },
    },
    {
      name: "403 served from NetStorage",
      source: "https://github.com/Ekultek/WhatWaf/issues/985",
      input:
        "HTTP/1.1 403 Forbidden\nServer: AkamaiNetStorage\nContent-Type: text/html\nCache-Control: max-age=68\n\n<!DOCTYPE html><html><head><title>Your request has been blocked. This could be due to several reasons.</title></head></html>",
      expect: { responder: "akamai" },
    },
    {
      name: "Apache's own page (bare path) is not Akamai",
      source: "https://github.com/NamelessMC/Nameless/issues/741",
      input: "Forbidden\n\nYou don't have permission to access / on this server.\n",
      expect: { notResponder: "akamai" },
    },
    {
      name: "a Cloudflare 1020 page is not Akamai",
      source: "https://github.com/team-telnyx/telnyx-node/issues/134",
      input: "Error 1020 Ray ID: 6b993ced1a281004 • 2021-12-06 23:19:14 UTC\nAccess denied\n",
      expect: { notResponder: "akamai" },
    },
  ],
});
