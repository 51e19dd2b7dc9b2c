import { defineCause } from "../schema.js";

export default defineCause({
  id: "quota-exceeded",
  title: "A usage quota for {host|this API} is used up",
  why: "Quotas cap total usage over a long period (a day, a month, a billing plan) per project, key or account, unlike rate limits that cap bursts. When the allowance is spent the service refuses further calls, some with 429 and many (Google APIs, YouTube Data API, storage and AI providers) with 403, until the quota resets or is raised. A shared key (a tool's built-in key used by everyone) exhausts quickly.",
  fix: [
    "Check usage and the reset time in the provider's console (Google Cloud: APIs & Services > {host|the API} > Quotas; the YouTube Data API quota resets at midnight Pacific Time).",
    "Use your own project/key instead of a shared default key, and make sure the client really sends it.",
    "Request a higher quota or move to a paid plan / add billing credit; for OpenAI-style `insufficient_quota`, add credit or raise the usage limit of the organisation.",
    "Reduce consumption: cache results, request only needed fields, avoid expensive calls (YouTube `search.list` costs 100 units).",
  ],
  verify: [
    "Check the quota page shows remaining capacity, then repeat the request (expect 200)",
  ],
  separate:
    "Repeat one request after a few minutes: still refused with the same quota message means a daily/monthly quota (this cause); accepted means a short-window rate limit (rate-limited). The quota page of the key's project shows the counter at its limit.",
  mistakes: [
    "Creating new API keys in the same project: quota is per project, not per key.",
    "Assuming the tool uses your key when it falls back to a built-in shared one.",
    "Retrying automatically, which burns the remaining quota of shared projects for everyone.",
  ],
  sources: [
    "https://developers.google.com/youtube/v3/getting-started#quota",
    "https://cloud.google.com/docs/quotas/overview",
    "https://platform.openai.com/docs/guides/error-codes",
  ],
  signals: [
    {
      id: "quota-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bquota (?:has been |was |is )?(?:exceeded|exhausted|used up)\b|\bexceeded (?:your |the )?(?:current |daily |monthly )?(?:<a [^>]{0,120}>)?quota\b|\bquotaExceeded\b|\bdailyLimitExceeded\b|\bDaily Limit Exceeded\b|\binsufficient_quota\b|\bQuotaExceeded(?:Exception)?\b|\busage limits? (?:exceeded|reached)\b|\b(?:daily|monthly|upload|download|usage|plan|credit) limit (?:has been )?(?:exceeded|reached)\b|\bout of (?:credits|quota)\b|\bLimitExceededException\b/i,
        },
      ],
      weight: 0,
      causes: { "quota-exceeded": 0.8 },
      detail: "the message says a quota or usage limit is exhausted",
    },
  ],
  examples: [
    {
      name: "YouTube Data API daily quota",
      source: "https://github.com/tokland/youtube-upload/issues/165",
      input: "[RequestError] Server response: {\n \"error\": {\n  \"errors\": [\n   {\n    \"domain\": \"usageLimits\",\n    \"reason\": \"dailyLimitExceeded\",\n    \"message\": \"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT). You may monitor your quota usage and adjust limits in the API Console: https://console.developers.google.com/apis/api/youtube/quotas?project=911313852664\"\n   }\n  ],\n  \"code\": 403,\n  \"message\": \"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT).\"\n }\n}",
      expect: { cause: "quota-exceeded" },
    },
    {
      name: "YouTube 403 quota message from a player",
      source: "https://github.com/tizonia/tizonia-openmax-il/issues/695",
      input: "[YouTube] (GdataError) : Youtube Error 403: The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
      expect: { cause: "quota-exceeded" },
    },
    {
      name: "an hourly API rate limit is not a quota",
      source: "https://github.com/resume/resume.github.com/issues/55",
      input: "HTTP/1.1 403 Forbidden\nX-RateLimit-Limit: 60\nX-RateLimit-Remaining: 0\n\n{\"message\": \"API Rate Limit Exceeded for 203.0.113.7\"}",
      expect: { notCause: "quota-exceeded" },
    },
  ],
});
