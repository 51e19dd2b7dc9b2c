import { defineCause } from "../schema.js";

export default defineCause({
  id: "host-not-configured",
  title: "No site is configured at the edge for the host {host|in the request}",
  why: "CDNs, gateways and dev servers pick the site by the Host header (and TLS SNI). When the name is not attached to any distribution, zone, service or allow-list (a CNAME that points at CloudFront but is not an alternate domain name, a custom domain without an API mapping, a bare IP address, a dev server's host check), the edge has nothing to route to and refuses with 403 or 400.",
  fix: [
    "Attach the name to the edge that serves it: CloudFront > Distribution > General > Settings > Alternate domain names (CNAMEs) must list `{host|www.example.com}` and the certificate must cover it; API Gateway > Custom domain names > API mappings must map the domain (and base path) to an API stage; on Cloudflare, Fastly or a PaaS, add the domain to the zone/service/site.",
    "Call the site by its name, not by an IP address: `curl https://{host|www.example.com}/` rather than `curl https://203.0.113.10/`.",
    "Dev servers and frameworks with a host allow-list: add the public name (Vite `server.allowedHosts`/`preview.allowedHosts`, Django `ALLOWED_HOSTS`, Rails `config.hosts`, webpack-dev-server `allowedHosts`).",
  ],
  verify: [
    "curl -sI https://{host|www.example.com}/ (expect 200/3xx, not 403); `dig +short {host|www.example.com}` points at the distribution or service that now lists the name",
  ],
  separate:
    "Request the same path through the edge's own default name (`https://dxxxx.cloudfront.net/`, `https://API_ID.execute-api.REGION.amazonaws.com/STAGE/`, the service's default URL): if that works and `{host|your domain}` gets 403, the domain is not configured on the edge; if both fail, look further in (origin, auth, WAF).",
  mistakes: [
    "Creating the DNS CNAME but never adding the alternate domain name to the CloudFront distribution (or adding it to a different distribution).",
    "Testing with an IP address or a load balancer's DNS name that no site is configured for.",
    "Creating an API Gateway custom domain name without an API mapping (base path mapping) to a deployed stage.",
    "Setting a wildcard like `*.example.com` and expecting it to cover the apex `example.com`.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html",
    "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1003/",
    "https://vite.dev/config/server-options#server-allowedhosts",
  ],
  signals: [
    {
      id: "url-is-ip",
      role: "hint",
      when: [{ on: "url", match: /^https?:\/\/(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:[/?#]|$)/ }, { on: "status", in: [403, 400, 404] }],
      weight: 0,
      causes: { "host-not-configured": 0.35 },
      responders: ["unknown", "cloudflare", "aws-cloudfront", "akamai", "fastly", "gcp-frontend", "vercel", "netlify", "aws-elb", "imperva", "sucuri"],
      detail: "the request went to a bare IP address: no site name for the edge to route by",
    },
    {
      id: "host-header-is-ip",
      role: "hint",
      when: [{ on: "request-header", name: "host", match: /^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?$/ }, { on: "status", in: [403, 400, 404] }],
      weight: 0,
      causes: { "host-not-configured": 0.35 },
      responders: ["unknown", "cloudflare", "aws-cloudfront", "akamai", "fastly", "gcp-frontend", "vercel", "netlify", "aws-elb", "imperva", "sucuri"],
      detail: "the Host header is an IP address",
    },
    {
      id: "host-not-allowed-text",
      role: "hint",
      when: [{ on: "body", match: /Blocked request\. This host \("?(?<blockedHost>[^"\s)]+)"?\) is not allowed|Blocked hosts?: \S+|Invalid HTTP_HOST header|Invalid Host header|Direct IP access not allowed|unknown domain: \S+|domain (?:is )?not (?:configured|found) (?:on|at|for) (?:this|our)/i }],
      weight: 0,
      causes: { "host-not-configured": 0.85 },
      detail: "the server or edge says it does not serve this host name",
      sources: ["https://vite.dev/config/server-options#server-allowedhosts", "https://guides.rubyonrails.org/configuring.html#actiondispatch-hostauthorization"],
    },

    {
      id: "probe-other-name-served",
      role: "hint",
      when: [{ on: "probe", name: "host-variant-ok" }],
      weight: 0,
      // the same client at the same address is served under the other name: not a rule about the client
      causes: { "host-not-configured": 0.8, "ip-denied": -0.8, "user-agent-blocked": -0.6 },
      detail: "live probe: the other name of this host (www. toggled) is served at the same address: this name is not set up there",
    },

    {
      id: "probe-whole-name-refused",
      role: "hint",
      when: [
        { on: "probe", name: "site-root-denied" },
        { on: "url", match: /^https?:\/\/(?:(?:\d{1,3}\.){3}\d{1,3}|\[)/, absent: true },
      ],
      weight: 0,
      causes: { "host-not-configured": 0.3 },
      responders: ["nginx", "apache", "iis", "unknown", "envoy"],
      detail: "live probe: everything under this host name is refused: a server that answers from its default virtual host (the name is not in any server_name / ServerName) refuses the same way",
    },
  ],
  examples: [
    {
      name: "Vite dev server host check",
      source: "https://github.com/Niek/chatgpt-web/issues/557",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nBlocked request. This host (\"chat.example.net\") is not allowed.\nTo allow this host, add \"chat.example.net\" to `server.allowedHosts` in vite.config.js.",
      expect: { cause: "host-not-configured" },
    },
    {
      name: "curl to a bare IP answered 403",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-403-permission-denied.html",
      input: "$ curl -v http://203.0.113.10/\n*   Trying 203.0.113.10:80...\n* Connected to 203.0.113.10 (203.0.113.10) port 80 (#0)\n> GET / HTTP/1.1\n> Host: 203.0.113.10\n> User-Agent: curl/8.4.0\n> Accept: */*\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n< Connection: close\n<",
      expect: { cause: "host-not-configured" },
    },
    {
      name: "a named host with a permission-denied log is not a host problem",
      source: "https://github.com/leafo/lapis/issues/277",
      input: '2015/04/22 04:36:08 [error] 3958#0: *1 open() "/srv/site/static/main.js" failed (13: Permission denied), client: 10.0.0.1, server: example.com, request: "GET /static/main.js HTTP/1.1", host: "example.com"',
      expect: { notCause: "host-not-configured" },
    },

    {
      name: "live probe: CloudFront serves www. but not the bare domain (missing alternate domain name)",
      source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html",
      input: "HTTP/1.1 403 Forbidden\nServer: CloudFront\nContent-Type: text/html\nX-Cache: Error from cloudfront\nVia: 1.1 8f22423015641505b8c857a37450d6c0.cloudfront.net (CloudFront)\nX-Amz-Cf-Pop: IAD89-P1\nX-Amz-Cf-Id: Tdx8wpKa0VjpgD2PVcKUXGRM8BKxxT2MmU1Nmbi2xPyYk4VVM5WJvA==\n\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\nBad request.\nWe can't connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n<BR clear=\"all\">\n<HR noshade size=\"1px\">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: Tdx8wpKa0VjpgD2PVcKUXGRM8BKxxT2MmU1Nmbi2xPyYk4VVM5WJvA==\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>",
      probes: ["host-variant-ok"],
      expect: { cause: "host-not-configured" },
    },

    {
      name: "live probe: nginx's default server refuses the bare domain; www. is served at the same address",
      source: "https://nginx.org/en/docs/http/request_processing.html",
      input: "> GET / HTTP/1.1\n> Host: shop.example\n> User-Agent: curl/8.5.0\n>\n< HTTP/1.1 403 Forbidden\n< Server: nginx/1.22.1\n< Content-Type: text/html\n<\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      probes: ["site-root-denied", "host-variant-ok"],
      expect: { cause: "host-not-configured" },
    },
  ],
});
