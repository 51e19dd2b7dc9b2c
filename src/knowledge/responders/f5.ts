import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "f5",
  name: "F5 BIG-IP (ASM / Advanced WAF / APM)",
  layer: "waf",
  summary:
    "An F5 BIG-IP in front of the site rejected the request: the Application Security Manager / Advanced WAF policy (attack signatures, violations, geolocation or IP rules, bot defense), or the Access Policy Manager refusing the session.",
  howToTell: [
    "ASM/Advanced WAF's blocking page: `The requested URL was rejected. Please consult with your administrator.` and `Your support ID is: <long number>` (title `Request Rejected`).",
    "Bot defense pages ask to enable JavaScript and also show a support ID.",
    "APM (access policy) pages say `Access was denied by the access policy`.",
    "`TS01…` cookies (ASM), `BIGipServer…` (LTM pool persistence) and `MRHSession` (APM) only say a BIG-IP is in the path.",
  ],
  sources: [
    "https://my.f5.com/manage/s/article/K54474322",
    "https://techdocs.f5.com/en-us/bigip-15-1-0/big-ip-asm-implementations/configuring-blocking-responses.html",
    "https://my.f5.com/manage/s/article/K6850",
    "https://my.f5.com/manage/s/article/K13234",
  ],
  signals: [
    {
      id: "rejected-page",
      role: "decision",
      when: [{ on: "body", match: /The requested URL was rejected\. Please consult with your administra(?:t|d)or/i }],
      weight: 0.95,
      causes: { "waf-rule": 0.3 },
      detail: "F5 ASM/Advanced WAF default blocking page (`The requested URL was rejected`)",
      sources: ["https://techdocs.f5.com/en-us/bigip-15-1-0/big-ip-asm-implementations/configuring-blocking-responses.html"],
    },
    {
      id: "support-id",
      role: "decision",
      when: [{ on: "body", match: /Your support ID is:?\s*(?:&lt;|<)?\s*(?<supportId>\d{8,25})/i }],
      weight: 0.85,
      detail: "F5 support ID: the ASM request log entry for this block",
      sources: ["https://my.f5.com/manage/s/article/K54474322"],
    },
    {
      id: "json-support-id",
      role: "decision",
      when: [{ on: "body", match: /"supportID"\s*:\s*"(?<supportId>\d{8,25})"/ }],
      weight: 0.8,
      detail: "F5 ASM JSON blocking response with a supportID",
    },
    {
      id: "bot-defense",
      role: "decision",
      when: [{ on: "body", match: /Please enable JavaScript to view the page content\.?[\s\S]{0,200}?support ID/i }],
      weight: 0.9,
      causes: { "bot-challenge": 0.85 },
      detail: "F5 bot defense / web scraping page asking for JavaScript, with a support ID",
    },
    {
      id: "apm-denied",
      role: "decision",
      when: [{ on: "body", match: /Access was denied by the access policy\.?(?: This may be due to a failure to meet access policy requirements)?/i }],
      weight: 0.9,
      causes: { "insufficient-permissions": 0.6, "ip-denied": 0.25 },
      detail: "F5 APM: the access policy ended in Deny for this session",
      sources: ["https://my.f5.com/manage/s/article/K13234"],
    },
    {
      id: "asm-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^TS01[0-9a-f]{6}(?:_\w+)?$/ }],
      weight: 0.5,
      detail: "TS01… cookie: an F5 ASM/Advanced WAF policy protects this site",
      sources: ["https://my.f5.com/manage/s/article/K6850"],
    },
    {
      id: "ltm-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^(?:BIGipServer|F5_|MRHSession|LastMRH_Session)/ }],
      weight: 0.4,
      detail: "BIG-IP LTM/APM cookie (BIGipServer…, MRHSession)",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^BIG-?IP\b/i }],
      weight: 0.5,
      detail: "Server: BigIP",
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.45,
      title: "The F5 ASM/Advanced WAF policy rejected the request",
      note: "The security policy found a violation (attack signature, illegal meta-character, illegal file type or method, length limit, …) set to Block and served its rejection page; the support ID finds the exact violation in the request log.",
      fix: [
        "BIG-IP admin: Security → Event Logs → Application → Requests, search Support ID {supportId|from the page}; the entry lists the violations. For a false positive, disable that signature/violation for the URL or parameter (Learning and Blocking Settings) and apply the policy.",
        "Visitor: send the support ID and the time to the site's administrator.",
      ],
      verify: ["curl -s {url|URL} | grep -c 'requested URL was rejected' (expect 0 after the policy change)"],
    },
    "bot-challenge": {
      prior: 0.15,
      title: "F5 bot defense rejected the client",
      fix: ["BIG-IP admin: in the Bot Defense profile (or ASM Web Scraping settings) add the client's IP or signature to the allowed/whitelisted list, or exempt the API URL."],
      verify: ["curl -sI {url|URL} (expect 200)"],
    },
    "ip-denied": {
      prior: 0.12,
      title: "The F5 policy denies the client's IP address",
      fix: ["BIG-IP admin: Security → Application Security → IP Addresses → IP Address Exceptions (or the policy's IP denylist / IP Intelligence): remove {client|the client IP} from the block list or add an exception; apply the policy."],
      verify: ["curl -sI {url|URL} from the same IP (expect 200)"],
    },
    "geo-blocked": {
      prior: 0.1,
      title: "The F5 policy's geolocation enforcement blocks the client's country",
      fix: ["BIG-IP admin: Security → Application Security → Geolocation Enforcement: allow the country, or add an IP exception for the client; apply the policy."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "method-denied": {
      prior: 0.05,
      title: "The F5 policy does not allow this HTTP method",
      fix: ["BIG-IP admin: Security → Application Security → Headers → Methods: add {method|the method} to the allowed methods; apply the policy."],
      verify: ["curl -s -X {method|METHOD} -o /dev/null -D - {url|URL} (expect the application's answer, not the rejection page)"],
    },
    "insufficient-permissions": {
      prior: 0.03,
      title: "The F5 APM access policy denied the session",
      fix: ["BIG-IP admin: Access → Reports/Sessions for the session shows which branch of the access policy (group membership, endpoint check, IP) led to Deny; grant the user the required group or adjust the policy."],
      verify: ["Log in again through the APM virtual server (expect the application, not the denial page)"],
    },
    "user-agent-blocked": {
      prior: 0.05,
      title: "The F5 policy blocks the client's User-Agent",
      fix: ["Send a real, identifying User-Agent; BIG-IP admin: check bot signatures / header rules that match it."],
      verify: ["curl -sI -A 'Mozilla/5.0' {url|URL} (expect 200)"],
    },
  },
  examples: [
    {
      name: "ASM rejection page (PhantomJS)",
      source: "https://github.com/ariya/phantomjs/issues/14601",
      input: "The requested URL was rejected. Please consult with your administrator.\nYour support ID is: 11243555349794389926\n",
      expect: { responder: "f5", cause: "waf-rule" },
    },
    {
      name: "ASM page raw HTML with BIG-IP cookies",
      source: "https://techdocs.f5.com/en-us/bigip-15-1-0/big-ip-asm-implementations/configuring-blocking-responses.html",
      input:
        "HTTP/1.1 403 Forbidden\nCache-Control: no-cache\nConnection: close\nContent-Type: text/html; charset=utf-8\nSet-Cookie: TS0155a2f3=01a2b3c4d5e6f7; Path=/\nSet-Cookie: BIGipServerpool_web=1234567890.20480.0000; path=/\n\n<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 7890123456789012345<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>",
      expect: { responder: "f5", cause: "waf-rule" },
    },
    {
      name: "bot defense page",
      source: "https://my.f5.com/manage/s/article/K54474322",
      input:
        "<html><head><title>Request Rejected</title></head><body>Please enable JavaScript to view the page content.<br>Your support ID is: 18323482345890123456</body></html>",
      expect: { responder: "f5", cause: "bot-challenge" },
    },
    {
      name: "JSON blocking response",
      source: "https://my.f5.com/manage/s/article/K54474322",
      input: 'HTTP/1.1 403 Forbidden\nContent-Type: application/json\nServer: BigIP\n\n{"supportID": "14171762189802438057"}',
      expect: { responder: "f5" },
    },
    {
      name: "APM access policy denial",
      source: "https://my.f5.com/manage/s/article/K13234",
      input:
        "HTTP/1.1 403 Forbidden\nSet-Cookie: MRHSession=abcdef0123456789; path=/\n\nAccess was denied by the access policy. This may be due to a failure to meet access policy requirements.",
      expect: { responder: "f5", cause: "insufficient-permissions" },
    },
    {
      name: "an Akamai page is not F5",
      source: "https://github.com/netbirdio/netbird/issues/3670",
      input:
        'Access Denied\nYou don\'t have permission to access "http://www.naukri.com/" on this server.\nReference #18.e3c1202.1744611336.e02832',
      expect: { notResponder: "f5" },
    },
  ],
});
