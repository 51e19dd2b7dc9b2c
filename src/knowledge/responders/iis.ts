import { defineResponder } from "../schema.js";

export default defineResponder({
  id: "iis",
  name: "Microsoft IIS",
  layer: "web-server",
  summary:
    "IIS (or HTTP.sys under it) refused the request: the substatus after `403.` names the reason (403.14 no default document, 403.503 IP restriction, 403.7 client certificate, 403.4 SSL required ...); the generic `403 - Forbidden: Access is denied.` page hides the substatus and is most often an NTFS ACL or app-pool identity problem.",
  howToTell: [
    "Detailed error page: `HTTP Error 403.N - Forbidden` with a `Detailed Error Information` table (Module, Notification, Error Code, Requested URL, Physical Path, Logon Method).",
    "Remote clients get the generic page instead: `Server Error` / `403 - Forbidden: Access is denied.` / `You do not have permission to view this directory or page using the credentials that you supplied.` (localized on non-English servers).",
    "`Server: Microsoft-IIS/10.0` and `X-Powered-By: ASP.NET` only say IIS is in the path; an ASP.NET app may have written the 403 itself.",
    "The IIS log (W3SVC, `sc-status sc-substatus`) shows the substatus when the page does not: `403 14`, `403 503` ...",
  ],
  sources: [
    "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
    "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/ipsecurity/",
    "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/defaultdocument/",
    "https://learn.microsoft.com/en-us/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis",
  ],
  signals: [
    {
      id: "substatus-page",
      role: "decision",
      when: [{ on: "body", match: /HTTP Error 403\.(?<substatus>\d{1,3}) - Forbidden/ }],
      weight: 0.95,
      detail: "IIS detailed error page with a 403 substatus",
    },
    {
      id: "generic-page",
      role: "decision",
      when: [
        {
          on: "body",
          match:
            /403 - (?:Forbidden: Access is denied|禁止访问\s*[:：]\s*访问被拒绝|Verboten:\s*Zugriff verweigert|Prohibido:\s*acceso denegado|Interdit\s*:\s*accès refusé|Proibido:\s*acesso negado|Accesso negato|Запрещено:\s*доступ запрещен|アクセス(?:不可|が拒否されました))/i,
        },
      ],
      weight: 0.9,
      detail: "IIS generic 403 page (custom errors on, substatus hidden), English or localized",
    },
    {
      id: "generic-page-credentials",
      role: "decision",
      when: [
        {
          on: "body",
          match:
            /(?:You do not have permission to view this directory or page using the credentials that you supplied|您无权使用所提供的凭据查看此目录或页面|No tiene permiso para ver este directorio o (?:esta )?página con las credenciales|Sie haben keine Berechtigung,? (?:zum Anzeigen )?dieses? Verzeichnis)/,
        },
      ],
      weight: 0.9,
      detail: "the second line of IIS's generic 403 page",
    },
    {
      id: "httpsys-forbidden-url",
      role: "decision",
      when: [{ on: "body", match: /HTTP Error 403\. The request URL is forbidden\./ }],
      weight: 0.75,
      causes: { "path-blocked": 0.5, "ip-denied": 0.2 },
      detail: "HTTP.sys (the kernel listener under IIS) refused the URL before any site saw it",
    },
    {
      id: "server-header",
      role: "presence",
      when: [{ on: "header", name: "server", match: /^Microsoft-IIS\//i }],
      weight: 0.5,
      detail: "Server header names IIS",
    },
    {
      id: "powered-by-aspnet",
      role: "presence",
      when: [{ on: "header", name: "x-powered-by", match: /ASP\.NET/i }],
      weight: 0.3,
      detail: "X-Powered-By: ASP.NET (IIS hosting)",
    },
    {
      id: "sub-directory-listing",
      role: "hint",
      when: [{ on: "body", match: /403\.14\b|(?:Module\s+DirectoryListingModule)|configured to not list the contents of this directory/ }],
      weight: 0,
      causes: { "directory-listing": 0.9 },
      detail: "403.14: no default document and directory browsing disabled",
    },
    {
      id: "sub-ip-restriction",
      role: "hint",
      when: [{ on: "body", match: /HTTP Error 403\.(?:6|8|503)\b|Module\s+IpRestrictionModule|IP address of the client has been rejected/ }],
      weight: 0,
      causes: { "ip-denied": 0.9 },
      detail: "403.6 / 403.503 (IP and Domain Restrictions) or 403.8 (DNS name rejected)",
    },
    {
      id: "sub-dynamic-ip",
      role: "hint",
      when: [{ on: "body", match: /HTTP Error 403\.(?:501|502)\b|Module\s+DynamicIpRestrictionModule/ }],
      weight: 0,
      causes: { "rate-limited": 0.85, "ip-denied": 0.3 },
      detail: "403.501/403.502: Dynamic IP Restrictions (too many concurrent requests or requests per interval)",
    },
    {
      id: "sub-ssl-required",
      role: "hint",
      when: [{ on: "body", match: /HTTP Error 403\.(?:4|5|18)\b/ }],
      weight: 0,
      causes: { "wrong-endpoint": 0.8 },
      detail: "403.4/403.5: SSL (or 128-bit SSL) required, use https://; 403.18: URL not executable in this application pool",
    },
    {
      id: "sub-client-cert",
      role: "hint",
      when: [{ on: "body", match: /HTTP Error 403\.(?:7|13|16|17)\b/ }],
      weight: 0,
      causes: { "mtls-cert": 0.9 },
      detail: "403.7 client certificate required, 403.13 revoked, 403.16 untrusted, 403.17 expired or not yet valid",
    },
    {
      id: "sub-execute-read",
      role: "hint",
      when: [{ on: "body", match: /HTTP Error 403\.(?:1|2|3)\b/ }],
      weight: 0,
      causes: { "path-blocked": 0.55, "filesystem-permission": 0.4, "method-denied": 0.25 },
      detail: "403.1 execute / 403.2 read / 403.3 write access denied by the handler access policy",
    },
    {
      id: "error-code-access-denied",
      role: "hint",
      when: [{ on: "body", match: /Error Code\s+0x80070005/ }],
      weight: 0,
      causes: { "filesystem-permission": 0.85 },
      detail: "0x80070005 E_ACCESSDENIED: the worker process identity may not read the file or web.config",
    },
  ],
  causes: {
    "filesystem-permission": {
      prior: 0.3,
      title: "The IIS worker process identity may not read the site's files",
      fix: [
        "Grant read access on the site folder to the application pool identity and anonymous user: `icacls \"{siteFolder|C:\\inetpub\\wwwroot\\site}\" /grant \"IIS AppPool\\POOLNAME:(OI)(CI)RX\" /grant \"IUSR:(OI)(CI)RX\"`.",
        "Check IIS Manager > site > Authentication > Anonymous Authentication > Edit: the identity there (IUSR or the pool identity) must be the one with read rights.",
      ],
      verify: ["Browse the URL on the server itself to see the detailed error (substatus and Physical Path); curl -sI {url|URL} (expect 200)"],
    },
    "directory-listing": {
      prior: 0.2,
      fix: [
        "Add a default document for {path|the directory} (IIS Manager > Default Document, or `<defaultDocument><files><add value=\"index.html\" /></files></defaultDocument>` in web.config) or request the file/route itself (e.g. /swagger for a Web API).",
        "For ASP.NET Core behind IIS a 403.14 usually means the ASP.NET Core Module is not handling the request: check the hosting bundle is installed and web.config has the `aspNetCore` handler.",
      ],
      verify: ["curl -sI {url|URL} (expect 200, not 403.14)"],
    },
    "ip-denied": {
      prior: 0.15,
      fix: [
        "Allow the client in IIS Manager > site > IP Address and Domain Restrictions (or `<system.webServer><security><ipSecurity allowUnlisted=\"true\">` with the right `<add ipAddress=... allowed=...>` entries); behind a proxy enable `enableProxyMode` so X-Forwarded-For is used.",
      ],
      verify: ["curl -sI {url|URL} from the client (expect 200); the IIS log shows 403 503 before the fix"],
    },
    "insufficient-permissions": {
      prior: 0.12,
      title: "The ASP.NET application refused the user and IIS replaced its response with the generic page",
      fix: [
        "Look at the application's authorization rules (`[Authorize(Roles=...)]`, `<authorization>` in web.config, URL Authorization module) for {path|the path}; with custom errors on, IIS shows its own page for the app's 403.",
      ],
      verify: ["Reproduce on the server (detailed errors) or set `<httpErrors existingResponse=\"PassThrough\">` temporarily to see the app's own body"],
    },
    "mtls-cert": {
      prior: 0.06,
      fix: [
        "Send a client certificate the server trusts (curl --cert client.pem --key client.key), or set IIS Manager > SSL Settings > Client certificates to Ignore/Accept if none is needed; 403.16/403.17 mean the certificate chain is untrusted or expired on the server.",
      ],
      verify: ["curl -sI --cert client.pem --key client.key {url|URL} (expect 200)"],
    },
    "wrong-endpoint": {
      prior: 0.05,
      fix: ["Use https:// for {url|the URL}: the site has Require SSL set (403.4/403.5)."],
      verify: ["curl -sI https://{host|HOST}{path|/} (expect 200)"],
    },
    "path-blocked": {
      prior: 0.05,
      fix: ["Check Handler Mappings > Edit Feature Permissions (Read/Script/Execute) and Request Filtering (hidden segments, denied URL sequences) for {path|the path}."],
      verify: ["curl -sI {url|URL} (expect 200)"],
    },
    "rate-limited": {
      prior: 0.03,
      fix: ["Raise or disable Dynamic IP Restrictions (IIS Manager > IP Address and Domain Restrictions > Edit Dynamic Restriction Settings) or slow the client down."],
      verify: ["Repeat the request after the interval (expect 200)"],
    },
  },
  examples: [
    {
      name: "403.14 detailed page (French localized text)",
      source: "https://github.com/SyncfusionExamples/angular-crud-application/issues/1",
      input: "HTTP Error 403.14 - Forbidden\nLe serveur Web est configuré pour ne pas afficher le contenu de ce répertoire.\n",
      expect: { responder: "iis", cause: "directory-listing" },
    },
    {
      name: "403.14 detailed error table",
      source: "https://github.com/Azure-Samples/azure-cosmosdb-live-data-migrator/issues/60",
      input:
        "HTTP Error 403.14 - Forbidden\nThe Web server is configured to not list the contents of this directory.\nMost likely causes:\nA default document is not configured for the requested URL, and directory browsing is not enabled on the server.\nDetailed Error Information:\nModule\t   DirectoryListingModule\nNotification\t   ExecuteRequestHandler\nHandler\t   StaticFile\nError Code\t   0x00000000\nRequested URL\t   http://localhost:80/\nPhysical Path\t   C:\\inetpub\\wwwroot\nLogon Method\t   Anonymous\nLogon User\t   Anonymous\n",
      expect: { responder: "iis", cause: "directory-listing" },
    },
    {
      name: "generic English page with IIS headers",
      source: "https://github.com/IdentityServer/IdentityServer3/issues/3070",
      input:
        "HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nServer: Microsoft-IIS/8.5\r\nX-Powered-By: ASP.NET\r\n\r\nServer Error\n\n403 - Forbidden: Access is denied.\nYou do not have permission to view this directory or page using the credentials that you supplied.\n",
      expect: { responder: "iis", cause: "filesystem-permission" },
    },
    {
      name: "generic page, Chinese localization",
      source: "https://github.com/siteserver/cms/issues/2688",
      input: "服务器错误\n   403 - 禁止访问: 访问被拒绝。\n   您无权使用所提供的凭据查看此目录或页面。\n",
      expect: { responder: "iis", cause: "filesystem-permission" },
    },
    {
      name: "403.503 IP restriction",
      source: "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/ipsecurity/",
      input: "HTTP Error 403.503 - Forbidden\nDetailed Error Information:\nModule\t   IpRestrictionModule\nNotification\t   BeginRequest\nError Code\t   0x00000000\n",
      expect: { responder: "iis", cause: "ip-denied" },
    },
    {
      name: "403.502 dynamic IP restriction",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "HTTP Error 403.502 - Forbidden\nModule\t   DynamicIpRestrictionModule\nNotification\t   BeginRequest\n",
      expect: { responder: "iis", cause: "rate-limited" },
    },
    {
      name: "403.4 SSL required",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "HTTP Error 403.4 - Forbidden\n",
      expect: { responder: "iis", cause: "wrong-endpoint" },
    },
    {
      name: "403.7 client certificate required",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "HTTP Error 403.7 - Forbidden\n",
      expect: { responder: "iis", cause: "mtls-cert" },
    },
    {
      name: "403.1 execute access denied",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "HTTP Error 403.1 - Forbidden\n",
      expect: { responder: "iis", cause: "path-blocked" },
    },
    {
      name: "0x80070005 access denied",
      source: "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
      input: "HTTP Error 403.2 - Forbidden\nDetailed Error Information:\nModule\t   StaticFileModule\nError Code\t   0x80070005\nPhysical Path\t   D:\\sites\\app\\index.html\nLogon Method\t   Anonymous\n",
      expect: { responder: "iis", cause: "filesystem-permission" },
    },
    {
      name: "HTTP.sys forbidden URL",
      source: "https://github.com/microsoft/iis-docker/issues/92",
      input: "Forbidden\nForbidden URL\nHTTP Error 403. The request URL is forbidden.\n",
      expect: { responder: "iis" },
    },
    {
      name: "Azure Storage behind HTTP.sys is not IIS",
      source: "https://github.com/microsoft/AzureStorageExplorer/issues/9150",
      input: "HTTP/1.1 403 This request is not authorized to perform this operation.\r\nContent-Type: application/xml\r\nServer: Microsoft-HTTPAPI/2.0\r\nx-ms-request-id: ad7a75b2-201e-0032-20d4-23e8a6000000\r\nx-ms-error-code: AuthorizationFailure\r\n\r\n<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationFailure</Code><Message>This request is not authorized to perform this operation.\nRequestId:ad7a75b2-201e-0032-20d4-23e8a6000000\nTime:2026-08-04T05:48:03.0108277Z</Message></Error>",
      expect: { notResponder: "iis" },
    },
  ],
});
