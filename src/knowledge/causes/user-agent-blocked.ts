import { defineCause } from "../schema.js";

export default defineCause({
  id: "user-agent-blocked",
  title: "The server refused the request because of its User-Agent",
  why: "Sites and APIs filter on the `User-Agent` header: some require one at all (GitHub's API), some require a descriptive agent with contact details (Wikimedia), and WAF or bot rules block default library agents (`python-requests`, `curl`, `Go-http-client`, `Java`, `okhttp`, an empty agent) because scrapers use them. The same URL works in a browser.",
  fix: [
    "Send a descriptive User-Agent that names your tool and a contact: `curl -A 'my-tool/1.2 (+https://example.org/contact; ops@example.org)' {url|URL}`; in Python `requests.get(url, headers={'User-Agent': 'my-tool/1.2 (ops@example.org)'})`.",
    "Follow the site's client policy (GitHub requires a User-Agent; Wikimedia wants tool name, version and contact) and its rate limits; use the official API where there is one.",
    "If you own the site and the rule is too broad, narrow the WAF/bot rule (e.g. exempt your API paths or verified clients) instead of relying on User-Agent alone.",
  ],
  verify: [
    "curl -sI -A 'my-tool/1.2 (ops@example.org)' {url|URL} (expect 200 where the default agent got 403)",
  ],
  separate:
    "Repeat the request with only the User-Agent changed (empty or default vs. a descriptive one or a browser's): a 403/200 split on that header alone is a User-Agent rule; if every agent gets 403, look at IP, rate or WAF rules instead.",
  mistakes: [
    "Spoofing a browser User-Agent against a site that asks bots to identify themselves: it breaks their policy and often triggers stronger bot checks.",
    "Setting the header on one request path (or session) but not on redirects, downloads or the HTTP client used by a library.",
  ],
  sources: [
    "https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent",
    "https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/User-Agent",
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-user-agent",
  ],
  signals: [
    {
      id: "user-agent-policy-text",
      role: "hint",
      when: [{ on: "body", match: /Please (?:set|provide|use|send|include|make sure your request has) (?:a |an )?(?:valid |proper |descriptive |custom )?User[- ]Agent|User-Agent (?:header )?(?:is )?(?:required|missing|blocked|not allowed)|(?:comply|respect)[^\n]{0,40}User-Agent policy|User-Agent_policy|robot policy https:\/\/w\.wiki|(?:based on|because of) your (?:browser's signature|user[- ]agent)|\buser agent (?:is )?(?:blocked|not allowed|banned)\b/i }],
      weight: 0,
      causes: { "user-agent-blocked": 0.85 },
      detail: "the response asks for (another) User-Agent",
    },
    {
      id: "library-user-agent",
      role: "hint",
      when: [
        { on: "request-header", name: "user-agent", match: /^(?:python-requests|python-urllib|aiohttp|python-httpx|Go-http-client|Java\/|okhttp|Apache-HttpClient|libwww-perl|Wget|axios|node-fetch|undici|Scrapy|PostmanRuntime)\b/i },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "user-agent-blocked": 0.3 },
      responders: ["unknown", "cloudflare", "akamai", "fastly", "aws-waf", "imperva", "sucuri", "f5", "modsecurity", "gcp-frontend", "azure-frontdoor", "vercel", "netlify", "nginx", "apache", "app"],
      detail: "the request used a default library User-Agent (python-requests, Go-http-client, Java ...), which many sites block",
    },
    {
      id: "no-user-agent",
      role: "hint",
      when: [
        { on: "kind", in: ["curl-verbose"] },
        { on: "request-header", name: "host" },
        { on: "request-header", name: "user-agent", absent: true },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "user-agent-blocked": 0.35 },
      detail: "curl sent no User-Agent header (it was removed with -H 'User-Agent:')",
    },

    {
      id: "probe-user-agent-refused",
      role: "hint",
      when: [{ on: "probe", name: "ok-with-browser-user-agent" }],
      weight: 0,
      causes: { "user-agent-blocked": 0.9, "waf-rule": -0.5, "ip-denied": -0.8, "directory-listing": -0.8, "filesystem-permission": -0.8, "path-blocked": -0.6, "referer-denied": -0.6 },
      detail: "live probe: the same request with a browser's User-Agent is served: the User-Agent sent is refused",
    },
  ],
  examples: [
    {
      name: "GitHub API without a User-Agent",
      source: "https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent",
      input: "$ curl -IH 'User-Agent: ' https://api.github.com/meta\nHTTP/1.0 403 Forbidden\nConnection: close\nContent-Type: text/html\n\nRequest forbidden by administrative rules.\nPlease make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).\nCheck https://developer.github.com for other possible causes.",
      expect: { cause: "user-agent-blocked" },
    },
    {
      name: "Wikidata robot policy",
      source: "https://github.com/dracor-org/dracor-api/pull/332",
      input: "HTTP/2 403\ncontent-type: text/plain\n\nPlease set a user-agent and respect our robot policy https://w.wiki/4wJS. See also T400119.",
      expect: { cause: "user-agent-blocked" },
    },
    {
      name: "raw HTTP request without a User-Agent",
      source: "https://www.rfc-editor.org/rfc/rfc9110.html#name-user-agent",
      input: "> GET /api/v1/items HTTP/1.1\n> Host: shop.example.com\n> Accept: application/json\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n<",
      expect: { cause: "user-agent-blocked" },
    },
    {
      name: "python-requests default agent refused",
      source: "https://github.com/huggingface/agents-course/pull/423",
      input: "> GET /wiki/Special:Random HTTP/1.1\n> Host: en.wikipedia.org\n> User-Agent: python-requests/2.31.0\n> Accept: */*\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n<",
      expect: { cause: "user-agent-blocked" },
    },
    {
      name: "a GitHub permission error is not a User-Agent problem",
      source: "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api",
      input: "HTTP/2 403\r\ncontent-type: application/json; charset=utf-8\r\nx-github-request-id: C0DE:1234:5678:9ABC:65F00000\r\n\r\n{\"message\":\"Must have admin rights to Repository.\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#update-a-repository\"}",
      expect: { notCause: "user-agent-blocked" },
    },

    {
      name: "live probe: nginx refuses a library's User-Agent",
      source: "https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#if",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["ok-with-browser-user-agent"],
      expect: { cause: "user-agent-blocked" },
    },
  ],
});
