import { defineCause } from "../schema.js";

export default defineCause({
  id: "rate-limited",
  title: "{host|The server} is rate-limiting this client and reports it as 403",
  why: "Rate limits cap requests per client (IP, token, user, app) per time window. The standard answer is 429 Too Many Requests, but several services answer 403: GitHub's primary and secondary limits, some CDN and WAF rate rules, many older APIs. The limit resets after a window, often announced in `Retry-After` or `X-RateLimit-Reset`, and unauthenticated clients usually get a much smaller allowance than authenticated ones.",
  fix: [
    "Wait until the window resets (`Retry-After` seconds, or the epoch time in `X-RateLimit-Reset`) and add backoff: on 403/429 with rate-limit headers, sleep until reset instead of retrying immediately.",
    "Authenticate requests if the API offers a higher limit for authenticated callers (GitHub: 60/hour anonymous vs 5,000/hour with a token).",
    "Reduce request volume: cache responses, use conditional requests (ETag / If-None-Match), batch or paginate with larger pages, avoid parallel bursts (secondary limits punish concurrency).",
    "If you run the limiter (CDN or WAF rate rule), raise the threshold or exempt the known client for that path.",
  ],
  verify: [
    "curl -sI {url|URL} | grep -i -E 'retry-after|ratelimit' (expect remaining > 0 after the reset); then repeat the request (expect 200)",
  ],
  separate:
    "Wait for the reset time and repeat a single request: if it passes and fails again only under load, it is a rate limit; if it fails immediately, it is a standing block (ip-denied, waf-rule) or a quota that lasts a whole day or billing period (quota-exceeded).",
  mistakes: [
    "Retrying in a tight loop, which extends the block (secondary limits and WAF rate rules escalate).",
    "Running many CI jobs or containers behind one NAT IP, all sharing one anonymous limit.",
    "Confusing a per-minute rate limit with a daily quota: waiting a minute will not fix the latter.",
  ],
  sources: [
    "https://www.rfc-editor.org/rfc/rfc6585.html#section-4",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After",
    "https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api",
  ],
  signals: [
    {
      id: "ratelimit-remaining-zero",
      role: "hint",
      when: [{ on: "status", in: [403, 429] }, { on: "header", name: "x-ratelimit-remaining", match: /^\s*0\s*$/ }],
      weight: 0,
      causes: { "rate-limited": 0.8 },
      detail: "X-RateLimit-Remaining: 0 on the refusal: the client used up its allowance",
    },
    {
      id: "retry-after-on-403",
      role: "hint",
      when: [{ on: "status", in: [403] }, { on: "header", name: "retry-after", match: /^\s*(?:\d+|[A-Z][a-z]{2},)/ }],
      weight: 0,
      causes: { "rate-limited": 0.6 },
      detail: "a 403 with Retry-After: the server says to come back later",
      sources: ["https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After"],
    },
    {
      id: "rate-limit-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\brate limit(?:ed| exceeded| reached| hit)\b|\brate-limited\b|\bexceeded (?:a|the|your) (?:secondary |request )?rate limit\b|\btoo many requests\b|\bThrottlingException\b|\bRequest(?:Limit|Throttled)(?:Exceeded|Exception)\b|\brequests? (?:is |are |was |were |have been |has been )?(?:being )?throttled\b|\bTOO_MANY_REQUESTS\b|\byou are being rate limited\b|\bRate exceeded\b|\breached (?:your|the) (?:[\w-]+ )?rate limit\b|\babuse detection mechanism\b/i,
        },
      ],
      weight: 0,
      causes: { "rate-limited": 0.7 },
      detail: "the message says a rate limit was hit",
    },

    {
      id: "probe-rate-limited",
      role: "hint",
      when: [{ on: "probe", name: "rate-limited-while-probing" }],
      weight: 0,
      causes: { "rate-limited": 0.6 },
      detail: "live probe: the server answered 429 Too Many Requests to a probe: it counts requests from this client",
    },
  ],
  examples: [
    {
      name: "GitHub REST API anonymous limit, as documented",
      source: "https://github.com/hub4j/github-api/issues/220",
      input: "HTTP/1.1 403 Forbidden\nDate: Tue, 20 Aug 2013 14:50:41 GMT\nStatus: 403 Forbidden\nX-RateLimit-Limit: 60\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1377013266\n\n{\n    \"message\": \"API rate limit exceeded for xxx.xxx.xxx.xxx. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)\",\n    \"documentation_url\": \"https://developer.github.com/v3/#rate-limiting\"\n}",
      expect: { cause: "rate-limited" },
    },
    {
      name: "403 with Retry-After from a custom API",
      source: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nRetry-After: 120\n\n{\"error\":\"Too many requests from this client, try again later\"}",
      expect: { cause: "rate-limited" },
    },
    {
      name: "a daily quota is not a rate limit",
      source: "https://github.com/alaouy/YouTube/issues/135",
      input: "production.ERROR: Exception: Error 403 Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT). You may monitor your quota usage and adjust limits in the API Console: https://console.developers.google.com/apis/api/youtube.googleapis.com/quotas? : dailyLimitExceeded",
      expect: { notCause: "rate-limited" },
    },

    {
      name: "live probe: a bare 403 and then a 429 while probing",
      source: "https://nginx.org/en/docs/http/ngx_http_limit_req_module.html",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["rate-limited-while-probing"],
      expect: { cause: "rate-limited" },
    },
  ],
});
