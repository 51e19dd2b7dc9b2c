import { defineCause } from "../schema.js";

export default defineCause({
  id: "waf-rule",
  title: "A web application firewall rule in front of {host|the site} blocked this request",
  why: "A WAF (cloud WAF, CDN security rules, ModSecurity/OWASP CRS, an F5 or Imperva appliance) inspects each request before it reaches the application and answers with its own 403 block page when a rule matches: an injection or XSS signature in the URL, body or cookies (often a false positive on JSON, HTML or SQL-looking content), a forbidden file type or path, an unusual header or User-Agent, or a custom rule written by the site owner. The application never sees these requests, so its logs are empty.",
  fix: [
    "Find the blocking rule with the block page's reference (Ray ID, support ID, incident ID, request ID) in the WAF's event log: Cloudflare Security > Events, AWS WAF sampled requests / logs for the web ACL, Azure Front Door/Application Gateway WAF logs (`ruleId_s`), ModSecurity audit log `[id \"...\"]`.",
    "If it is a false positive on legitimate traffic, add a narrow exception for that rule on that path or parameter (e.g. a scope-down statement, exclusion of one argument, `SecRuleRemoveById ID` inside a `<LocationMatch>`), rather than disabling the WAF.",
    "If you are the client and do not control the WAF, change what triggers it (encode the payload, send JSON with the right Content-Type, avoid SQL/script-looking strings in query parameters) or contact the site owner with the block reference and time.",
  ],
  verify: [
    "curl -s -o /dev/null -w '%{http_code}\\n' {url|URL} with the original payload (expect 200 once the exception is in place); the WAF log shows no new block for that request",
  ],
  separate:
    "Send the same request with a harmless payload (no body, simple query string, plain curl User-Agent): 200 for the simple one and 403 for the original means a content rule matched (waf-rule); 403 for both means the client itself (IP, country, reputation) is blocked (ip-denied, geo-blocked, bot-challenge). Requesting the origin directly, bypassing the CDN/WAF, gives 200 when the WAF is the blocker.",
  mistakes: [
    "Debugging the application when its access log never saw the request.",
    "Turning the whole WAF (or a rule group) off to fix one false positive.",
    "Retrying the blocked request in a loop, which can escalate to an IP block or rate limit.",
  ],
  sources: [
    "https://owasp.org/www-project-modsecurity-core-rule-set/",
    "https://repost.aws/knowledge-center/waf-detect-false-positives-from-amrs",
    "https://developers.cloudflare.com/waf/managed-rules/",
    "https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/web-application-firewall-troubleshoot",
  ],
  signals: [
    {
      id: "waf-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\b(?:request|access|this request) (?:was |has been )?blocked by (?:the |our )?(?:web application firewall|WAF|security (?:rules?|polic(?:y|ies))|firewall)\b|\bAccess Denied - WAF\b|\bWeb Application Firewall\b[^\n]{0,80}\b(?:blocked|denied|rejected)\b|\bsecurity (?:policy|rule) violation\b|\b(?:malicious|suspicious) (?:request|activity|input) (?:was )?(?:detected|blocked)\b|\b(?:Your|This) request has been blocked\b|\bRequest blocked by security\b|(?:^[ \t]*|\n[ \t]*|>\s*)Request blocked\.[ \t]*(?:$|\n|<)/i,
        },
      ],
      weight: 0,
      causes: { "waf-rule": 0.6 },
      detail: "the page says a firewall or security rule blocked the request",
    },
    {
      id: "crs-rule-id",
      role: "hint",
      when: [{ on: "body", match: /\[id "9(?:49110|59100)"\]|\b(?:Inbound|Outbound) Anomaly Score Exceeded\b/ }],
      weight: 0,
      causes: { "waf-rule": 0.6 },
      detail: "OWASP Core Rule Set blocking evaluation: the anomaly score of the request passed the threshold",
      sources: ["https://coreruleset.org/docs/"],
    },

    {
      id: "probe-parameters-refused",
      role: "hint",
      when: [{ on: "probe", name: "ok-without-query" }],
      weight: 0,
      causes: { "waf-rule": 0.8, "ip-denied": -0.8, "directory-listing": -0.8, "filesystem-permission": -0.8, "path-blocked": -0.5, "user-agent-blocked": -0.6 },
      detail: "live probe: the same path without its query string is not refused: a rule inspects the parameters",
    },
  ],
  examples: [
    {
      name: "F5 ASM rejection page met by a headless browser",
      source: "https://github.com/ariya/phantomjs/issues/14601",
      input: "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 11243555349794389926</body></html>",
      expect: { cause: "waf-rule" },
    },
    {
      name: "university WAF rejects a proxied notebook URL",
      source: "https://github.com/C2DH/journal-of-digital-history/issues/581",
      input: "Request failed with status 403\nThe requested URL was rejected. Please consult with your administrator or create a ticket on https://service.uni.lu\n\nYour support ID is: 2763675914836315252",
      expect: { cause: "waf-rule" },
    },
    {
      name: "ModSecurity with OWASP CRS blocks a PURGE request",
      source: "https://github.com/coreruleset/coreruleset/issues/1977",
      input: "2021/01/12 11:04:00 [error] 3102#3102: *899 [client 127.0.0.1] ModSecurity: Access denied with code 403 (phase 2). Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `8' ) [file \"/usr/local/coreruleset-3.3.0/rules/REQUEST-949-BLOCKING-EVALUATION.conf\"] [line \"80\"] [id \"949110\"] [rev \"\"] [msg \"Inbound Anomaly Score Exceeded (Total Score: 8)\"] [data \"\"] [severity \"2\"] [ver \"OWASP_CRS/3.3.0\"] [hostname \"127.0.0.1\"] [uri \"/\"] [unique_id \"1610449440\"], client: 127.0.0.1, server: example.org, request: \"PURGE / HTTP/1.1\", host: \"203.0.113.10\"",
      expect: { cause: "waf-rule" },
    },
    {
      name: "unbranded firewall block page",
      source: "https://github.com/Ekultek/WhatWaf/issues/799",
      input: "HTTP/1.1 403\nCache-Control: no-cache\nConnection: close\nContent-Type: text/html\n\n<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>This request has been blocked</title>\n<meta content=\"This request has been blocked\" name=\"description\"/>\n</head>\n<body>\n<div class=\"t\"><div class=\"t-cell\"><p>This request has been blocked.</p></div></div>\n</body>\n</html>",
      expect: { cause: "waf-rule" },
    },
    {
      name: "a rate-limit message is not a WAF signature match",
      source: "https://github.com/Justintime50/github-archive/issues/54",
      input: "github.GithubException.RateLimitExceededException: 403 {\"message\": \"API rate limit exceeded for 195.19.90.245. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)\", \"documentation_url\": \"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}",
      expect: { notCause: "waf-rule" },
    },

    {
      name: "live probe: a 403 that goes away without the query string",
      source: "https://coreruleset.org/docs/concepts/anomaly_scoring/",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["ok-without-query"],
      expect: { cause: "waf-rule" },
    },
  ],
});
