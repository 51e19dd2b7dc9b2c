import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "fastly",
  name: "Fastly",
  layer: "cdn",
  summary:
    "Fastly's edge answered: a VCL/Compute rule of the service (`error 403` on an ACL, geo or path match), the Next-Gen WAF (Signal Sciences) blocking the request, or a hostname that no Fastly service claims.",
  howToTell: [
    "Fastly's synthetic error page names the cache node: `Guru Mediation:` / `Details: cache-fra19123-FRA …` (self-hosted Varnish prints `XID:` instead).",
    "`Fastly error: unknown domain: <host>` means no service has that domain.",
    "Next-Gen WAF blocks answer 406 (or the configured 403) with `x-sigsci-*` headers.",
    "`x-served-by: cache-…`, `x-fastly-request-id` and `Via: 1.1 varnish` are on every response through Fastly: with the origin's own page, Fastly only passed it on.",
  ],
  sources: [
    "https://docs.fastly.com/en/guides/common-400-errors",
    "https://www.fastly.com/documentation/guides/full-site-delivery/domains-and-origins/working-with-domains/",
    "https://docs.fastly.com/en/ngwaf/agent-response-codes",
    "https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/",
  ],
  signals: [
    {
      id: "unknown-domain",
      role: "decision",
      when: [{ on: "body", match: /Fastly error: unknown domain:? ?(?<domain>[^\s<]*?)\.?(?:\s|<|$)/ }],
      weight: 0.95,
      causes: { "host-not-configured": 0.9 },
      detail: "`Fastly error: unknown domain`: no Fastly service has this hostname as a domain",
      sources: ["https://www.fastly.com/documentation/guides/full-site-delivery/domains-and-origins/working-with-domains/"],
    },
    {
      id: "synthetic-error-page",
      role: "decision",
      when: [{ on: "body", match: /Details: (?<node>cache-(?:[a-z]{3}-)?[a-z0-9]+-[A-Z]{3})\b/ }],
      weight: 0.85,
      detail: "Fastly's synthetic error page (`Guru Mediation` / `Details: cache-<node>-<POP>`): the edge wrote this response",
      sources: ["https://docs.fastly.com/en/guides/common-400-errors"],
    },
    {
      id: "ngwaf-block",
      role: "decision",
      when: [{ on: "header", name: "x-sigsci-agentresponse", match: /^\s*(?:40[0-9]|429)\b/ }],
      weight: 0.85,
      causes: { "waf-rule": 0.8 },
      detail: "x-sigsci-agentresponse: the Next-Gen WAF (Signal Sciences) agent decided to block",
      sources: ["https://docs.fastly.com/en/ngwaf/agent-response-codes"],
    },
    {
      id: "sigsci-header",
      role: "presence",
      when: [{ on: "header", name: "x-sigsci-requestid" }],
      weight: 0.5,
      detail: "x-sigsci-requestid: the Next-Gen WAF inspected the request",
    },
    {
      id: "served-by",
      role: "presence",
      when: [{ on: "header", name: "x-served-by", match: /\bcache-(?:[a-z]{3}-)?[a-z0-9]+-[A-Z]{3}\b/ }],
      weight: 0.6,
      detail: "x-served-by names a Fastly cache node",
    },
    {
      id: "request-id",
      role: "presence",
      when: [{ on: "header", name: "x-fastly-request-id" }],
      weight: 0.6,
      detail: "x-fastly-request-id header",
    },
    {
      id: "via-varnish",
      role: "presence",
      when: [{ on: "header", name: "via", match: /\bvarnish\b/i }],
      weight: 0.3,
      detail: "Via: varnish (Fastly or a self-hosted Varnish)",
    },
  ],
  causes: {
    "ip-denied": {
      prior: 0.3,
      title: "The Fastly service's VCL refuses the client's IP (ACL)",
      note: "Fastly services commonly end `vcl_recv` with `if (client.ip ~ blocklist) { error 403; }` or the inverse allowlist; the edge answers without contacting the origin.",
      fix: ["Service owner: Fastly console → the service → VCL / Edge ACLs: find the ACL used with `error 403` and add or remove {client|the client IP} (`fastly acl-entry create --acl-id ID --ip IP`), then activate the version."],
      verify: ["curl -sI {url|URL} from the same client (expect 200); `curl -sI -H 'Fastly-Debug: 1' {url|URL}` shows the serving node"],
    },
    "waf-rule": {
      prior: 0.25,
      title: "Fastly Next-Gen WAF (or a VCL rule) blocked the request",
      fix: [
        "Site owner: Next-Gen WAF console → the site → Requests, search the request id (x-sigsci-requestid) or the time; the signals show which rule or attack type blocked it; add a rule exception for the legitimate request.",
        "For a VCL block, search the service's VCL for `error 403` conditions that match this path, header or method.",
      ],
      verify: ["curl -s -o /dev/null -D - {url|URL} (expect 200 after the exception)"],
    },
    "geo-blocked": {
      prior: 0.15,
      title: "The Fastly service blocks the client's country",
      fix: ["Service owner: look for `client.geo.country_code` conditions with `error 403` in the VCL (or a Compute geo check) and adjust the list; activate the new version."],
      verify: ["curl -sI {url|URL} from the affected country (expect 200)"],
    },
    "path-blocked": {
      prior: 0.1,
      title: "The Fastly service refuses this path",
      fix: ["Service owner: search the VCL for `req.url` conditions ending in `error 403` (admin paths, dotfiles); allow {path|the path} if it should be public."],
      verify: ["curl -sI {url|URL} (expect 200)"],
    },
    "host-not-configured": {
      prior: 0.05,
      title: "No Fastly service claims the hostname {domain|}",
      note: "DNS sends the hostname to Fastly, but it is not a domain of any active service (or the client reached a Fastly IP through a stale proxy or fake DNS).",
      fix: [
        "Service owner: Fastly console → the service → Domains: add {domain|the hostname} and activate; for TLS also add it to the certificate.",
        "Visitor: if only your network sees it (proxy, fake-IP DNS), flush DNS or reconnect the proxy.",
      ],
      verify: ["curl -sI https://{host|HOST}/ (expect the site; `Fastly error: unknown domain` gone)"],
    },
    "rate-limited": {
      prior: 0.05,
      title: "A Fastly rate limiter refused the client",
      fix: ["Slow down; service owner: check Edge Rate Limiting / Next-Gen WAF rate limit rules for this path."],
      verify: ["curl -sI {url|URL} after the penalty window (expect 200)"],
    },
  },
  examples: [
    {
      name: "unknown domain page",
      source: "https://github.com/mpv-player/mpv/issues/4395",
      input: "Fastly error: unknown domain: mpv.io. Please check that this domain has been added to a service.",
      expect: { responder: "fastly", cause: "host-not-configured" },
    },
    {
      name: "unknown domain with node details",
      source: "https://github.com/XTLS/Xray-core/issues/748",
      input:
        "Fastly error: unknown domain: github.com. Please check that this domain has been added to a service.\nDetails: cache-sjc10062-SJC",
      expect: { responder: "fastly", cause: "host-not-configured" },
    },
    {
      name: "synthetic 403 from VCL",
      source: "https://github.com/alphagov/govuk-cdn-config/pull/148",
      input:
        "HTTP/1.1 403 Forbidden\nServer: Varnish\nVia: 1.1 varnish\nX-Served-By: cache-lhr7321-LHR\nX-Cache: MISS\nContent-Type: text/html; charset=utf-8\n\nError 403 Forbidden\nForbidden\n\nGuru Mediation:\nDetails: cache-lhr7321-LHR 1554897612 1863748493\n\nVarnish cache server\n",
      expect: { responder: "fastly", cause: "ip-denied" },
    },
    {
      name: "Next-Gen WAF block",
      source: "https://docs.fastly.com/en/ngwaf/agent-response-codes",
      input:
        "HTTP/1.1 403 Forbidden\nContent-Type: text/plain\nx-sigsci-requestid: 5f2a1b3c4d5e6f708192a3b4\nx-sigsci-agentresponse: 403\nx-served-by: cache-iad-kiad7000123-IAD\nx-fastly-request-id: 1a2b3c4d5e6f7a8b9c0d\n\nForbidden",
      expect: { responder: "fastly", cause: "waf-rule" },
    },
    {
      name: "self-hosted Varnish error page is not Fastly",
      source: "https://github.com/varnishcache/varnish-cache/issues/1784",
      input: "HTTP/1.1 403 Forbidden\nServer: Varnish\nX-Varnish: 631911360\nContent-Type: text/html; charset=utf-8\n\nError 403 Forbidden\nForbidden\nGuru Meditation:\nXID: 631911360\nVarnish cache server\n",
      expect: { notResponder: "fastly" },
    },
    {
      name: "origin nginx 403 through Fastly",
      source: "https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/",
      input:
        "HTTP/1.1 403 Forbidden\nVia: 1.1 varnish\nX-Served-By: cache-fra19123-FRA\nX-Cache: MISS\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n",
      expect: { notResponder: "fastly" },
    },
  ],
});
