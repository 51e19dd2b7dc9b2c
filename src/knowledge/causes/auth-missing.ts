import { defineCause } from "../schema.js";

export default defineCause({
  id: "auth-missing",
  title: "No credentials reached {host|the server}: the request carried no token, cookie or API key",
  why: "The resource needs an authenticated caller and none was recognised. HTTP says this should be a 401 with a `WWW-Authenticate` challenge, but many frameworks, gateways and storage services answer 403 whether credentials are absent or insufficient. Often the client did send credentials and something dropped them on the way: a proxy or WSGI layer that does not pass `Authorization`, a redirect to another host (clients strip `Authorization` on cross-host redirects), a cookie the browser withheld (SameSite, `fetch` without `credentials: 'include'`), or an authentication scheme the server is not configured to read.",
  fix: [
    "Send the credentials the endpoint expects, in the place it expects them: `curl -H \"Authorization: Bearer $TOKEN\" {url|URL}` (or the cookie / `x-api-key` header the API documents).",
    "From a browser, send cookies cross-origin with `fetch(url, { credentials: 'include' })` and make sure the session cookie has `SameSite=None; Secure` when the API is on another site.",
    "Make sure nothing strips the header before the application: Apache mod_wsgi needs `WSGIPassAuthorization On`; a proxy must forward `Authorization` (`proxy_set_header Authorization $http_authorization;`); avoid redirects to another host (http→https or a trailing-slash redirect) that drop it.",
    "Make the server read the scheme you send (Django REST Framework: list it in `DEFAULT_AUTHENTICATION_CLASSES`, e.g. `TokenAuthentication` for `Authorization: Token ...`).",
  ],
  verify: [
    "curl -s -o /dev/null -w '%{http_code}\\n' -H \"Authorization: Bearer $TOKEN\" {url|URL} (expect 200; the same call without the header should still give 401/403)",
  ],
  separate:
    "Repeat the identical request twice, once with valid credentials and once without: 200 with them means credentials were missing; the same 403 both ways means the caller is known but not allowed (insufficient-permissions, no-allow) or a layer in front (WAF, IP rule) refused before authentication mattered.",
  mistakes: [
    "Testing with Postman or curl (which send the token) and concluding the server works, while the browser or SDK never sends it.",
    "Adding credentials to a CORS preflight: browsers never send them on OPTIONS, so a 403 on the preflight is a CORS/route problem, not missing auth.",
    "Following a redirect with `curl -L`: curl drops `Authorization` when the host changes unless `--location-trusted` is given.",
    "Treating every 403 as \"log in again\": if valid credentials still get 403, the problem is authorization, not authentication.",
  ],
  sources: [
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-401-unauthorized",
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-403-forbidden",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
    "https://www.django-rest-framework.org/api-guide/authentication/",
    "https://modwsgi.readthedocs.io/en/master/configuration-directives/WSGIPassAuthorization.html",
  ],
  signals: [
    {
      id: "request-without-credentials",
      role: "hint",
      when: [
        { on: "fact", name: "request-without-credentials" },
        { on: "status", in: [401, 403] },
        { on: "url", match: /[?&](?:X-Amz-Credential|X-Amz-Signature|Signature|sig|se|token|access_token|api_key|apikey|key|Key-Pair-Id|Policy)=/i, absent: true },
      ],
      weight: 0,
      causes: { "auth-missing": 0.3 },
      responders: ["app", "envoy", "kubernetes", "gcp-frontend", "gcp-storage", "azure-storage", "azure-arm", "aws-apigateway", "aws-lambda-url", "aws-service-api", "google-api"],
      detail: "the request shown carries no Authorization, Cookie or API-key header, and the layer that refused usually wants one",
    },
    {
      id: "challenge-on-403",
      role: "hint",
      when: [
        { on: "status", in: [401, 403] },
        { on: "header", name: "www-authenticate", match: /^\s*(?:Basic|Bearer|Negotiate|NTLM|Digest|Token)\b(?![^\n]*\berror=)/i },
      ],
      weight: 0,
      causes: { "auth-missing": 0.45 },
      detail: "the refusal carries a WWW-Authenticate challenge without an error: the server asks for credentials",
      sources: ["https://www.rfc-editor.org/rfc/rfc9110.html#name-www-authenticate"],
    },
    {
      id: "drf-not-provided",
      role: "hint",
      when: [{ on: "body", match: /Authentication credentials were not provided\.?/ }],
      weight: 0,
      causes: { "auth-missing": 0.8 },
      detail: "Django REST Framework: the request reached the view without any credentials it could read",
      sources: ["https://www.django-rest-framework.org/api-guide/authentication/#unauthorized-and-forbidden-responses"],
    },
    {
      id: "not-authenticated-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\b(?:not authenticated|unauthenticated (?:request|user|access)|authentication (?:is )?required|login required|you must (?:be )?(?:logged|signed) in|please (?:log|sign) in to (?:continue|access)|no (?:auth(?:entication|orization)? )?(?:token|credentials) (?:was |were )?(?:provided|supplied|found|sent)|missing (?:authorization|authentication) header|authorization header (?:is )?(?:missing|required)|Missing Authentication(?! Token)|anonymous (?:users?|access|requests?) (?:is |are )?not (?:allowed|permitted))\b/i,
        },
      ],
      weight: 0,
      causes: { "auth-missing": 0.6 },
      detail: "the message says the caller is not authenticated",
    },
    {
      id: "status-401",
      role: "hint",
      when: [{ on: "status", in: [401] }],
      weight: 0,
      causes: { "auth-missing": 0.3, "auth-invalid": 0.3 },
      detail: "status 401: the server wants (valid) credentials; a 403 elsewhere in the same flow is often the same problem",
    },
  ],
  examples: [
    {
      name: "Django REST Framework: request without a token",
      source: "https://github.com/encode/django-rest-framework/issues/4206",
      input: "HTTP/1.0 403 Forbidden\nAllow: POST, OPTIONS, GET\nContent-Type: application/json\nVary: Accept, Cookie\nServer: WSGIServer/0.2 CPython/3.5.1\n\n{\"detail\":\"Authentication credentials were not provided.\"}",
      expect: { cause: "auth-missing" },
    },
    {
      name: "token stripped by Apache mod_wsgi, same DRF message",
      source: "https://github.com/jpadilla/django-rest-framework-jwt/issues/400",
      input: "> GET /api/users/ HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/7.68.0\n> Accept: */*\n>\n< HTTP/1.1 403 Forbidden\n< Server: Apache/2.4.41 (Ubuntu)\n< Content-Type: application/json\n<\n{\"detail\":\"Authentication credentials were not provided.\"}",
      expect: { cause: "auth-missing" },
    },
    {
      name: "FastAPI HTTPBearer without an Authorization header",
      source: "https://github.com/fastapi/fastapi/issues/2026",
      input: "HTTP/1.1 403 Forbidden\ncontent-type: application/json\nserver: uvicorn\n\n{\"detail\":\"Not authenticated\"}",
      expect: { cause: "auth-missing" },
    },
    {
      name: "401 with a Basic challenge from nginx auth_basic",
      source: "https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html",
      input: "HTTP/1.1 401 Unauthorized\nServer: nginx/1.24.0\nContent-Type: text/html\nWWW-Authenticate: Basic realm=\"closed site\"\n\n<html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 Authorization Required</h1></center>\n<hr><center>nginx/1.24.0</center>\n</body>\n</html>",
      expect: { cause: "auth-missing" },
    },
    {
      name: "DRF permission denied for an authenticated user is not missing auth",
      source: "https://www.django-rest-framework.org/api-guide/permissions/",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nVary: Accept\n\n{\"detail\":\"You do not have permission to perform this action.\"}",
      expect: { notCause: "auth-missing" },
    },
  ],
});
