import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "azure-frontdoor",
  name: "Azure Front Door / Application Gateway",
  layer: "cdn",
  summary:
    "An Azure edge answered: the Front Door (or Azure CDN) WAF policy, Application Gateway and its WAF (CRS / Microsoft default rule set), or App Service access restrictions reached through them. Their own pages are terse; the WAF logs hold the rule.",
  howToTell: [
    "Front Door WAF's default block body is `The request is blocked.` with an `x-azure-ref` tracking reference.",
    "Application Gateway writes an nginx-style page whose footer is `<center>Microsoft-Azure-Application-Gateway/v2</center>` and sets `Server: Microsoft-Azure-Application-Gateway/v2` on its own responses.",
    "App Service access restrictions answer `The web app you have attempted to reach has blocked your access` with an `x-ms-forbidden-ip` header.",
    "`x-azure-ref`, `X-Cache: CONFIG_NOCACHE` / `TCP_MISS` and `x-msedge-ref` appear on every response through Front Door: presence, not the decision.",
  ],
  sources: [
    "https://learn.microsoft.com/en-us/azure/web-application-firewall/afds/waf-front-door-configure-custom-response-code",
    "https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/web-application-firewall-troubleshoot",
    "https://learn.microsoft.com/en-us/azure/app-service/app-service-ip-restrictions",
    "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-http-headers-protocol",
    "https://learn.microsoft.com/en-us/azure/frontdoor/troubleshoot-issues",
  ],
  signals: [
    {
      id: "fd-waf-block",
      role: "decision",
      when: [
        { on: "body", match: /The request is blocked\./ },
        { on: "header", name: "x-azure-ref", match: /(?<azureRef>\S+)/ },
      ],
      weight: 0.9,
      causes: { "waf-rule": 0.75, "ip-denied": 0.2, "geo-blocked": 0.1 },
      detail: "Front Door WAF default block response (`The request is blocked.` + x-azure-ref tracking reference)",
      sources: ["https://learn.microsoft.com/en-us/azure/web-application-firewall/afds/waf-front-door-configure-custom-response-code"],
    },
    {
      id: "fd-waf-block-body",
      role: "decision",
      when: [{ on: "body", match: /(?:^[ \t]*|>\s*)The request is blocked\.[ \t]*(?:<|$)/m }],
      weight: 0.55,
      causes: { "waf-rule": 0.7 },
      detail: "a body that is only `The request is blocked.` (Front Door WAF default, without headers to confirm)",
    },
    {
      id: "appgw-page",
      role: "decision",
      when: [{ on: "body", match: /<center>\s*Microsoft-Azure-Application-Gateway\/v[12]\s*<\/center>|^[ \t]*403 Forbidden\s*\n\s*Microsoft-Azure-Application-Gateway\/v[12]\s*$/m }],
      weight: 0.9,
      overrides: ["nginx"],
      causes: { "waf-rule": 0.35 },
      detail: "Application Gateway's own 403 page (footer `Microsoft-Azure-Application-Gateway/v2`)",
      sources: ["https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/web-application-firewall-troubleshoot"],
    },
    {
      id: "appgw-server-403",
      role: "decision",
      when: [
        { on: "header", name: "server", match: /^Microsoft-Azure-Application-Gateway\/v[12]\b/i },
        { on: "status", in: [403] },
      ],
      weight: 0.75,
      overrides: ["nginx"],
      detail: "Server: Microsoft-Azure-Application-Gateway on the 403: the gateway wrote it (backend responses keep the backend's Server)",
    },
    {
      id: "appgw-h2c-upgrade",
      role: "decision",
      when: [
        { on: "request-header", name: "upgrade", match: /\bh2c\b/i },
        { on: "header", name: "server", match: /^Microsoft-Azure-Application-Gateway\/v2\b/i },
      ],
      weight: 0.85,
      causes: { unknown: 0.7, "waf-rule": -0.8, "ip-denied": -0.8, "geo-blocked": -0.8, "rate-limited": -0.8, "host-not-configured": -0.8, "user-agent-blocked": -0.8, "bot-challenge": -0.8 },
      detail: "Application Gateway v2 refuses HTTP/2 cleartext upgrade (`Upgrade: h2c`) with 403 by design, WAF or not",
      sources: ["https://github.com/yixzhuang/blog/blob/HEAD/articles/network/appgw-http2.md"],
    },
    {
      id: "app-service-ip-restriction",
      role: "decision",
      when: [{ on: "header", name: "x-ms-forbidden-ip", match: /(?<client>[\d.:a-fA-F]+)?/ }],
      weight: 0.9,
      causes: { "ip-denied": 0.9 },
      detail: "x-ms-forbidden-ip: App Service access restrictions refused the caller's IP (often Front Door's, when the X-Azure-FDID rule is missing)",
      sources: ["https://learn.microsoft.com/en-us/azure/app-service/app-service-ip-restrictions"],
    },
    {
      id: "app-service-blocked-page",
      role: "decision",
      when: [{ on: "body", match: /The web app you have attempted to reach has blocked your access|Error 403 - (?:This web app is stopped|Forbidden)\.?[\s\S]{0,200}?(?:web app|App Service)/ }],
      weight: 0.85,
      causes: { "ip-denied": 0.85 },
      detail: "App Service's `Error 403 - Forbidden` page for access restrictions",
      sources: ["https://learn.microsoft.com/en-us/azure/app-service/app-service-ip-restrictions"],
    },
    {
      id: "fd-unavailable-page",
      role: "decision",
      when: [{ on: "body", match: /Our services aren't available right now[\s\S]{0,400}?(?:We're working to restore all services|Please check back soon)/ }],
      weight: 0.8,
      causes: { "host-not-configured": 0.4 },
      detail: "Front Door's generic error page (`Our services aren't available right now`) with a reference: no route or origin answered for this host/path",
      sources: ["https://learn.microsoft.com/en-us/azure/frontdoor/troubleshoot-issues"],
    },
    {
      id: "azure-ref",
      role: "presence",
      when: [{ on: "header", name: "x-azure-ref" }],
      weight: 0.6,
      detail: "x-azure-ref: the response passed through Front Door / Azure CDN",
      sources: ["https://learn.microsoft.com/en-us/azure/frontdoor/front-door-http-headers-protocol"],
    },
    {
      id: "msedge-ref",
      role: "presence",
      when: [{ on: "header", name: "x-msedge-ref" }],
      weight: 0.5,
      detail: "x-msedge-ref: Front Door (classic) / Azure CDN from Microsoft",
    },
    {
      id: "fd-cache",
      role: "presence",
      when: [{ on: "header", name: "x-cache", match: /^(?:CONFIG_NOCACHE|TCP_(?:MISS|HIT|REMOTE_HIT|DENIED)|PRIVATE_NOSTORE)\b/ }],
      weight: 0.35,
      detail: "X-Cache with a Front Door cache status",
    },
    {
      id: "appgw-server",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Microsoft-Azure-Application-Gateway/i }],
      weight: 0.5,
      detail: "Server names Azure Application Gateway",
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.45,
      title: "The Azure WAF policy blocked the request",
      note: "A managed rule (DRS/CRS: SQLi, XSS, scanner User-Agents such as 913101, …) or a custom rule with action Block matched; the tracking reference finds it in the WAF logs.",
      fix: [
        "Front Door: query the WAF logs for the tracking reference {azureRef|from the x-azure-ref header}: `AzureDiagnostics | where Category == \"FrontDoorWebApplicationFirewallLog\" and trackingReference_s == \"<ref>\"` (ruleName_s, details_matches_s); add an exclusion or set that rule to Log/Disabled in the WAF policy.",
        "Application Gateway: `AzureDiagnostics | where Category == \"ApplicationGatewayFirewallLog\" and action_s == \"Blocked\"` shows ruleId_s and details_message_s; add a per-rule exclusion (request header/cookie/arg) or disable the rule in the WAF policy's managed rules.",
      ],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200 once the exclusion is live; policy changes take a few minutes)"],
    },
    "ip-denied": {
      prior: 0.2,
      title: "An Azure access rule refuses the caller's IP",
      note: "A WAF custom rule on RemoteAddr/SocketAddr, an Application Gateway NSG-style restriction, or App Service access restrictions deny the caller; behind Front Door, App Service sees Front Door's addresses, not the client's.",
      fix: [
        "App Service behind Front Door: Networking → Access restrictions: allow the `AzureFrontDoor.Backend` service tag with the `X-Azure-FDID` header set to your profile's ID, rather than client IPs.",
        "WAF custom rule: edit the IP match condition (RemoteAddr honours X-Forwarded-For; SocketAddr is the real peer) to include {client|the client IP}.",
      ],
      verify: ["curl -sI {url|URL} (expect 200; no x-ms-forbidden-ip header)"],
    },
    "geo-blocked": {
      prior: 0.1,
      title: "An Azure WAF geo-filter rule blocks the client's country",
      fix: ["WAF policy → Custom rules: find the GeoMatch rule with action Block and remove the country or exclude the client."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "rate-limited": {
      prior: 0.05,
      title: "An Azure WAF rate-limit rule blocked the client",
      fix: ["WAF policy → Custom rules: raise the rate limit threshold or duration for this client/path (Front Door answers 429 by default; custom response codes change that)."],
      verify: ["curl -sI {url|URL} after the rate-limit window (expect 200)"],
    },
    unknown: {
      prior: 0,
      title: "Application Gateway v2 refuses the HTTP/2 cleartext upgrade (h2c)",
      note: "Application Gateway v2 answers 403 to any request carrying `Upgrade: h2c` on an HTTP listener, by design and with or without WAF (v1 silently stays on HTTP/1.1). It is a protocol limitation, not an access rule, so none of the usual causes apply.",
      fix: [
        "Client: do not ask for h2c: `curl --http1.1 {url|URL}`, or use HTTPS (HTTP/2 is negotiated with ALPN over TLS); in HTTP libraries disable cleartext HTTP/2 prior knowledge/upgrade.",
        "Gateway owner: offer an HTTPS listener with HTTP/2 enabled for clients that need HTTP/2.",
      ],
      verify: ["curl -s -o /dev/null -D - --http1.1 {url|URL} (expect the backend's status instead of 403)"],
    },
    "host-not-configured": {
      prior: 0.05,
      title: "Front Door has no route for this host or path",
      fix: ["Front Door → Endpoints/Routes: the custom domain must be associated with a route whose patterns match {path|the path}, and the domain validated; check the origin group is enabled."],
      verify: ["curl -sI https://{host|HOST}{path|/} (expect the origin's answer)"],
    },
  },
  examples: [
    {
      name: "Application Gateway v2 refuses an h2c upgrade",
      source: "https://github.com/yixzhuang/blog/blob/HEAD/articles/network/appgw-http2.md",
      input:
        "*   Trying 203.0.113.10:80...\n* Connected to 203.0.113.10 (203.0.113.10) port 80 (#0)\n> GET / HTTP/1.1\n> Host: 203.0.113.10\n> User-Agent: curl/7.81.0\n> Accept: */*\n> Connection: Upgrade, HTTP2-Settings\n> Upgrade: h2c\n> HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\n>\n< HTTP/1.1 403 Forbidden\n< Server: Microsoft-Azure-Application-Gateway/v2\n< Date: Wed, 25 Dec 2024 08:51:52 GMT\n< Content-Type: text/html\n< Content-Length: 179\n< Connection: keep-alive\n<\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\n</body>\n</html>\n",
      expect: { responder: "azure-frontdoor", cause: "unknown" },
    },
    {
      name: "Application Gateway WAF block page",
      source: "https://github.com/ant-media/Ant-Media-Server/issues/4792",
      input:
        "HTTP/1.1 403 Forbidden\nServer: Microsoft-Azure-Application-Gateway/v2\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\n</body>\n</html>\n",
      expect: { responder: "azure-frontdoor", cause: "waf-rule" },
    },
    {
      name: "Front Door WAF default block",
      source: "https://learn.microsoft.com/en-us/azure/web-application-firewall/afds/waf-front-door-configure-custom-response-code",
      input:
        "HTTP/2 403\ncontent-type: text/html\nx-azure-ref: 0dmXWZAAAAAAk4Pc7jVIBQ7tHGJyb8SxEU1RPRURHRTA4MTAAOTI3YWJmYTYtMTlmNi00ZjkxLWI5NjMtNjY4ZjI5ZDg4OTg4\nx-cache: CONFIG_NOCACHE\n\nThe request is blocked.",
      expect: { responder: "azure-frontdoor", cause: "waf-rule" },
    },
    {
      name: "Front Door WAF body only",
      source: "https://github.com/projectdiscovery/nuclei-templates/issues/12737",
      input: "<html><body>The request is blocked.</body></html>",
      expect: { responder: "azure-frontdoor", cause: "waf-rule" },
    },
    {
      name: "App Service access restriction behind Front Door",
      source: "https://learn.microsoft.com/en-us/azure/app-service/app-service-ip-restrictions",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: text/html\nx-ms-forbidden-ip: 198.51.100.20\nx-azure-ref: 20240101T000000Z-abcdef0123456789\n\n<h1>Error 403 - Forbidden</h1><p>The web app you have attempted to reach has blocked your access.</p>",
      expect: { responder: "azure-frontdoor", cause: "ip-denied" },
    },
    {
      name: "Front Door generic error page",
      source: "https://learn.microsoft.com/en-us/azure/frontdoor/troubleshoot-issues",
      input:
        "HTTP/1.1 403 Forbidden\nx-azure-ref: 0abcDEF123456789\nx-msedge-ref: Ref A: 0123456789ABCDEF Ref B: AMS04EDGE0812 Ref C: 2024-01-01T00:00:00Z\n\n<h2>Our services aren't available right now</h2><p>We're working to restore all services as soon as possible. Please check back soon.</p>0abcDEF123456789",
      expect: { responder: "azure-frontdoor", cause: "host-not-configured" },
    },
    {
      name: "a 403 from the backend through Front Door (nginx page) is not Front Door's",
      source: "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-http-headers-protocol",
      input:
        "HTTP/2 403\ncontent-type: text/html\nx-azure-ref: 0dmXWZAAAAAAk4Pc7jVIBQ7tHGJyb8Sx\nx-cache: CONFIG_NOCACHE\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.24.0</center>\n</body>\n</html>\n",
      expect: { notResponder: "azure-frontdoor" },
    },
  ],
});
