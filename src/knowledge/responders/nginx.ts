import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "nginx",
  name: "nginx",
  layer: "web-server",
  summary:
    "nginx answered the request itself: an `allow`/`deny` rule, `autoindex off` on a directory without an index file, a file the worker process cannot read, or a `return 403` in the configuration.",
  howToTell: [
    "The body is nginx's built-in error page: `<center>nginx</center>` (or `openresty`) under the `403 Forbidden` heading.",
    "The error log names the reason: `access forbidden by rule`, `directory index of ... is forbidden`, or `open() ... failed (13: Permission denied)`.",
    "`Server: nginx` alone only says nginx is in the path; an application behind it may have written the 403.",
  ],
  sources: [
    "https://nginx.org/en/docs/http/ngx_http_access_module.html",
    "https://nginx.org/en/docs/http/ngx_http_autoindex_module.html",
    "https://nginx.org/en/docs/http/ngx_http_index_module.html",
  ],
  signals: [
    {
      id: "error-page",
      role: "decision",
      when: [{ on: "body", match: /<hr>\s*<center>\s*(?<server>nginx|openresty|tengine)(?:\/[\d.]+)?[^<]*<\/center>/i }],
      weight: 0.85,
      detail: "nginx's built-in 403 page",
      sources: ["https://github.com/nginx/nginx/blob/master/src/http/ngx_http_special_response.c"],
    },
    {
      id: "error-page-text",
      role: "decision",
      when: [{ on: "body", match: /^[ \t]*403 Forbidden\s*\n\s*(?<server>nginx|openresty)(?:\/[\d.]+)?(?: \([^)\n]*\))?\s*$/im }],
      weight: 0.8,
      detail: "nginx's 403 page as rendered text",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^(?:nginx|openresty)\b/i }],
      weight: 0.5,
      detail: "Server header names nginx",
    },
    {
      id: "log-access-rule",
      role: "decision",
      when: [{ on: "body", match: /access forbidden by rule, client: (?<client>[\w.:]+)/ }],
      weight: 0.95,
      causes: { "ip-denied": 0.85, "path-blocked": 0.3 },
      detail: "error log: a `deny` rule matched the client",
      sources: ["https://nginx.org/en/docs/http/ngx_http_access_module.html"],
    },
    {
      id: "log-rule-on-sensitive-path",
      role: "hint",
      when: [{ on: "body", match: /access forbidden by rule[^\n]*request: "[A-Z]+ (?<path>\/(?:[^"\s]*\/)?(?:\.[\w.-]+|xmlrpc\.php|wp-login\.php|[^"\s/]+\.(?:env|git|ini|log|bak|sql|conf|htaccess|htpasswd)))[\s?"]/ }],
      weight: 0,
      causes: { "path-blocked": 0.8 },
      detail: "the deny rule matched a path sites block on purpose (dotfiles, xmlrpc.php, backups)",
    },
    {
      id: "log-directory-index",
      role: "decision",
      when: [{ on: "body", match: /directory index of "(?<dir>[^"]+)" is forbidden/ }],
      weight: 0.95,
      causes: { "directory-listing": 0.85, "filesystem-permission": 0.3 },
      detail: "error log: a directory was requested, there is no index file and autoindex is off",
      sources: ["https://nginx.org/en/docs/http/ngx_http_index_module.html"],
    },
    {
      id: "log-permission-denied",
      role: "decision",
      when: [{ on: "body", match: /(?:open|stat|opendir)\(\) "(?<fsPath>[^"]+)" failed \(13: Permission denied\)/ }],
      weight: 0.95,
      causes: { "filesystem-permission": 0.95 },
      detail: "error log: the worker process may not read the file or traverse a parent directory",
    },
  ],
  causes: {
    "directory-listing": {
      prior: 0.35,
      fix: [
        "Add an index file to the directory, or list the one that exists: `index index.html index.php;` in the `location` that serves {path|the path}.",
        "If a listing is really wanted: `autoindex on;` in that `location`.",
      ],
      verify: ["curl -sI {url|https://HOST/DIR/} (expect 200, not 403); the error log shows no `directory index ... is forbidden`"],
    },
    "filesystem-permission": {
      prior: 0.3,
      fix: [
        "Let the worker user (see `user` in nginx.conf, often www-data or nginx) read {fsPath|the file} and traverse (x) every parent directory: `namei -l {fsPath|/path/to/file}` shows the first one that blocks.",
        "On SELinux systems also check the context: `ls -Z {fsPath|/path/to/file}` should show httpd_sys_content_t.",
      ],
      verify: ["sudo -u www-data cat {fsPath|/path/to/file} > /dev/null && echo readable", "curl -sI {url|URL} (expect 200)"],
    },
    "ip-denied": {
      prior: 0.15,
      fix: ["Add `allow {client|CLIENT_IP};` before the matching `deny` in the `location`/`server` block, or remove the `deny`; rules are checked in order and the first match wins."],
      verify: ["curl -sI {url|URL} from the client (expect 200); the error log no longer shows `access forbidden by rule`"],
    },
    "path-blocked": {
      prior: 0.1,
      fix: ["Find the `location` that matches {path|the path} with `deny all;` or `return 403;` (hidden files such as `/.git` are often blocked on purpose): `nginx -T | grep -n -B3 -A3 'deny\\|return 403'`."],
      verify: ["nginx -T shows which location matches; curl -sI {url|URL} (expect 200 once the rule allows it)"],
    },
    "method-denied": { prior: 0.03 },
    "referer-denied": { prior: 0.03 },
    "user-agent-blocked": { prior: 0.03 },
  },
  examples: [
    {
      name: "bare nginx 403 page",
      source: "https://github.com/huiyonghkw/lnmp-docker/issues/3",
      input: "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n",
      expect: { responder: "nginx", cause: "directory-listing" },
    },
    {
      name: "error log: permission denied on a static file",
      source: "https://github.com/leafo/lapis/issues/277",
      input: '2015/04/22 04:36:08 [error] 3958#0: *1 open() "/root/site/static/main.js" failed (13: Permission denied), client: 10.0.0.1, server: , request: "GET /static/main.js HTTP/1.1", host: "example.com"',
      expect: { responder: "nginx", cause: "filesystem-permission" },
    },
    {
      name: "error log: directory index forbidden",
      source: "https://github.com/openresty/openresty/issues/109",
      input: '2015/07/04 10:00:00 [error] 3976#0: *62889 directory index of "/usr/local/openresty/nginx/html/" is forbidden, client: 100.97.181.249, server: localhost, request: "GET / HTTP/1.0"',
      expect: { responder: "nginx", cause: "directory-listing" },
    },
    {
      name: "curl -i with the page rendered as text by a browser copy",
      source: "https://stackoverflow.com/questions/6795350/nginx-403-forbidden-for-all-files",
      input: "HTTP/1.1 403 Forbidden\nServer: nginx/1.18.0 (Ubuntu)\nContent-Type: text/html\n\n403 Forbidden\nnginx/1.18.0 (Ubuntu)\n",
      expect: { responder: "nginx" },
    },
    {
      name: "error log: deny rule on xmlrpc.php",
      source: "https://github.com/WordOps/WordOps/blob/master/wo/cli/templates/locations-wo.mustache",
      input: '2023/06/29 03:56:28 [error] 65000#65000: *8778 access forbidden by rule, client: 203.0.113.10, server: example.com, request: "POST /xmlrpc.php HTTP/1.1", host: "example.com"',
      expect: { responder: "nginx", cause: "path-blocked" },
    },
    {
      name: "error log: deny rule",
      source: "https://nginx.org/en/docs/http/ngx_http_access_module.html",
      input: '2024/01/10 10:00:00 [error] 1234#1234: *5 access forbidden by rule, client: 203.0.113.9, server: example.com, request: "GET /admin/ HTTP/1.1", host: "example.com"',
      expect: { responder: "nginx", cause: "ip-denied" },
    },
    {
      name: "Azure Application Gateway reuses the nginx page layout with its own name",
      source: "https://github.com/yixzhuang/blog/blob/HEAD/articles/network/appgw-http2.md",
      input: "HTTP/1.1 403 Forbidden\r\nServer: Microsoft-Azure-Application-Gateway/v2\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n",
      expect: { notResponder: "nginx" },
    },
  ],
});
