import { defineResponder } from "../schema.js";

/** Site pages that a proxy's own refusal is more specific than (a forward proxy built on nginx/Apache). */
const SERVERS = ["nginx", "apache", "app", "unknown"] as const;

export default defineResponder({
  id: "proxy",
  name: "Forward / corporate proxy",
  layer: "proxy",
  summary:
    "A proxy between the client and the site refused the request before it left the network: a Squid/tinyproxy ACL, a corporate secure web gateway's URL-filtering policy (Zscaler, Blue Coat/Symantec, Forcepoint, FortiGuard, Palo Alto), or missing proxy authentication. The site itself never saw the request.",
  howToTell: [
    "curl says `Received HTTP code 403 from proxy after CONNECT` / `CONNECT tunnel failed, response 403`: the proxy, not the site, refused the tunnel.",
    "Squid marks its own answers with `X-Squid-Error: ERR_ACCESS_DENIED` and `Server: squid`; its access.log shows `TCP_DENIED/403`.",
    "Gateway block pages name the vendor and often the URL category: `Access Denied (policy_denied)`, `Web Filter Violation` / `Web Page Blocked!` (FortiGuard), Zscaler images from `*.zscaler*.net`.",
    "`Via: 1.1 host (squid/…)` or a corporate `Via` only says a proxy is in the path; 407 with `Proxy-Authenticate` means the proxy wants credentials.",
  ],
  sources: [
    "https://wiki.squid-cache.org/SquidFaq/SquidAcl",
    "https://www.squid-cache.org/Doc/config/http_access/",
    "https://everything.curl.dev/usingcurl/proxies/http.html",
    "https://tinyproxy.github.io/",
    "https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/721410/fortiguard-filter",
    "https://help.zscaler.com/zia/understanding-browser-based-end-user-notifications",
  ],
  signals: [
    {
      id: "curl-connect-403",
      role: "decision",
      when: [{ on: "body", match: /Received HTTP code 403 from proxy after CONNECT|CONNECT tunnel failed, response 403/ }],
      weight: 0.95,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.75 },
      detail: "curl: the proxy answered the CONNECT with 403; the target site was never reached",
      sources: ["https://everything.curl.dev/usingcurl/proxies/http.html"],
    },
    {
      id: "curl-connect-407",
      role: "decision",
      when: [{ on: "body", match: /Received HTTP code 407 from proxy after CONNECT|CONNECT tunnel failed, response 407|Proxy Authentication Required/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "auth-missing": 0.9 },
      detail: "the proxy demands authentication (407 Proxy Authentication Required)",
    },
    {
      id: "proxy-authenticate",
      role: "decision",
      when: [{ on: "header", name: "proxy-authenticate", match: /(?<scheme>Basic|Negotiate|NTLM|Digest)?/i }],
      weight: 0.85,
      overrides: [...SERVERS],
      causes: { "auth-missing": 0.9 },
      detail: "Proxy-Authenticate header: the proxy wants credentials before forwarding",
    },
    {
      id: "squid-error-header",
      role: "decision",
      when: [{ on: "header", name: "x-squid-error", match: /(?<squidError>ERR_[A-Z_]+)/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      detail: "X-Squid-Error: Squid generated this error page itself",
      sources: ["https://wiki.squid-cache.org/SquidFaq/SquidAcl"],
    },
    {
      id: "squid-access-denied",
      role: "decision",
      when: [{ on: "body", match: /ERR_ACCESS_DENIED|Access control configuration prevents your request from being allowed at this time/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.85 },
      detail: "Squid ERR_ACCESS_DENIED: an `http_access deny` rule (or no allow) matched",
      sources: ["https://www.squid-cache.org/Doc/config/http_access/"],
    },
    {
      id: "squid-access-denied-header",
      role: "decision",
      when: [{ on: "header", name: "x-squid-error", match: /ERR_ACCESS_DENIED/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.85 },
      detail: "X-Squid-Error: ERR_ACCESS_DENIED",
    },
    {
      id: "squid-log-denied",
      role: "decision",
      when: [{ on: "body", match: /\bTCP_DENIED\/(?:403|407)\b[^\n]{0,40}?\s(?<method>[A-Z]+)\s(?<target>\S+)/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.8 },
      detail: "Squid access.log: TCP_DENIED, the request was refused by http_access",
    },
    {
      id: "squid-server-403",
      role: "decision",
      when: [
        { on: "header", name: "server", match: /^squid\b/i },
        { on: "status", in: [403, 407] },
      ],
      weight: 0.65,
      detail: "Server: squid on the 403: Squid itself answered",
    },
    {
      id: "bluecoat-policy",
      role: "decision",
      when: [{ on: "body", match: /Access Denied \((?<policyCode>policy_denied|content_filter_denied|policy_redirect|authentication_failed)\)/ }],
      weight: 0.95,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.6, "path-blocked": 0.45 },
      detail: "Blue Coat / Symantec ProxySG exception page (`Access Denied (policy_denied)`)",
    },
    {
      id: "fortiguard-block",
      role: "decision",
      when: [{ on: "body", match: /<title>Web Filter Violation<\/title>|Web Page Blocked!|url\.fortinet\.net|FortiGuard (?:Web Filter|Intrusion)/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "path-blocked": 0.6, "acl-deny": 0.3 },
      detail: "FortiGate / FortiGuard web filter block page (URL category policy)",
      sources: ["https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/721410/fortiguard-filter"],
    },
    {
      id: "zscaler-block",
      role: "decision",
      when: [{ on: "body", match: /\b(?:login|gateway|admin)\.(?:zscaler(?:one|two|three|beta)?|zscloud|zscalergov)\.net\b|Internet Security by Zscaler/i }],
      weight: 0.85,
      overrides: [...SERVERS],
      causes: { "path-blocked": 0.6, "acl-deny": 0.3 },
      detail: "Zscaler Internet Access notification page: the company's URL/cloud-app policy blocked the site",
      sources: ["https://help.zscaler.com/zia/understanding-browser-based-end-user-notifications"],
    },
    {
      id: "paloalto-block",
      role: "decision",
      when: [{ on: "body", match: /Access to the web page you were trying to visit has been blocked in accordance with company policy/ }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "path-blocked": 0.6, "acl-deny": 0.3 },
      detail: "Palo Alto Networks URL filtering block page",
    },
    {
      id: "tinyproxy-page",
      role: "decision",
      when: [{ on: "body", match: /Generated by (?:<a [^>]*>)?tinyproxy|<title>403 (?:Access denied|Filtered)<\/title>[\s\S]{0,600}?tinyproxy/i }],
      weight: 0.9,
      overrides: [...SERVERS],
      causes: { "acl-deny": 0.7 },
      detail: "tinyproxy's own error page",
      sources: ["https://tinyproxy.github.io/"],
    },
    {
      id: "tinyproxy-filtered",
      role: "hint",
      when: [{ on: "body", match: /The request you made has been filtered/ }],
      weight: 0,
      causes: { "path-blocked": 0.8 },
      responders: ["proxy"],
      detail: "tinyproxy Filter: the URL or domain matched the filter list",
    },
    {
      id: "generic-admin-block",
      role: "decision",
      when: [{ on: "body", match: /This (?:page|site|website) has been blocked by your (?:network )?administrator|blocked by your organization'?s? (?:security|web) policy/i }],
      weight: 0.6,
      causes: { "path-blocked": 0.6, "acl-deny": 0.3 },
      detail: "a network administrator's block page (secure web gateway / DNS filter)",
    },
    {
      id: "via-squid",
      role: "presence",
      when: [{ on: "header", name: "via", match: /\((?:squid|Blue Coat|McAfee Web Gateway|Cisco-WSA|Zscaler)[^)]*\)|\bWCG\d*\b|\bZscaler\b/i }],
      weight: 0.4,
      detail: "Via names a proxy (Squid, Blue Coat, WSA, Zscaler, Websense WCG)",
    },
    {
      id: "squid-cache-lookup",
      role: "presence",
      when: [{ on: "header", name: "x-cache-lookup", match: /\bfrom\b/ }],
      weight: 0.3,
      detail: "X-Cache-Lookup: … from <proxy> (Squid)",
    },
  ],
  causes: {
    "acl-deny": {
      prior: 0.45,
      title: "The proxy's access rules refuse this request",
      note: "The request was stopped at the proxy: its ACLs (source network, destination domain or port, CONNECT to non-443 ports, time of day) did not allow it. Changing the request to the site will not help; the proxy's configuration or the route must change.",
      fix: [
        "Squid: allow the client and destination before the final deny, e.g. `acl office src 10.0.0.0/8`, `acl api dstdomain .example.com`, `http_access allow office api` placed above `http_access deny all`; `http_access deny CONNECT !SSL_ports` blocks tunnels to other ports. Reload with `squid -k reconfigure`.",
        "Corporate gateway: ask the proxy admins to allow {host|the destination host}; give them the block page or the time of the request.",
        "If the request should not use the proxy at all, exclude the host: `NO_PROXY={host|example.com}` or `curl --noproxy '*' {url|URL}`.",
      ],
      verify: [
        "curl -sv -x http://PROXY:PORT {url|URL} -o /dev/null 2>&1 | grep -E 'CONNECT|< HTTP' (expect `200 Connection established` and the site's status)",
        "tail -f /var/log/squid/access.log while repeating (expect TCP_TUNNEL/200 or TCP_MISS/200, not TCP_DENIED/403)",
      ],
    },
    "path-blocked": {
      prior: 0.2,
      title: "The company's URL filter blocks this site's category",
      note: "Secure web gateways classify every URL into categories (and flag new or uncategorised domains); the policy blocks the category, so every user behind the gateway gets the block page.",
      fix: [
        "Ask the gateway admins for an exception for {host|the site} (Zscaler URL category / allow list, FortiGuard local category override, Blue Coat policy exception).",
        "Site owner: request recategorisation with the vendor (sitereview.zscaler.com, fortiguard.com/webfilter, sitereview.bluecoat.com) when the site is miscategorised.",
      ],
      verify: ["Load {url|URL} from behind the gateway again (expect the site instead of the block page); from outside the network it already works"],
    },
    "auth-missing": {
      prior: 0.15,
      title: "The proxy requires authentication (407)",
      fix: [
        "Send proxy credentials: `curl -x http://PROXY:PORT --proxy-user USER:PASS {url|URL}` (or `--proxy-ntlm`/`--proxy-negotiate`), or `HTTPS_PROXY=http://USER:PASS@PROXY:PORT` for tools that read the environment.",
        "Squid admins: `http_access allow authenticated_users` must come before the deny for authenticated traffic.",
      ],
      verify: ["curl -sv -x http://PROXY:PORT --proxy-user USER:PASS {url|URL} -o /dev/null (expect no 407)"],
    },
    "ip-denied": {
      prior: 0.1,
      title: "The proxy does not accept clients from this address",
      fix: ["Add the client's network to the proxy's allowed sources (Squid `acl localnet src …` + `http_access allow localnet`; tinyproxy `Allow 10.0.0.0/8`)."],
      verify: ["curl -sv -x http://PROXY:PORT {url|URL} -o /dev/null from the client (expect no 403 from the proxy)"],
    },
  },
  examples: [
    {
      name: "Squid refuses a webhook call",
      source: "https://github.com/sipgate/sipgate.io/issues/35",
      input:
        "HTTP/1.0 403 Forbidden\nServer: squid/3.1.20\nMime-Version: 1.0\nDate: Thu, 12 Feb 2015 13:05:13 GMT\nContent-Type: text/html\nContent-Length: 1553\nX-Squid-Error: ERR_ACCESS_DENIED 0\nVary: Accept-Language\nContent-Language: en\nX-Cache: MISS from localhost\nX-Cache-Lookup: NONE from localhost:8888\nVia: 1.0 localhost (squid/3.1.20)\nConnection: keep-alive\n",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "Squid error page body",
      source: "https://wiki.squid-cache.org/SquidFaq/SquidAcl",
      input:
        "ERROR\nThe requested URL could not be retrieved\n\nThe following error was encountered while trying to retrieve the URL: http://example.com/\n\nAccess Denied.\n\nAccess control configuration prevents your request from being allowed at this time. Please contact your service provider if you feel this is incorrect.\n\nGenerated Mon, 01 Jan 2024 10:00:00 GMT by proxy.corp (squid/4.13)",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "Squid access.log TCP_DENIED",
      source: "https://github.com/sameersbn/docker-squid/issues/78",
      input: "1645064587.444      1 172.17.0.1 TCP_DENIED/403 4032 CONNECT www.cyberciti.biz:443 - HIER_NONE/- text/html",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "curl through an nginx forward proxy: CONNECT refused",
      source: "https://github.com/chobits/ngx_http_proxy_connect_module/issues/173",
      input:
        "* Establish HTTP proxy tunnel to google.de:443\n> CONNECT google.de:443 HTTP/1.1\n> Host: google.de:443\n> User-Agent: curl/7.69.1\n> Proxy-Connection: Keep-Alive\n> \n< HTTP/1.1 403 Forbidden\n< Server: nginx/1.19.6\n< Date: Sun, 24 Jan 2021 17:12:53 GMT\n< Content-Type: text/html\n< Content-Length: 153\n< Connection: keep-alive\n< \n* Received HTTP code 403 from proxy after CONNECT\n* CONNECT phase completed!\n* Closing connection 0\ncurl: (56) Received HTTP code 403 from proxy after CONNECT\n",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "libcurl error line: CONNECT tunnel failed",
      source: "https://github.com/Jaammerr/The-Dawn-Bot/issues/2",
      input: "Failed to perform, curl: (56) CONNECT tunnel failed, response 403. See https://curl.se/libcurl/c/libcurl-errors.html first for more details.",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "Websense content gateway refuses the tunnel",
      source: "https://github.com/tokuhirom/plenv/issues/71",
      input:
        "* Establish HTTP proxy tunnel to cpanmin.us:80\n> CONNECT cpanmin.us:80 HTTP/1.1\n> Host: cpanmin.us:80\n>\n< HTTP/1.1 403 Tunnel or SSL Forbidden\n< Date: Wed, 01 Oct 2014 09:20:32 GMT\n< Connection: close\n< Via: 1.1 WCG1\n< Content-Type: text/html\n<\n* Received HTTP code 403 from proxy after CONNECT\ncurl: (56) Received HTTP code 403 from proxy after CONNECT\n",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "proxy wants credentials",
      source: "https://everything.curl.dev/usingcurl/proxies/http.html",
      input:
        "< HTTP/1.1 407 Proxy Authentication Required\n< Server: squid/5.7\n< Proxy-Authenticate: Basic realm=\"Squid proxy-caching web server\"\n< X-Squid-Error: ERR_CACHE_ACCESS_DENIED 0\n<\n* Received HTTP code 407 from proxy after CONNECT\ncurl: (56) Received HTTP code 407 from proxy after CONNECT",
      expect: { responder: "proxy", cause: "auth-missing" },
    },
    {
      name: "Blue Coat policy_denied",
      source: "https://github.com/sara-sabr/ITStrategy/issues/835",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: text/html\nVia: 1.1 proxy.corp (Blue Coat SG-S500)\n\n<title>Access Denied</title>\nAccess Denied (policy_denied)\nYour request was denied because of its content categorization: \"Games\"",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "FortiGuard web filter page",
      source: "https://github.com/Ekultek/WhatWaf/issues/513",
      input:
        'HTTP/1.1 403 Forbidden\nConnection: close\nContent-Type: text/html\nCache-Control: no-cache\n\n<html>\n<head>\n<meta content="no-referrer" name="referrer"/>\n<title>Web Filter Violation</title>\n<style type="text/css">\n div.header { background: url(http://url.fortinet.net:8008/XX/YY/ZZ/CI/MGPGHGPGPFGHCDPFGGOGFGEH) 0 0 repeat-x; height: 82px; }\n</style>',
      expect: { responder: "proxy", cause: "path-blocked" },
    },
    {
      name: "Zscaler notification page",
      source: "https://github.com/microsoft/vscode-copilot-release/issues/2258",
      input:
        '<div class="pg red">\n<div id="logo_container" class="logo_container">\n<img src="https://login.zscloud.net:443/__zsig/cD6cDqJ1r6W6M" /></div>\n<table class="m_tbl"><tr><td class="eu_h">Website blocked</td></tr>\n<tr><td>Not allowed to browse Other Information Technology category</td></tr></table>',
      expect: { responder: "proxy", cause: "path-blocked" },
    },
    {
      name: "Palo Alto URL filtering",
      source: "https://docs.paloaltonetworks.com/pan-os/10-2/pan-os-admin/url-filtering/url-filtering-response-pages",
      input:
        "Web Page Blocked\nAccess to the web page you were trying to visit has been blocked in accordance with company policy. Please contact your system administrator if you believe this is in error.\nUser: corp\\jdoe\nURL: pdf-bullets.com/\nCategory: unknown",
      expect: { responder: "proxy", cause: "path-blocked" },
    },
    {
      name: "tinyproxy refuses a client",
      source: "https://tinyproxy.github.io/",
      input:
        "HTTP/1.0 403 Access denied\nServer: tinyproxy/1.11.1\nContent-Type: text/html\n\n<html><head><title>403 Access denied</title></head><body><h1>Access denied</h1><p>The administrator of this proxy has not configured it to service requests from your host.</p><hr /><p><em>Generated by <a href=\"https://tinyproxy.github.io/\">tinyproxy</a> version 1.11.1.</em></p></body></html>",
      expect: { responder: "proxy", cause: "acl-deny" },
    },
    {
      name: "tinyproxy filtered URL",
      source: "https://tinyproxy.github.io/",
      input:
        "HTTP/1.0 403 Filtered\nServer: tinyproxy/1.11.1\n\n<html><head><title>403 Filtered</title></head><body><h1>Filtered</h1><p>The request you made has been filtered</p><hr /><p><em>Generated by <a href=\"https://tinyproxy.github.io/\">tinyproxy</a> version 1.11.1.</em></p></body></html>",
      expect: { responder: "proxy", cause: "path-blocked" },
    },
    {
      name: "generic administrator block page",
      source: "https://github.com/twinbasic/twinbasic/issues/285",
      input: "This page has been blocked by your administrator.\nReason: Uncategorized site",
      expect: { responder: "proxy", cause: "path-blocked" },
    },
    {
      name: "origin 403 fetched through Squid is the origin's",
      source: "https://wiki.squid-cache.org/SquidFaq/SquidAcl",
      input:
        "HTTP/1.1 403 Forbidden\nServer: nginx/1.22.1\nVia: 1.1 proxy.corp (squid/5.7)\nX-Cache: MISS from proxy.corp\nX-Cache-Lookup: MISS from proxy.corp:3128\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      expect: { notResponder: "proxy" },
    },
  ],
});
