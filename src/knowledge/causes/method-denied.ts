import { defineCause } from "../schema.js";

export default defineCause({
  id: "method-denied",
  title: "The HTTP method {method|used} is not allowed here, and the server says so with 403",
  why: "Many layers allow only some methods per path and refuse the rest with 403 instead of 405: a CloudFront cache behavior that allows only GET/HEAD (or GET/HEAD/OPTIONS), nginx `limit_except`, WebDAV or IIS handler mappings (IIS 403.1 \"execute access forbidden\"), a WAF rule against TRACE/PUT/DELETE, an S3 website endpoint that only serves GET/HEAD, or an app route defined for GET only.",
  fix: [
    "CloudFront: Distributions > Behaviors > edit the behavior for {path|the path} > Allowed HTTP methods: `GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE` when the origin needs writes (and an origin that accepts them).",
    "nginx: extend or remove the `limit_except GET { deny all; }` block in the location that matches; Apache: `<LimitExcept GET POST>` / `Require` lines; IIS: enable Script/Execute in Handler Mappings > Edit Feature Permissions (403.1) or allow the verb in Request Filtering > HTTP Verbs.",
    "S3 website endpoints only serve GET/HEAD: send uploads to the REST endpoint (or an API) instead.",
    "If the method is wrong on the client (POST instead of PUT, a GET with a body), change the call to what the API documents.",
  ],
  verify: [
    "curl -si -X OPTIONS {url|URL} (the Allow header, if any, lists accepted methods)",
    "curl -si -X {method|POST} {url|URL} (expect 2xx once the method is allowed)",
  ],
  separate:
    "Send GET (or HEAD) to the same URL with the same credentials: 200 for GET and 403 for {method|the other method} means a method rule; 403 for both means an access rule that does not depend on the method.",
  mistakes: [
    "Allowing all methods on a CloudFront behavior whose origin is an S3 REST bucket, which then lets viewers write if OAC/OAI permissions allow it.",
    "Testing with a browser (GET) and concluding the POST path works.",
    "Forgetting OPTIONS for CORS preflights when restricting methods.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html#DownloadDistValuesAllowedHTTPMethods",
    "https://nginx.org/en/docs/http/ngx_http_core_module.html#limit_except",
    "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/405",
  ],
  signals: [
    {
      id: "method-not-allowed-text",
      role: "hint",
      when: [{ on: "body", match: /not configured to allow the HTTP request method|\b(?:HTTP )?method (?:is )?not (?:allowed|permitted|supported)\b|\bMethodNotAllowed\b|The specified method is not allowed against this resource|\bverb (?:is )?(?:denied|not allowed)\b/i }],
      weight: 0,
      causes: { "method-denied": 0.8 },
      detail: "the response says the HTTP method is not allowed here",
    },
    {
      id: "trace-or-webdav-method",
      role: "hint",
      when: [{ on: "method", in: ["TRACE", "TRACK", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "CONNECT"] }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "method-denied": 0.55 },
      detail: "a TRACE or WebDAV method was refused",
    },
    {
      id: "write-method-with-allow-header",
      role: "hint",
      when: [{ on: "method", in: ["POST", "PUT", "PATCH", "DELETE"] }, { on: "header", name: "allow", match: /^\s*(?:GET|HEAD|OPTIONS)(?:\s*,\s*(?:GET|HEAD|OPTIONS))*\s*$/i }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "method-denied": 0.7 },
      detail: "a write method got 403 and the Allow header lists only read methods",
    },

    {
      id: "probe-only-method-refused",
      role: "hint",
      when: [
        { on: "probe", name: "ok-with-safe-method" },
        { on: "method", in: ["POST", "PUT", "PATCH", "DELETE", "HEAD"] },
      ],
      weight: 0,
      // only the method changed: the other causes would refuse the GET too
      causes: { "method-denied": 0.8, "directory-listing": -0.8, "filesystem-permission": -0.8, "ip-denied": -0.8, "path-blocked": -0.6, "user-agent-blocked": -0.8, "referer-denied": -0.6, "waf-rule": -0.4 },
      // an application that serves GET but refuses POST is more often checking a CSRF token or write permission (see csrf)
      responders: ["nginx", "apache", "iis", "unknown", "envoy", "proxy", "modsecurity", "aws-cloudfront", "cloudflare", "akamai", "fastly", "azure-frontdoor"],
      detail: "live probe: GET of the same URL is served; only this method is refused",
    },

    {
      id: "probe-get-alone-refused",
      role: "hint",
      when: [
        { on: "probe", name: "ok-with-head" },
        { on: "method", in: ["GET"] },
      ],
      weight: 0,
      causes: { "method-denied": 0.6, "directory-listing": -0.6, "filesystem-permission": -0.6, "ip-denied": -0.8 },
      detail: "live probe: HEAD of the same URL is served while GET is refused: a rule on the method",
    },
  ],
  examples: [
    {
      name: "CloudFront behavior allows only cacheable methods",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html",
      input: "> POST /api/contact HTTP/2\n> Host: www.example.com\n> content-type: application/json\n>\n< HTTP/2 403\n< content-type: text/html\n< server: CloudFront\n< x-cache: Error from cloudfront\n<\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\nThis distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.",
      expect: { cause: "method-denied" },
    },
    {
      name: "TRACE refused by a server",
      source: "https://httpd.apache.org/docs/2.4/mod/core.html#traceenable",
      input: "$ curl -v -X TRACE https://www.example.com/\n> TRACE / HTTP/1.1\n> Host: www.example.com\n> User-Agent: curl/8.4.0\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n<",
      expect: { cause: "method-denied" },
    },
    {
      name: "DELETE refused, Allow lists read methods only",
      source: "https://www.rfc-editor.org/rfc/rfc9110.html#name-allow",
      input: "> DELETE /files/report.pdf HTTP/1.1\n> Host: files.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Allow: GET, HEAD, OPTIONS\n< Content-Length: 0\n<",
      expect: { cause: "method-denied" },
    },
    {
      name: "a CSRF failure on POST is not a method rule",
      source: "https://docs.djangoproject.com/en/stable/ref/csrf/",
      input: "> POST /accounts/login/ HTTP/1.1\n> Host: app.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: text/html\n<\n<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>",
      expect: { notCause: "method-denied" },
    },

    {
      name: "live probe: nginx refuses POST where GET is served (limit_except)",
      source: "https://nginx.org/en/docs/http/ngx_http_core_module.html#limit_except",
      input: "> POST /upload/ HTTP/1.1\n> Host: files.example.com\n> User-Agent: curl/8.5.0\n> Content-Type: application/x-www-form-urlencoded\n>\n< HTTP/1.1 403 Forbidden\n< Server: nginx/1.22.1\n< Content-Type: text/html\n<\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      probes: ["ok-with-safe-method"],
      expect: { cause: "method-denied" },
    },

    {
      name: "live probe: HEAD served, GET refused",
      source: "https://httpd.apache.org/docs/2.4/mod/core.html#limitexcept",
      input: "> GET /feed HTTP/1.1\n> Host: www.example.com\n> User-Agent: curl/8.5.0\n>\n< HTTP/1.1 403 Forbidden\n< Server: nginx/1.22.1\n< Content-Type: text/html\n<\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      probes: ["ok-with-head"],
      expect: { cause: "method-denied" },
    },
  ],
});
