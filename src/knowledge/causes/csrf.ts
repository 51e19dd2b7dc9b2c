import { defineCause } from "../schema.js";

export default defineCause({
  id: "csrf",
  title: "The CSRF check rejected this state-changing request",
  why: "Frameworks protect POST/PUT/PATCH/DELETE from cross-site forgery by requiring a secret token tied to the session (a hidden form field, or a header such as `X-CSRFToken`, `X-CSRF-TOKEN`, `X-XSRF-TOKEN`, Jenkins' crumb) and, on HTTPS, an `Origin`/`Referer` from a trusted origin. A missing or stale token, a lost session cookie, or a proxy that changes scheme or host makes the check fail with 403 (Rails reports 422, Flask-WTF 400).",
  fix: [
    "Browser forms: render the framework's token in the form (`{% csrf_token %}`, `@csrf`, `<input type=\"hidden\" name=\"_csrf\" ...>`, `@Html.AntiForgeryToken()`, `form.hidden_tag()`) and keep the session cookie (check `SameSite`, `Secure` and the cookie domain).",
    "AJAX/SPA: read the token (cookie `csrftoken`/`XSRF-TOKEN` or a meta tag) and send it in the header the framework expects (`X-CSRFToken` for Django, `X-XSRF-TOKEN`/`X-CSRF-TOKEN` for Spring, Laravel and Angular, `X-CSRF-Token` for Rails), with `credentials: 'include'` so the cookie goes along.",
    "Behind a TLS-terminating proxy, make the app see the public scheme and host (`X-Forwarded-Proto`/`Host` and the framework's proxy settings), and list the public origin where required (Django `CSRF_TRUSTED_ORIGINS = ['https://{host|app.example.com}']`).",
    "Scripts and API clients: use token authentication that is exempt from CSRF (Jenkins API token; a stateless API with `csrf().disable()` only for that API path), or fetch a token first (Jenkins `/crumbIssuer/api/json`) with the same session.",
  ],
  verify: [
    "Repeat the request in the same session with the token from a fresh GET of the form/page (expect 2xx/3xx, not 403)",
    "Jenkins: curl -u USER:API_TOKEN -X POST {url|https://jenkins.example.com/job/JOB/build} (expect 201, no crumb needed with an API token)",
  ],
  separate:
    "Send the same request as a GET, or the POST with a token taken from a fresh page load in the same session: if only the token-less POST fails, it is CSRF; if the GET also gets 403, the denial is about authorization, not CSRF.",
  mistakes: [
    "Disabling CSRF protection site-wide instead of sending the token (or exempting only token-authenticated API routes).",
    "Caching pages that contain a per-session token, so users submit someone else's or an old token.",
    "Forgetting that the token is tied to the session: a new session cookie (different domain, SameSite, or a load balancer without sticky sessions and a non-shared session store) invalidates it.",
    "Adding the origin with a path or trailing slash to the trusted list.",
  ],
  sources: [
    "https://docs.djangoproject.com/en/stable/ref/csrf/",
    "https://docs.spring.io/spring-security/reference/servlet/exploits/csrf.html",
    "https://guides.rubyonrails.org/security.html#cross-site-request-forgery-csrf",
    "https://laravel.com/docs/csrf",
    "https://learn.microsoft.com/en-us/aspnet/core/security/anti-request-forgery",
    "https://www.jenkins.io/doc/book/security/csrf-protection/",
    "https://owasp.org/www-community/attacks/csrf",
  ],
  signals: [
    {
      id: "csrf-text",
      role: "hint",
      when: [{ on: "body", match: /\bCSRF (?:verification failed|token (?:missing|mismatch|invalid|expired|has expired)|cookie not set|Failed)\b|Invalid CSRF [Tt]oken|Could not verify the provided CSRF token|Can't verify CSRF token authenticity|InvalidAuthenticityToken|invalid csrf token|EBADCSRFTOKEN|The CSRF (?:token|session token) is missing|The CSRF tokens do not match|No valid crumb was included in the request|AntiforgeryValidationException|antiforgery (?:token|cookie)[^\n]{0,60}(?:not present|invalid|could not be decrypted)|rest_cookie_invalid_nonce|Expected CSRF token not found/ }],
      weight: 0,
      causes: { csrf: 0.9 },
      detail: "the framework's CSRF protection rejected the request",
    },
    {
      id: "origin-referer-check",
      role: "hint",
      when: [{ on: "body", match: /(?:Origin|Referer) checking failed|Referer checking failed - no Referer|does not match any trusted origins/ }],
      weight: 0,
      causes: { csrf: 0.85 },
      detail: "the CSRF Origin/Referer check failed (untrusted or missing origin on HTTPS)",
    },

    {
      id: "probe-application-refuses-writes",
      role: "hint",
      when: [
        { on: "probe", name: "ok-with-safe-method" },
        { on: "method", in: ["POST", "PUT", "PATCH", "DELETE"] },
      ],
      weight: 0,
      causes: { csrf: 0.45, "insufficient-permissions": 0.3, "method-denied": -0.6 },
      responders: ["app"],
      detail: "live probe: the application serves GET of the same URL but refuses the write: a CSRF check or a read-only permission",
    },
  ],
  examples: [
    {
      name: "Django Referer check on HTTPS",
      source: "https://docs.djangoproject.com/en/stable/ref/csrf/",
      input: "Forbidden (403)\nCSRF verification failed. Request aborted.\n\nReason given for failure:\n    Referer checking failed - no Referer.",
      expect: { cause: "csrf" },
    },
    {
      name: "Spring Security JSON: invalid CSRF token",
      source: "https://github.com/adessoSE/coderadar/issues/83",
      input: "{\n\"timestamp\": 1476817340243,\n\"status\": 403,\n\"error\": \"Forbidden\",\n\"message\": \"Invalid CSRF Token 'null' was found on the request parameter '_csrf' or header 'X-CSRF-TOKEN'.\",\n\"path\": \"/projects/1/analyzers\"\n}",
      expect: { cause: "csrf" },
    },
    {
      name: "Jenkins remote build without a crumb",
      source: "https://www.jenkins.io/doc/book/security/csrf-protection/",
      input: "$ curl -X POST https://jenkins.example.com/job/deploy/build\n<html><head><title>Error 403 No valid crumb was included in the request</title></head><body><h2>HTTP ERROR 403</h2><p>Problem accessing /job/deploy/build. Reason:<pre>    No valid crumb was included in the request</pre></p></body></html>",
      expect: { cause: "csrf" },
    },
    {
      name: "a CORS rejection is not a CSRF failure",
      source: "https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html",
      input: "HTTP/1.1 403\r\nVary: Origin\r\nContent-Length: 20\r\n\r\nInvalid CORS request",
      expect: { notCause: "csrf" },
    },

    {
      name: "live probe: a Django view serves the form but refuses the POST",
      source: "https://docs.djangoproject.com/en/stable/ref/csrf/",
      input: "> POST /account/email HTTP/1.1\n> Host: www.example.com\n> Cookie: sessionid=[redacted:cookie:1]\n> Content-Type: application/x-www-form-urlencoded\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: text/html; charset=utf-8\n< X-Frame-Options: DENY\n<\n<h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>",
      probes: ["ok-with-safe-method"],
      expect: { cause: "csrf" },
    },
  ],
});
