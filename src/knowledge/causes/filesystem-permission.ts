import { defineCause } from "../schema.js";

export default defineCause({
  id: "filesystem-permission",
  title: "The server process cannot read {fsPath|the file} or traverse a directory above it",
  why: "To serve a file, the web server or application's user (www-data, nginx, apache, the app's service account) needs read permission on the file and execute (search) permission on every directory from `/` down to it. A missing bit anywhere on the path, a home directory with mode 700, a systemd `ProtectHome=` sandbox, or a SELinux label that is not `httpd_sys_content_t` makes the open fail with `EACCES (13: Permission denied)`, which the server reports as 403.",
  fix: [
    "Find the component that blocks: `namei -l {fsPath|/var/www/site/index.html}` lists owner and mode of every directory on the path; each needs `x` for the server user, the file needs `r`.",
    "Grant the least needed: `chmod o+x` (or a group the server user is in) on the directories, `chmod o+r` / `chgrp www-data` + `chmod g+r` on the files; keep web roots outside `/root` and `/home/USER` with mode 700.",
    "On SELinux systems (RHEL, Fedora, CentOS): `ls -Z {fsPath|/path/to/file}`, then `semanage fcontext -a -t httpd_sys_content_t '/srv/site(/.*)?' && restorecon -Rv /srv/site`; `ausearch -m avc -ts recent` shows the denial.",
    "systemd services with `ProtectHome=yes`/`PrivateTmp=yes` cannot see /home or /tmp: move the files or override the unit (`systemctl edit`).",
  ],
  verify: [
    "sudo -u www-data cat {fsPath|/path/to/file} > /dev/null && echo readable (use the server's user)",
    "curl -sI {url|URL} (expect 200, and no `Permission denied` in the error log)",
  ],
  separate:
    "Read the file as the server's user (`sudo -u www-data stat/cat FILE`): if that fails, it is filesystem permissions (or SELinux, when Unix modes look right and `ausearch -m avc` shows a denial); if it succeeds, a server rule (deny, location, .htaccess) produces the 403.",
  mistakes: [
    "`chmod -R 777` on the web root: hides the cause, opens every file to every local user, and does not help at all when the blocker is a parent directory or SELinux.",
    "Checking the file's mode but not the parent directories' execute bits.",
    "Fixing ownership for your login user instead of the server's worker user.",
    "Disabling SELinux instead of labelling the content.",
  ],
  sources: [
    "https://cwiki.apache.org/confluence/display/httpd/13PermissionDenied",
    "https://nginx.org/en/docs/ngx_core_module.html#user",
    "https://man7.org/linux/man-pages/man1/namei.1.html",
    "https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/9/html/using_selinux/troubleshooting-problems-related-to-selinux_using-selinux",
  ],
  signals: [
    {
      id: "errno-13",
      role: "hint",
      when: [{ on: "body", match: /\(13: Permission denied\)|\(13\)Permission denied|\[Errno 13\] Permission denied|failed to open stream: Permission denied|\bEACCES\b[:,]? permission denied,? (?:open|scandir|stat|lstat|access|opendir|realpath) '(?<fsPath>[^'\n]+)'/i }],
      weight: 0,
      causes: { "filesystem-permission": 0.85 },
      detail: "an open/stat of a file failed with EACCES (errno 13)",
    },
    {
      id: "search-permission-missing",
      role: "hint",
      when: [{ on: "body", match: /(?:\(filesystem path '(?<fsPath>[^'\n]+)'\) because )?search permissions are missing on a component of the path|unable to check htaccess file, ensure it is readable|pcfg_openfile: unable to check htaccess file|Unable to open primary script: \S+ \(Permission denied\)/ }],
      weight: 0,
      causes: { "filesystem-permission": 0.9 },
      detail: "the server could not traverse a directory or read a file on the path",
      sources: ["https://cwiki.apache.org/confluence/display/httpd/13PermissionDenied"],
    },
    {
      id: "selinux-denial",
      role: "hint",
      when: [{ on: "body", match: /avc: +denied +\{ ?(?:read|open|getattr|search)|SELinux is preventing \S*(?:httpd|nginx|php-fpm)/ }],
      weight: 0,
      causes: { "filesystem-permission": 0.85 },
      detail: "SELinux denied the web server access to the file",
    },

    {
      id: "probe-only-this-file",
      role: "hint",
      when: [
        { on: "probe", name: "missing-sibling-not-found" },
        { on: "fact", name: "path-is-directory", absent: true },
      ],
      weight: 0,
      causes: { "filesystem-permission": 0.6, "ip-denied": -0.7, "path-blocked": -0.4, "directory-listing": -0.6 },
      responders: ["nginx", "apache", "iis", "unknown"],
      detail: "live probe: a missing file beside it is a plain 404: the server looked for files there, and only this one is refused",
    },

    {
      id: "probe-site-answers",
      role: "hint",
      when: [{ on: "probe", name: "site-root-ok" }],
      weight: 0,
      causes: { "filesystem-permission": 0.15, "ip-denied": -0.6, "user-agent-blocked": -0.3 },
      responders: ["nginx", "apache", "iis", "unknown"],
      detail: "live probe: the site root answers this client: no rule refuses it site-wide",
    },
  ],
  examples: [
    {
      name: "Apache AH00035 search permissions",
      source: "https://cwiki.apache.org/confluence/display/httpd/13PermissionDenied",
      input: "[Mon Mar 25 10:32:39.638399 2019] [core:error] [pid 30187:tid 139887059617536] (13)Permission denied: [client 203.0.113.100:56168] AH00035: access to /log denied (filesystem path '/home/thermo/projects/thermo_test/www') because search permissions are missing on a component of the path",
      expect: { cause: "filesystem-permission" },
    },
    {
      name: "Apache cannot read .htaccess",
      source: "https://github.com/docksal/docksal/issues/269",
      input: "web_1 | [Wed Jun 21 21:53:19 2017] [crit] [client 172.18.0.8] (13)Permission denied: /var/www/docroot/.htaccess pcfg_openfile: unable to check htaccess file, ensure it is readable\nweb_1 | 172.18.0.8 - - [21/Jun/2017:21:53:19 +0000] \"GET / HTTP/1.1\" 403 459 \"-\" \"Mozilla/5.0\"",
      expect: { cause: "filesystem-permission" },
    },
    {
      name: "SELinux blocks httpd on a custom document root",
      source: "https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/9/html/using_selinux/troubleshooting-problems-related-to-selinux_using-selinux",
      input: "$ curl -I http://localhost/\nHTTP/1.1 403 Forbidden\n\n# ausearch -m avc -ts recent\ntype=AVC msg=audit(1700000000.123:456): avc:  denied  { getattr } for  pid=1234 comm=\"httpd\" path=\"/web/mysite/index.html\" dev=\"dm-0\" ino=12345 scontext=system_u:system_r:httpd_t:s0 tcontext=unconfined_u:object_r:default_t:s0 tclass=file permissive=0",
      expect: { cause: "filesystem-permission" },
    },
    {
      name: "Node static server EACCES",
      source: "https://nodejs.org/api/errors.html#common-system-errors",
      input: "Error: EACCES: permission denied, open '/srv/app/public/index.html'\n    at Object.openSync (node:fs:601:3)\nGET /index.html 403",
      expect: { cause: "filesystem-permission" },
    },
    {
      name: "an nginx deny rule is not a file permission problem",
      source: "https://nginx.org/en/docs/http/ngx_http_access_module.html",
      input: '2024/01/10 10:00:00 [error] 1234#1234: *5 access forbidden by rule, client: 203.0.113.9, server: example.com, request: "GET /admin/ HTTP/1.1", host: "example.com"',
      expect: { notCause: "filesystem-permission" },
    },

    {
      name: "live probe: only this file is refused, a missing sibling is a 404",
      source: "https://nginx.org/en/docs/http/ngx_http_core_module.html#root",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["missing-sibling-not-found", "site-root-ok"],
      expect: { cause: "filesystem-permission" },
    },
  ],
});
