import { defineCause } from "../schema.js";

export default defineCause({
  id: "mtls-cert",
  title: "The server requires a client TLS certificate and none (or an untrusted one) was presented",
  why: "With mutual TLS the server asks for a client certificate during the handshake and checks it against its trust store (CA bundle), validity dates and revocation. When no certificate is sent, or it is expired, revoked or issued by a CA the server does not trust, some servers fail the handshake and others finish it and answer 403 (IIS 403.7/403.13/403.16/403.17, API Gateway custom domains with mTLS, Azure App Service) or 400 (nginx `No required SSL certificate was sent`).",
  fix: [
    "Send the certificate and its key: `curl --cert client.crt --key client.key {url|https://api.example.com/}` (with a chain: put the intermediate(s) after the leaf in client.crt); in code, load them into the HTTP client's TLS config.",
    "Make sure the server's trust store contains the CA that issued the client certificate: API Gateway > Custom domain names > the domain > Mutual TLS truststore URI (S3 PEM bundle, re-upload and update the truststore version after changes); nginx `ssl_client_certificate`/`ssl_trusted_certificate`; IIS/Windows: the CA in Trusted Root/Intermediate stores.",
    "Renew an expired client certificate; check `openssl x509 -in client.crt -noout -dates -issuer`.",
    "For API Gateway mTLS, disable the default execute-api endpoint so clients cannot bypass the custom domain, and call only the custom domain.",
  ],
  verify: [
    "curl -sv --cert client.crt --key client.key {url|https://api.example.com/} 2>&1 | grep -E 'Request CERT|HTTP/' (expect the server to request a certificate and answer 200)",
    "openssl s_client -connect {host|api.example.com}:443 -servername {host|api.example.com} -cert client.crt -key client.key </dev/null (shows `Acceptable client certificate CA names` and `Verify return code: 0`)",
  ],
  separate:
    "Run `curl -sv` once without and once with `--cert/--key`: if the handshake shows `Request CERT` and only the call with a valid certificate passes, it is mTLS; if both get the same 403, the certificate is not the reason.",
  mistakes: [
    "Sending only the leaf certificate when the server's trust store holds the root and the client chain needs an intermediate.",
    "Updating the truststore PEM in S3 without updating the custom domain's truststore version.",
    "Terminating TLS at a load balancer or CDN in front of the server, which then never sees the client certificate.",
    "Testing through a proxy that re-establishes TLS without the client certificate.",
  ],
  sources: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html",
    "https://repost.aws/knowledge-center/api-gateway-403-error-mtls",
    "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code",
    "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors",
    "https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth",
  ],
  signals: [
    {
      id: "client-cert-text",
      role: "hint",
      when: [{ on: "body", match: /\bclient certificate (?:is )?(?:required|missing|untrusted|invalid|revoked|has expired|not (?:trusted|valid|provided|sent))\b|No required SSL certificate was sent|The SSL certificate error|\b403\.(?:7|13|16|17)\b|ERR_BAD_SSL_CLIENT_AUTH_CERT|alert (?:certificate required|bad certificate|unknown ca|certificate expired)/i }],
      weight: 0,
      causes: { "mtls-cert": 0.8 },
      detail: "the server reports a missing or rejected client certificate",
    },
    {
      id: "server-requested-cert",
      role: "hint",
      when: [{ on: "body", match: /TLS handshake, (?:Request CERT|CERT request) \(13\)/ }, { on: "status", in: [403, 400, 401] }],
      weight: 0,
      causes: { "mtls-cert": 0.5 },
      detail: "curl -v shows the server asked for a client certificate during the TLS handshake",
    },
  ],
  examples: [
    {
      name: "IIS 403.16 untrusted client certificate",
      source: "https://github.com/aspnet/IISIntegration/issues/1422",
      input: "iisexpress stdout: Request ended: https://localhost:44300/GetClientCert with HTTP status 403.16\nStatusCode: 403, ReasonPhrase: 'Forbidden', Version: 1.1\nServer: Microsoft-IIS/10.0",
      expect: { cause: "mtls-cert" },
    },
    {
      name: "curl -v: the server asks for a certificate, none is sent, API Gateway answers 403",
      source: "https://repost.aws/knowledge-center/api-gateway-403-error-mtls",
      input: "* TLSv1.3 (IN), TLS handshake, Server hello (2):\n* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):\n* TLSv1.3 (IN), TLS handshake, Request CERT (13):\n* TLSv1.3 (IN), TLS handshake, Certificate (11):\n* TLSv1.3 (OUT), TLS handshake, Certificate (11):\n* TLSv1.3 (OUT), TLS handshake, Finished (20):\n> GET /orders HTTP/2\n> Host: api.example.com\n> user-agent: curl/8.4.0\n>\n< HTTP/2 403\n< content-type: application/json\n< x-amzn-errortype: ForbiddenException\n<\n{\"message\":\"Forbidden\"}",
      expect: { cause: "mtls-cert" },
    },
    {
      name: "IIS directory listing denied is not a certificate problem",
      source: "https://github.com/akveo/ngx-admin-dotnet-starter/issues/7",
      input: "HTTP Error 403.14 - Forbidden\nThe Web server is configured to not list the contents of this directory.",
      expect: { notCause: "mtls-cert" },
    },
  ],
});
