import { defineCause } from "../schema.js";

export default defineCause({
  id: "directory-listing",
  title: "A directory was requested, it has no index file and listing is disabled",
  why: "When the URL maps to a directory, the server looks for an index file (index.html, index.php, a default document); when there is none and automatic listing is off, it refuses with 403 rather than show the directory's contents.",
  fix: [
    "Request the file itself rather than the directory, or add the index file the server looks for (index.html / index.php / the default document) to {path|the directory}.",
    "If a listing is really wanted, enable it for that directory only (nginx `autoindex on;`, Apache `Options +Indexes`, IIS Directory Browsing).",
  ],
  verify: ["curl -sI {url|https://HOST/DIR/} (expect 200 once an index file exists, or a listing when enabled)"],
  separate:
    "Request a file you know exists inside the same directory: 200 means the directory itself is the problem (no index, listing off); 403 again points at permissions or an access rule.",
  mistakes: [
    "Enabling directory listing site-wide to silence the error, which exposes every file in every directory.",
    "Uploading index.html to the wrong document root (check the `root`/`DocumentRoot` the server really uses).",
  ],
  sources: [
    "https://nginx.org/en/docs/http/ngx_http_index_module.html",
    "https://httpd.apache.org/docs/2.4/mod/mod_dir.html#directoryindex",
    "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
  ],
  signals: [
    {
      id: "path-is-directory",
      role: "hint",
      when: [
        { on: "url", match: /^(?:https?:\/\/[^/?#]+)?(?:\/[^?#]*)?\/(?:[?#].*)?$/ },
        { on: "status", in: [403] },
      ],
      weight: 0,
      causes: { "directory-listing": 0.3 },
      responders: ["nginx", "apache", "iis", "unknown"],
      detail: "the requested path ends in `/`: a directory",
    },
    {
      id: "listing-words",
      role: "hint",
      when: [{ on: "body", match: /(?:directory listing (?:denied|is not allowed|forbidden)|Directory Listing Denied|configured to not list the contents of this directory|not configured to list the contents of this directory)/i }],
      weight: 0,
      causes: { "directory-listing": 0.85 },
      detail: "the page says a directory listing was refused",
    },

    {
      id: "probe-no-index-file",
      role: "hint",
      when: [{ on: "probe", name: "directory-index-missing" }],
      weight: 0,
      causes: { "directory-listing": 0.85, "filesystem-permission": -0.5, "ip-denied": -0.6 },
      detail: "live probe: the directory has no index.html (404) and its listing is refused",
    },
    {
      id: "probe-index-not-configured",
      role: "hint",
      when: [
        { on: "probe", name: "directory-index-ok" },
        { on: "method", in: ["GET", "HEAD"] },
      ],
      weight: 0,
      causes: { "directory-listing": 0.6 },
      detail: "live probe: index.html exists but is not served for the directory: the server's index setting does not name it",
    },
  ],
  examples: [
    {
      name: "IIS 403.14 directory listing denied",
      source: "https://github.com/akveo/ngx-admin-dotnet-starter/issues/7",
      input: "HTTP Error 403.14 - Forbidden\nThe Web server is configured to not list the contents of this directory.",
      expect: { cause: "directory-listing" },
    },
    {
      name: "nginx error log: directory index forbidden",
      source: "https://github.com/openresty/openresty/issues/109",
      input: '2015/07/04 10:00:00 [error] 3976#0: *62889 directory index of "/usr/local/openresty/nginx/html/" is forbidden, client: 100.97.181.249, server: localhost, request: "GET / HTTP/1.0"',
      expect: { cause: "directory-listing" },
    },
    {
      name: "curl -i of a directory URL answered by nginx's bare page",
      source: "https://nginx.org/en/docs/http/ngx_http_index_module.html",
      input: "$ curl -i http://localhost/static/\nHTTP/1.1 403 Forbidden\nServer: nginx/1.22.1\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      expect: { cause: "directory-listing" },
    },
    {
      name: "nginx error log: permission denied is not a listing problem",
      source: "https://github.com/leafo/lapis/issues/277",
      input: '2015/04/22 04:36:08 [error] 3958#0: *1 open() "/root/site/static/main.js" failed (13: Permission denied), client: 10.0.0.1, server: , request: "GET /static/main.js HTTP/1.1"',
      expect: { notCause: "directory-listing" },
    },

    {
      name: "live probe: nginx directory without index.html",
      source: "https://nginx.org/en/docs/http/ngx_http_index_module.html",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["directory-index-missing", "missing-sibling-not-found"],
      expect: { cause: "directory-listing" },
    },
    {
      name: "live probe: Apache directory whose index.html is not the DirectoryIndex",
      source: "https://httpd.apache.org/docs/2.4/mod/mod_dir.html#directoryindex",
      input: "> GET /docs/ HTTP/1.1\n> Host: www.example.com\n> User-Agent: curl/8.5.0\n>\n< HTTP/1.1 403 Forbidden\n< Server: Apache/2.4.62 (Debian)\n< Content-Type: text/html; charset=iso-8859-1\n<\n<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at www.example.com Port 80</address>\n</body></html>\n",
      probes: ["directory-index-ok"],
      expect: { cause: "directory-listing" },
    },
  ],
});
