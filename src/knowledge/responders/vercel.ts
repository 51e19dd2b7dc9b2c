import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "vercel",
  name: "Vercel",
  layer: "platform",
  summary:
    "Vercel's edge network answered instead of the deployment: the Vercel Firewall (custom WAF rules, IP blocks, bot protection / Attack Challenge Mode), Deployment Protection (Vercel Authentication, password, trusted IPs), or a deployment the platform has blocked.",
  howToTell: [
    "Vercel's own error page reads `403: FORBIDDEN` / `Code: DEPLOYMENT_BLOCKED` / `ID: fra1::abcde-1700000000000-0123456789ab`, and the `x-vercel-error` header carries the same code.",
    "Firewall decisions set `x-vercel-mitigated: deny` or `x-vercel-mitigated: challenge` (the `Vercel Security Checkpoint` page).",
    "Deployment Protection sends browsers to `vercel.com/sso-api` and sets `_vercel_sso_nonce`.",
    "`x-vercel-id`, `x-vercel-cache` and `Server: Vercel` are on every response: a 403 from the app's own code (Next.js middleware, an API route) carries them too.",
  ],
  sources: [
    "https://vercel.com/docs/errors",
    "https://vercel.com/docs/errors/DEPLOYMENT_BLOCKED",
    "https://vercel.com/docs/vercel-firewall/vercel-waf/custom-rules",
    "https://vercel.com/docs/vercel-firewall/attack-challenge-mode",
    "https://vercel.com/docs/security/deployment-protection",
  ],
  signals: [
    {
      id: "error-page",
      role: "decision",
      when: [
        { on: "body", match: /\b(?<statusCode>40[0-9]): (?<statusName>[A-Z][A-Z_]+)\b/ },
        { on: "body", match: /\bCode:\s*(?:<[^>\n]{0,80}>\s*)?(?<code>[A-Z][A-Z0-9_]{3,})\b/ },
      ],
      weight: 0.85,
      detail: "Vercel's platform error page (`403: FORBIDDEN` / `Code: …` / `ID: …`)",
      sources: ["https://vercel.com/docs/errors"],
    },
    {
      id: "request-id-in-body",
      role: "decision",
      when: [{ on: "body", match: /\bID:\s*(?:<[^>\n]{0,80}>\s*)?(?<requestId>(?:[a-z]{3}\d::){1,3}[a-z0-9]{5}-\d{13}-[0-9a-f]{12})\b/ }],
      weight: 0.8,
      detail: "a Vercel request ID (`fra1::abcde-1700000000000-…`) printed on Vercel's error page",
    },
    {
      id: "x-vercel-error",
      role: "decision",
      when: [{ on: "header", name: "x-vercel-error", match: /(?<code>[A-Z][A-Z0-9_]+)/ }],
      weight: 0.9,
      detail: "x-vercel-error header: the platform produced this error ({code})",
      sources: ["https://vercel.com/docs/errors"],
    },
    {
      id: "deployment-blocked",
      role: "decision",
      when: [{ on: "body", match: /\bDEPLOYMENT_BLOCKED\b|This deployment is (?:temporarily )?blocked/i }],
      weight: 0.9,
      causes: { "account-disabled": 0.85 },
      detail: "DEPLOYMENT_BLOCKED: Vercel blocked the deployment (team or account blocked, plan limits or fair-use review)",
      sources: ["https://vercel.com/docs/errors/DEPLOYMENT_BLOCKED"],
    },
    {
      id: "deployment-disabled",
      role: "decision",
      when: [{ on: "body", match: /\bDEPLOYMENT_(?:DISABLED|PAUSED)\b|This Deployment (?:has been disabled|is paused by the owner)/i }],
      weight: 0.9,
      causes: { "account-disabled": 0.85 },
      detail: "DEPLOYMENT_DISABLED / DEPLOYMENT_PAUSED: the deployment is switched off by Vercel or its owner",
      sources: ["https://vercel.com/docs/errors"],
    },
    {
      id: "mitigated-deny",
      role: "decision",
      when: [{ on: "header", name: "x-vercel-mitigated", match: /\bdeny\b/i }],
      weight: 0.9,
      causes: { "waf-rule": 0.75, "ip-denied": 0.35 },
      detail: "x-vercel-mitigated: deny: a Vercel Firewall rule (custom rule, IP block or managed ruleset) denied the request",
      sources: ["https://vercel.com/docs/vercel-firewall/vercel-waf/custom-rules"],
    },
    {
      id: "mitigated-challenge",
      role: "decision",
      when: [{ on: "header", name: "x-vercel-mitigated", match: /\bchallenge\b/i }],
      weight: 0.9,
      causes: { "bot-challenge": 0.9 },
      detail: "x-vercel-mitigated: challenge: the Vercel Firewall served its Security Checkpoint challenge",
      sources: ["https://vercel.com/docs/vercel-firewall/attack-challenge-mode"],
    },
    {
      id: "security-checkpoint",
      role: "decision",
      when: [{ on: "body", match: /Vercel Security Checkpoint|vercel\/security\/static\/challenge/ }],
      weight: 0.9,
      causes: { "bot-challenge": 0.9 },
      detail: "Vercel Security Checkpoint page (bot protection / Attack Challenge Mode)",
    },
    {
      id: "vercel-authentication",
      role: "decision",
      when: [{ on: "body", match: /vercel\.com\/sso-api\b|_vercel_sso_nonce|Vercel Authentication/ }],
      weight: 0.85,
      causes: { "sso-required": 0.85 },
      detail: "Deployment Protection (Vercel Authentication): the deployment requires a Vercel login",
      sources: ["https://vercel.com/docs/security/deployment-protection/methods-to-protect-deployments/vercel-authentication"],
    },
    {
      id: "sso-nonce-cookie",
      role: "decision",
      when: [{ on: "cookie", name: /^_vercel_sso_nonce$/ }],
      weight: 0.8,
      causes: { "sso-required": 0.8 },
      detail: "_vercel_sso_nonce cookie set: Vercel Authentication started a login",
    },
    {
      id: "vercel-id",
      role: "presence",
      when: [{ on: "header", name: "x-vercel-id" }],
      weight: 0.6,
      detail: "x-vercel-id: the response came through Vercel's edge",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Vercel\b/i }],
      weight: 0.5,
      detail: "Server: Vercel",
    },
    {
      id: "vercel-cache",
      role: "presence",
      when: [{ on: "header", name: "x-vercel-cache" }],
      weight: 0.4,
      detail: "x-vercel-cache header",
    },
  ],
  causes: {
    "waf-rule": {
      prior: 0.3,
      title: "A Vercel Firewall rule denied the request",
      fix: [
        "Project owner: Vercel dashboard → the project → Firewall → Traffic (filter Denied) shows the rule; edit or disable the custom rule or managed ruleset entry, or add a Bypass rule for the legitimate client (`vercel firewall` CLI lists and edits rules).",
      ],
      verify: ["curl -sI {url|URL} | grep -i x-vercel-mitigated (expect no header and status 200)"],
    },
    "bot-challenge": {
      prior: 0.25,
      title: "Vercel's Security Checkpoint challenged the client",
      note: "Bot protection, a Challenge rule or Attack Challenge Mode returned the checkpoint page; scripts, crawlers and uptime monitors cannot pass it.",
      fix: [
        "Project owner: Firewall → turn off Attack Challenge Mode when the attack is over, narrow the Challenge rule, or add a Bypass rule for your monitor/integration (by IP or a secret header).",
        "Verified bots (search engines) pass automatically; other automation needs a bypass rule.",
      ],
      verify: ["curl -sI {url|URL} | grep -i x-vercel-mitigated (expect no `challenge`)"],
    },
    "ip-denied": {
      prior: 0.15,
      title: "Vercel blocks the client's IP address",
      fix: ["Project owner: Firewall → IP Blocking (or a custom rule on ip_address): remove {client|the client IP}; for Deployment Protection's Trusted IPs, add the address."],
      verify: ["curl -sI {url|URL} from the same IP (expect 200)"],
    },
    "sso-required": {
      prior: 0.15,
      title: "Vercel Deployment Protection requires a Vercel login",
      note: "Preview (and optionally production) deployments protected by Vercel Authentication only serve logged-in members of the team; other clients are sent to the Vercel login.",
      fix: [
        "Log in to Vercel with an account that is a member of the team, or open the deployment from the dashboard.",
        "For automation (E2E tests, webhooks), use Protection Bypass for Automation: send `x-vercel-protection-bypass: $SECRET`; or turn protection off under Settings → Deployment Protection.",
      ],
      verify: ["curl -sI -H \"x-vercel-protection-bypass: $VERCEL_AUTOMATION_BYPASS_SECRET\" {url|URL} (expect 200)"],
    },
    "account-disabled": {
      prior: 0.1,
      title: "Vercel has blocked or disabled this deployment",
      note: "DEPLOYMENT_BLOCKED/DISABLED means the platform, not the app, refuses to serve the deployment: the team or account is blocked, a plan limit or fair-use review applies, or the owner paused it.",
      fix: [
        "Owner: Vercel dashboard → team Settings → Billing / Usage and any notice on the team; resolve the block (upgrade, reduce usage, contact Vercel support), then redeploy.",
        "Visitor: only the site owner can fix this.",
      ],
      verify: ["curl -sI {url|URL} | grep -i x-vercel-error (expect no DEPLOYMENT_BLOCKED and status 200)"],
    },
  },
  examples: [
    {
      name: "DEPLOYMENT_BLOCKED error page",
      source: "https://vercel.com/docs/errors/DEPLOYMENT_BLOCKED",
      input:
        "HTTP/2 403\ncontent-type: text/plain; charset=utf-8\nserver: Vercel\nx-vercel-error: DEPLOYMENT_BLOCKED\nx-vercel-id: fra1::8xk2p-1704985243623-a79d9a35cdea\n\nThe deployment is blocked.\n\n403: FORBIDDEN\nCode: DEPLOYMENT_BLOCKED\nID: fra1::8xk2p-1704985243623-a79d9a35cdea\n",
      expect: { responder: "vercel", cause: "account-disabled" },
    },
    {
      name: "DEPLOYMENT_DISABLED page as rendered text",
      source: "https://github.com/kangoka/tiktodv3/issues/184",
      input:
        "This Deployment has been disabled.\nYour connection is working correctly.\nVercel is working correctly.\n402: PAYMENT_REQUIRED\nCode: DEPLOYMENT_DISABLED\nID: arn1::6zsv8-1704985243623-a79d9a35cdea\n",
      expect: { responder: "vercel", cause: "account-disabled" },
    },
    {
      name: "firewall deny",
      source: "https://vercel.com/docs/vercel-firewall/vercel-waf/custom-rules",
      input:
        "HTTP/2 403\ncache-control: private, no-store\ncontent-type: text/plain\nserver: Vercel\nx-vercel-id: iad1::abcde-1730000000000-0123456789ab\nx-vercel-cache: MISS\nx-vercel-mitigated: deny\n\nForbidden",
      expect: { responder: "vercel", cause: "waf-rule" },
    },
    {
      name: "security checkpoint for a script",
      source: "https://vercel.com/docs/vercel-firewall/attack-challenge-mode",
      input:
        "HTTP/2 403\ncontent-type: text/html; charset=utf-8\nserver: Vercel\nx-vercel-mitigated: challenge\nx-vercel-challenge-token: 2.1730000000.60.abc\n\n<!DOCTYPE html><html><head><title>Vercel Security Checkpoint</title></head><body><script src=\"/.well-known/vercel/security/static/challenge.v2.min.js\"></script></body></html>",
      expect: { responder: "vercel", cause: "bot-challenge" },
    },
    {
      name: "Vercel Authentication on a preview deployment",
      source: "https://vercel.com/docs/security/deployment-protection/methods-to-protect-deployments/vercel-authentication",
      input:
        "HTTP/2 401\nserver: Vercel\nset-cookie: _vercel_sso_nonce=abc123; Path=/; HttpOnly; Secure\nx-vercel-id: fra1::xyzab-1730000000000-0123456789ab\n\n<!doctype html><html><head><title>Authentication Required</title></head><body><a href=\"https://vercel.com/sso-api?url=https%3A%2F%2Fmy-app-git-feature.vercel.app\">Log in to Vercel</a></body></html>",
      expect: { responder: "vercel", cause: "sso-required" },
    },
    {
      name: "Next.js app's own 403 on Vercel is the app's",
      source: "https://github.com/anilibria/docs/issues/40",
      input:
        'HTTP/2 403\ncontent-type: application/json\nserver: Vercel\nx-vercel-id: fra1::iad1::qwert-1712400000000-abcdef012345\nx-vercel-cache: MISS\n\n{"timestamp":"2024-04-06T10:00:00.000+00:00","status":403,"error":"Forbidden","path":"/api/title"}',
      expect: { notResponder: "vercel" },
    },
  ],
});
