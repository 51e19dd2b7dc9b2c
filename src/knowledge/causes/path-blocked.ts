import { defineCause } from "../schema.js";

export default defineCause({
  id: "path-blocked",
  title: "A rule blocks requests for {path|this path} (hidden file, protected location or traversal guard)",
  why: "Servers and frameworks refuse some paths on purpose: dotfiles and VCS metadata (`/.env`, `/.git/`, `/.htaccess`), configuration and backup files, admin or status pages, and anything that looks like path traversal (`../`, encoded slashes, `;`). The rule answers 403 for every client, so the request is not a permission problem of the caller but a location the site does not serve.",
  fix: [
    "If the path should not be public (secrets, `.git`, config), keep the block; serve what is needed from another location and rotate any secret that was ever reachable.",
    "If the path is legitimate (e.g. `/.well-known/acme-challenge/`), add a more specific allow before the blanket rule: nginx `location ^~ /.well-known/ { allow all; }` ahead of `location ~ /\\. { deny all; }`; Apache `<LocationMatch \"^/\\.well-known/\">Require all granted</LocationMatch>`; express.static `dotfiles: 'allow'` for that mount only.",
    "For traversal or encoded-path rejections (Spring `StrictHttpFirewall`, IIS request filtering, `AllowEncodedSlashes`), fix the client to send a normalised path instead of loosening the filter.",
    "Find which rule matches: `nginx -T | grep -n -B2 -A4 'deny\\|return 403'`, `apachectl -S` and the `<Files>`/`<FilesMatch>`/`<Location>` blocks, IIS Request Filtering > Hidden Segments / URL.",
  ],
  verify: [
    "curl -sI {url|https://HOST/PATH} (expect 403 for secrets on purpose; 200 for the paths you allowed)",
  ],
  separate:
    "Request a harmless file in the same directory with an ordinary name (no leading dot, no encoded characters): 200 there and 403 on {path|this path} means a path rule; 403 on both points at directory permissions or an access rule for the whole location.",
  mistakes: [
    "Removing the dotfile block globally to make one path work, which exposes `.env` and `.git`.",
    "Forgetting that nginx picks one location by its own precedence rules: a regex location for dotfiles can win over a prefix location unless `^~` is used.",
    "Assuming a secret was never exposed because it is blocked now.",
  ],
  sources: [
    "https://nginx.org/en/docs/http/ngx_http_core_module.html#location",
    "https://httpd.apache.org/docs/2.4/mod/core.html#filesmatch",
    "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/",
    "https://docs.spring.io/spring-security/reference/servlet/exploits/firewall.html",
    "https://owasp.org/www-community/attacks/Path_Traversal",
  ],
  signals: [
    {
      id: "url-hidden-file",
      role: "hint",
      when: [{ on: "url", match: /^(?:https?:\/\/[^/?#]+)?(?:\/[^?#]*)?\/\.(?!well-known(?:[/?#]|$))[^/?#]+/ }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "path-blocked": 0.55 },
      detail: "the path contains a dot-segment (a hidden file or directory such as .env or .git)",
    },
    {
      id: "url-sensitive-file",
      role: "hint",
      when: [{ on: "url", match: /\/(?:wp-config\.php|web\.config|composer\.(?:json|lock)|server-status|server-info|phpinfo\.php|[^/?#]+\.(?:bak|old|orig|swp|sql|ini|log|conf))(?:[?#]|$)/i }, { on: "status", in: [403] }],
      weight: 0,
      causes: { "path-blocked": 0.4 },
      detail: "the path names a configuration, backup or status file that servers commonly block",
    },
    {
      id: "url-traversal",
      role: "hint",
      when: [{ on: "url", match: /(?:\/|%2f)(?:\.\.|%2e%2e|%2e\.|\.%2e)(?:\/|%2f|\\|%5c|$)|%00|%252e/i }],
      weight: 0,
      causes: { "path-blocked": 0.5, "waf-rule": 0.2 },
      detail: "the URL contains a path-traversal or double-encoded sequence",
    },
    {
      id: "page-names-hidden-file",
      role: "hint",
      when: [{ on: "body", match: /(?:don't|do not) have permission to access (?<blockedPath>\/(?:[^\s]*\/)?\.(?!well-known)[^\s/]+)/ }],
      weight: 0,
      causes: { "path-blocked": 0.6 },
      detail: "the error page names a hidden file as the refused path",
    },
    {
      id: "framework-path-rejected",
      role: "hint",
      when: [{ on: "body", match: /The request was rejected because the URL (?:contained a potentially malicious String|was not normalized)|RequestRejectedException|\bMalicious Path\b|HTTP Error 404\.(?:5|8)\b|URL_DOUBLE_ESCAPED|hiddenSegment/ }],
      weight: 0,
      causes: { "path-blocked": 0.7 },
      detail: "the framework or server rejected the path itself",
      sources: ["https://docs.spring.io/spring-security/reference/servlet/exploits/firewall.html"],
    },

    {
      id: "probe-rule-on-directory",
      role: "hint",
      when: [
        { on: "probe", name: "missing-sibling-denied" },
        { on: "probe", name: "site-root-ok" },
      ],
      weight: 0,
      causes: { "path-blocked": 0.75, "filesystem-permission": -0.6, "directory-listing": -0.5, "ip-denied": -0.6 },
      responders: ["nginx", "apache", "iis", "unknown"],
      detail: "live probe: a path that cannot exist in the same directory is refused too, while the site root answers: a rule covers this location",
    },
  ],
  examples: [
    {
      name: "Apache page for a blocked .env",
      source: "https://github.com/vlucas/phpdotenv/issues/461",
      input: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access /.env\non this server.<br />\n</p>\n</body></html>",
      expect: { cause: "path-blocked" },
    },
    {
      name: "curl -i of /.git/config on nginx",
      source: "https://github.com/outroll/vesta/issues/1534",
      input: "$ curl -i https://www.example.com/.git/config\nHTTP/1.1 403 Forbidden\nServer: nginx\nContent-Type: text/html\n\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>",
      expect: { cause: "path-blocked" },
    },
    {
      name: "Spring StrictHttpFirewall rejection",
      source: "https://docs.spring.io/spring-security/reference/servlet/exploits/firewall.html",
      input: "org.springframework.security.web.firewall.RequestRejectedException: The request was rejected because the URL contained a potentially malicious String \"%2e%2e\"\n\tat org.springframework.security.web.firewall.StrictHttpFirewall.rejectedBlocklistedUrls(StrictHttpFirewall.java:535)\nStatus Code: 403",
      expect: { cause: "path-blocked" },
    },
    {
      name: "request for wp-config.php refused",
      source: "https://developer.wordpress.org/advanced-administration/security/hardening/",
      input: "> GET /wp-config.php HTTP/1.1\n> Host: blog.example.com\n> User-Agent: Mozilla/5.0\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: text/html\n<\n<html><body><h1>Forbidden</h1></body></html>",
      expect: { cause: "path-blocked" },
    },
    {
      name: "encoded traversal in the path refused",
      source: "https://owasp.org/www-community/attacks/Path_Traversal",
      input: "> GET /static/..%2f..%2f..%2fetc/passwd HTTP/1.1\n> Host: www.example.com\n> User-Agent: curl/8.4.0\n>\n< HTTP/1.1 403 Forbidden\n< Content-Length: 0\n<",
      expect: { cause: "path-blocked" },
    },
    {
      name: "a missing index is not a blocked path",
      source: "https://github.com/akveo/ngx-admin-dotnet-starter/issues/7",
      input: "HTTP Error 403.14 - Forbidden\nThe Web server is configured to not list the contents of this directory.",
      expect: { notCause: "path-blocked" },
    },

    {
      name: "live probe: a location refused as a whole while the site answers",
      source: "https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#require",
      input: "HTTP/1.1 403 Forbidden\r\nServer: Apache/2.4.62 (Debian)\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 80</address>\n</body></html>\n",
      probes: ["missing-sibling-denied", "site-root-ok"],
      expect: { cause: "path-blocked" },
    },
  ],
});
