import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "unknown",
  name: "Unknown layer",
  layer: "unknown",
  summary:
    "Nothing in the input says which layer wrote the 403: no vendor page, error code or header. The causes below are the common ones for a bare 403; capture more evidence (full headers and body, the request) to narrow it down.",
  howToTell: [
    "No block page, no vendor error document, no vendor header (Server, Via, cf-ray, x-amz-*, x-ms-*, x-goog-*) in the input.",
    "Re-run the request with `curl -sv URL -o body.html` and paste the whole output: response headers usually name the CDN, WAF or server.",
  ],
  sources: [
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-403-forbidden",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403",
  ],
  signals: [],
  causes: {
    "insufficient-permissions": {
      prior: 0.2,
      fix: ["Check the account, role or token scopes the endpoint requires; compare with a request that works (another user, an admin token)."],
      verify: ["Repeat the request with an account known to have access (expect 200)"],
    },
    "auth-missing": {
      prior: 0.18,
      fix: ["Send the credentials the endpoint expects (cookie, `Authorization: Bearer ...`, API key); many servers answer 403 instead of 401 when none are sent."],
      verify: ["curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer $TOKEN\" {url|URL} (200 means credentials were the problem)"],
    },
    "waf-rule": {
      prior: 0.12,
      fix: ["Look for a block page or request ID in the full response (curl -sv) and check the WAF/CDN logs for that request; simplify the request (plain User-Agent, no unusual payload) to see if it passes."],
      verify: ["curl -sv {url|URL} (headers name the CDN/WAF; a different answer with a minimal request points at a rule)"],
    },
    "ip-denied": {
      prior: 0.1,
      fix: ["Try from another network (mobile hotspot, a cloud VM); if it works there, the site or a firewall allowlists or blocks by IP."],
      verify: ["curl -sI {url|URL} from two networks (a 200/403 split means an IP rule)"],
    },
    "directory-listing": {
      prior: 0.08,
      fix: ["If the URL ends in `/`, request a file inside it (index.html) or add an index file; directory listing is usually off."],
      verify: ["curl -sI {url|URL}index.html (expect 200)"],
    },
    "filesystem-permission": {
      prior: 0.07,
      fix: ["On a server you control, check the web server's error log: the file or a parent directory may not be readable by the server user."],
      verify: ["tail the web server error log while repeating the request"],
    },
    "user-agent-blocked": {
      prior: 0.05,
      fix: ["Send a normal browser User-Agent; scripts with default agents (python-requests, curl, Go-http-client) are often blocked."],
      verify: ["curl -sI -A 'Mozilla/5.0' {url|URL} (a 200 means the User-Agent was blocked)"],
    },
    "cors-origin": {
      prior: 0.05,
      fix: ["If the 403 only happens from the browser, compare the Origin the page sends with the server's allowed origins (exact scheme, host and port, no trailing slash)."],
      verify: ["curl -sI -H 'Origin: https://your-app.example' {url|URL} (compare with and without Origin)"],
    },
    csrf: {
      prior: 0.05,
      fix: ["For a failing POST/PUT/DELETE from a browser session, include the app's CSRF token and cookie."],
      verify: ["Repeat the POST with the token from a fresh GET of the form (expect 2xx)"],
    },
    "rate-limited": {
      prior: 0.04,
      fix: ["Slow down and retry later; look for Retry-After or rate-limit headers in the full response."],
      verify: ["Repeat after a pause (a 200 then means a rate limit)"],
    },
    "geo-blocked": {
      prior: 0.03,
      fix: ["Check whether the service is available in the client's country (the egress IP's location)."],
      verify: ["curl -s ipinfo.io/country from the client"],
    },
  },
  examples: [
    {
      name: "axios error without any response detail",
      source: "https://github.com/axios/axios/issues/5800",
      input: "Unhandled promise rejection: [AxiosError: Request failed with status code 403]",
      expect: { responder: "unknown", cause: "insufficient-permissions" },
    },
    {
      name: "status line and nothing else",
      source: "https://github.com/axios/axios/issues/2897",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
      expect: { responder: "unknown" },
    },
    {
      name: "an nginx page is not unknown",
      source: "https://github.com/huiyonghkw/lnmp-docker/issues/3",
      input: "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n",
      expect: { notResponder: "unknown" },
    },
    {
      name: "a GitHub API error is not unknown",
      source: "https://github.com/mktcode/consecutive-workflow-action/issues/33",
      input: "Error: Resource not accessible by integration",
      expect: { notResponder: "unknown" },
    },
  ],
});
