import { defineCause } from "../schema.js";

export default defineCause({
  id: "bot-challenge",
  title: "Bot protection at {host|the site} challenged or blocked this client as automated",
  why: "Bot-management layers (Cloudflare challenges and Turnstile, Akamai Bot Manager, PerimeterX/HUMAN, DataDome, reCAPTCHA-gated pages, Google's unusual-traffic page) score each client by IP reputation, TLS and HTTP fingerprints, JavaScript execution, cookies and behaviour. Scripts, headless browsers, datacenter or VPN IPs and high request rates score as bots and receive a 403 with a challenge page that a real browser would solve by running JavaScript or a CAPTCHA. Retrying from the same client does not help; the challenge has to be passed or the client allow-listed.",
  fix: [
    "If you operate the site: allow the legitimate automation explicitly (a WAF/bot skip rule for its IP range, a service token or header, verified-bot settings) instead of lowering bot protection for everyone.",
    "If you are a client of someone else's site: use the site's official API or feed, or ask the owner to allow-list your client; do not try to defeat the challenge.",
    "For browser users: enable JavaScript and cookies, disable extensions that block challenge scripts (`challenges.cloudflare.com`, `*.perimeterx.net`, `*.captcha-delivery.com`), and try without VPN.",
  ],
  verify: [
    "Open {url|the URL} in a normal browser from the same network (a challenge page that passes after a few seconds confirms bot scoring)",
    "curl -s -o /dev/null -w '%{http_code}\\n' {url|URL} from the allow-listed client (expect 200)",
  ],
  separate:
    "Open the same URL in a regular browser from the same IP: a challenge page (checkbox, \"verifying you are human\", press-and-hold) that lets you through means bot scoring (bot-challenge); a static block page even for the browser means an IP/country or WAF rule (ip-denied, geo-blocked, waf-rule).",
  mistakes: [
    "Copying browser headers and cookies into a script: clearance cookies are bound to IP and fingerprint and expire quickly.",
    "Reading a challenge page (HTML with JavaScript) as the API's answer and parsing it.",
    "Retrying quickly, which raises the bot score further.",
  ],
  sources: [
    "https://developers.cloudflare.com/cloudflare-challenges/",
    "https://developers.google.com/recaptcha/docs/faq",
    "https://support.google.com/websearch/answer/86640",
  ],
  signals: [
    {
      id: "challenge-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bverify(?:ing)? (?:that )?you are (?:a )?human\b|\bare you (?:a )?(?:human|robot)\b|\bI'm not a robot\b|\bcomplete the (?:security )?(?:check|CAPTCHA)\b|\bsending automated queries\b|\bunusual traffic from your computer network\b|\busing automation tools to browse\b|\bChecking (?:if the site connection is secure|your browser before accessing)\b|\bEnable JavaScript and cookies to continue\b|\bPress (?:&|&amp;) Hold\b|\bg-recaptcha\b|\bh-captcha\b|challenges\.cloudflare\.com\/turnstile|\bcaptcha-delivery\.com\b|\bpx-captcha\b/i,
        },
      ],
      weight: 0,
      causes: { "bot-challenge": 0.7 },
      detail: "the page is a human-verification challenge or an anti-automation block",
    },
    {
      id: "captcha-word",
      role: "hint",
      when: [{ on: "body", match: /\b(?:re)?CAPTCHA\b/i }, { on: "status", in: [403, 429] }],
      weight: 0,
      causes: { "bot-challenge": 0.45 },
      detail: "the refusal page mentions a CAPTCHA",
    },
  ],
  examples: [
    {
      name: "PerimeterX block page returned to a scraper",
      source: "https://github.com/matthew1232/stockx-api/issues/19",
      input: "StatusCodeError: 403 - \"Please verify you are a human\\n Access to this page has been denied because we believe you are using automation tools to browse the website.\\n This may happen as a result of the following:\\n Javascript is disabled or blocked by an extension (ad blockers for example)\\n Your browser does not support cookies\\n Reference ID: #21dfa960-e799-11ea-b8d1-35b830d5ef89\\n Powered by PerimeterX , Inc.\"",
      expect: { cause: "bot-challenge" },
    },
    {
      name: "Google unusual-traffic page",
      source: "https://github.com/benbusby/whoogle-search/issues/42",
      input: "Our systems have detected unusual traffic from your computer network. This page checks to see if it's really you sending the requests, and not a robot.\nThis page appears when Google automatically detects requests coming from your computer network which appear to be in violation of the Terms of Service. The block will expire shortly after those requests stop. In the meantime, solving the above CAPTCHA will let you continue to use our services.",
      expect: { cause: "bot-challenge" },
    },
    {
      name: "an API quota error is not a bot challenge",
      source: "https://github.com/tokland/youtube-upload/issues/165",
      input: "{\n \"error\": {\n  \"errors\": [\n   {\n    \"domain\": \"usageLimits\",\n    \"reason\": \"dailyLimitExceeded\",\n    \"message\": \"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT).\"\n   }\n  ],\n  \"code\": 403,\n  \"message\": \"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT).\"\n }\n}",
      expect: { notCause: "bot-challenge" },
    },
  ],
});
