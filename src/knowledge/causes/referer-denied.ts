import { defineCause } from "../schema.js";

export default defineCause({
  id: "referer-denied",
  title: "The Referer check (hotlink protection or a key's referrer restriction) refused this request",
  why: "Some servers only serve a resource when the `Referer` header names an allowed site: hotlink protection for images and media (nginx `valid_referers`, Apache `RewriteCond %{HTTP_REFERER}`, Cloudflare Hotlink Protection, S3 policies with `aws:Referer`), and browser API keys restricted to HTTP referrers (Google Cloud API keys). A request from another site, from a page with `Referrer-Policy: no-referrer`, or from a script without the header is refused.",
  fix: [
    "If you own the site: add the calling site to the allowed referrers (nginx `valid_referers none blocked server_names *.example.com;`, Cloudflare Scrape Shield > Hotlink Protection exceptions, the S3 policy's `aws:Referer` list), or drop the check for this path.",
    "Google Cloud API keys: APIs & Services > Credentials > the key > Application restrictions > Websites: add `https://{host|app.example.com}/*` (pattern with scheme and path wildcard); for server-side calls use an IP-restricted or unrestricted key instead, since servers send no Referer.",
    "If you are the client: load the resource from the page that is allowed to embed it, or host your own copy; do not forge Referer headers against someone else's policy.",
  ],
  verify: [
    "curl -sI -H 'Referer: https://{host|allowed.example.com}/' {url|URL} (expect 200) and without the header (shows whether empty referers are allowed)",
  ],
  separate:
    "Request the same URL with no Referer, with the site's own origin as Referer, and with a foreign one: a 200/403 split by Referer is the referer check; the same 403 for all three is something else.",
  mistakes: [
    "Treating the Referer as authentication: it is trivially set by any non-browser client and stripped by privacy settings.",
    "Forgetting `none`/`blocked` in `valid_referers`, which breaks direct visits and privacy-conscious browsers.",
    "Adding `example.com` to a Google API key's website restrictions without the scheme/path wildcard pattern, or using a referrer-restricted key from a server.",
  ],
  sources: [
    "https://nginx.org/en/docs/http/ngx_http_referer_module.html",
    "https://developers.cloudflare.com/waf/tools/scrape-shield/hotlink-protection/",
    "https://cloud.google.com/docs/authentication/api-keys#adding-application-restrictions",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html#example-bucket-policies-HTTP-HTTPS",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referer",
  ],
  signals: [
    {
      id: "referer-blocked-text",
      role: "hint",
      when: [{ on: "body", match: /Requests from referer (?<referer>\S*) are blocked|API_KEY_HTTP_REFERRER_BLOCKED|RefererNotAllowedMapError|\bhotlink(?:ing)?\b[^\n]{0,60}\b(?:not allowed|protection|denied|forbidden)|does not allow hotlinking|referr?er (?:is )?(?:not allowed|blocked|denied|invalid)|invalid referr?er/i }],
      weight: 0,
      causes: { "referer-denied": 0.85 },
      detail: "the response says the Referer was not allowed (hotlink protection or a key's referrer restriction)",
    },
    {
      id: "media-with-foreign-referer",
      role: "hint",
      when: [
        { on: "fact", name: "referer-cross-site" },
        { on: "url", match: /\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|mp4|webm|mov|m3u8|ts|mp3|ogg|wav|pdf|zip|woff2?|ttf)(?:[?#]|$)/i },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "referer-denied": 0.3 },
      responders: ["nginx", "apache", "iis", "cloudflare", "fastly", "akamai", "netlify", "vercel", "unknown"],
      detail: "a media/static file requested with a Referer was refused: hotlink protection is a common reason",
    },

    {
      id: "probe-referer-refused",
      role: "hint",
      when: [{ on: "probe", name: "ok-without-referer" }],
      weight: 0,
      causes: { "referer-denied": 0.9, "waf-rule": -0.5, "directory-listing": -0.8, "filesystem-permission": -0.8, "ip-denied": -0.8, "path-blocked": -0.6, "user-agent-blocked": -0.8 },
      detail: "live probe: the same request without its Referer is served: the Referer is what is refused",
    },
  ],
  examples: [
    {
      name: "Google Maps key restricted to other referrers",
      source: "https://cloud.google.com/docs/authentication/api-keys#adding-application-restrictions",
      input: "{\n  \"error\": {\n    \"code\": 403,\n    \"message\": \"Requests from referer https://staging.example.com/ are blocked.\",\n    \"status\": \"PERMISSION_DENIED\",\n    \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"API_KEY_HTTP_REFERRER_BLOCKED\", \"domain\": \"googleapis.com\"}]\n  }\n}",
      expect: { cause: "referer-denied" },
    },
    {
      name: "Cloudflare hotlink block for an image",
      source: "https://github.com/qsniyg/maxurl/issues/180",
      input: "Error 1011 Ray ID: 549c902f7a33e03f • 2019-12-23 18:57:47 UTC\nAccess denied\nWhat happened?\nThe owner of this website (akibatan.com) does not allow hotlinking to that resource (/wp-content/uploads/2017/06/music-theatre-2017-live-report-09.jpg).",
      expect: { cause: "referer-denied" },
    },
    {
      name: "nginx valid_referers on an image requested from another site",
      source: "https://github.com/EasyEngine/easyengine/issues/55",
      input: "> GET /wp-content/uploads/2023/01/photo.jpg HTTP/1.1\n> Host: www.example.com\n> Referer: https://other-site.example.net/gallery\n> User-Agent: Mozilla/5.0\n>\n< HTTP/1.1 403 Forbidden\n< Server: nginx\n< Content-Length: 0\n<",
      expect: { cause: "referer-denied" },
    },
    {
      name: "Django's Referer check is CSRF, not hotlinking",
      source: "https://docs.djangoproject.com/en/stable/ref/csrf/",
      input: "Forbidden (403)\nCSRF verification failed. Request aborted.\n\nReason given for failure:\n    Referer checking failed - no Referer.",
      expect: { notCause: "referer-denied" },
    },

    {
      name: "live probe: nginx valid_referers refuses a foreign Referer",
      source: "https://nginx.org/en/docs/http/ngx_http_referer_module.html",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["ok-without-referer"],
      expect: { cause: "referer-denied" },
    },
  ],
});
