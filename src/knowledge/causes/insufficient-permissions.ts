import { defineCause } from "../schema.js";

export default defineCause({
  id: "insufficient-permissions",
  title: "{principal|The caller} is authenticated but lacks the role, scope or permission this action needs",
  why: "The server knows who is calling and decided this identity may not do this: the token lacks an OAuth scope, the user or service account lacks a role (RBAC), the API key or app installation was granted fewer permissions than the endpoint requires. This is the textbook meaning of 403: sending the same credentials again will not help; the grant has to change or another identity has to be used.",
  fix: [
    "Find the permission or scope the endpoint requires (API reference, the `WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"...\"` header, or the role named in the message) and grant it to {principal|the caller}: add the role binding / group membership, or request a new token with the missing scope.",
    "After changing scopes, obtain a new token: existing tokens keep the scopes they were issued with.",
    "Role changes can take minutes to propagate (Azure RBAC up to ~10 minutes, cached group memberships longer); retry after a pause or a new sign-in.",
  ],
  verify: [
    "Repeat the request with the new token or role (expect 200); compare with an identity known to work, e.g. an admin, on the same endpoint",
  ],
  separate:
    "Make the same request with a more privileged identity (admin token, owner account): if that one works, the original identity lacks a grant (insufficient-permissions); if it fails too, something in front (WAF, IP rule, resource policy) or the resource itself is the problem. The identity the server saw is shown by its whoami endpoint (`aws sts get-caller-identity`, `kubectl auth whoami`, `az account show`).",
  mistakes: [
    "Re-logging in or regenerating the same token, which carries the same scopes.",
    "Granting the role to your user while the request is made by a service account, managed identity or CI token.",
    "Granting a role at the wrong scope (another project, subscription, organisation or repository).",
  ],
  sources: [
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-403-forbidden",
    "https://www.rfc-editor.org/rfc/rfc6750.html#section-3.1",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403",
    "https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshooting",
  ],
  signals: [
    {
      id: "insufficient-scope-challenge",
      role: "hint",
      when: [{ on: "header", name: "www-authenticate", match: /\berror="insufficient_scope"/i }],
      weight: 0,
      causes: { "insufficient-permissions": 0.85 },
      detail: "RFC 6750 challenge: the token is valid but lacks the required scope",
      sources: ["https://www.rfc-editor.org/rfc/rfc6750.html#section-3.1"],
    },
    {
      id: "insufficient-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\binsufficient[_ ](?:scopes?|permissions?|privileges?|access rights)\b|\bmissing (?:required )?(?:scopes?|permissions?|roles?)\b|\b(?:does not|doesn't) have (?:the )?(?:required|necessary|sufficient|enough) (?:permissions?|roles?|privileges?|scopes?)\b|\b(?:does not|doesn't) have (?:the )?permissions? to perform\b|\bnot authorized to perform this operation using this permission\b|\bdoes not have authorization to perform action\b|\bRequired (?:role|scope|permission)s?:|\byou do not have (?:the )?(?:required|necessary|sufficient) (?:permissions?|roles?|privileges?)\b|You do not have permission to perform this action\b|\bpermission[_ ]denied\b[^\n]{0,40}\b(?:missing|requires?|lacks?)\b/i,
        },
      ],
      weight: 0,
      causes: { "insufficient-permissions": 0.65 },
      detail: "the message says the caller lacks a scope, role or permission",
    },

    {
      id: "probe-credentials-recognised",
      role: "hint",
      when: [
        { on: "probe", name: "challenge-without-credentials" },
        { on: "fact", name: "request-with-credentials" },
      ],
      weight: 0,
      causes: { "insufficient-permissions": 0.55, "auth-missing": -0.7 },
      detail: "live probe: without credentials the server asks for them (401); with them it refuses (403): they are recognised but not allowed this",
    },
  ],
  examples: [
    {
      name: "OAuth server: token without the required scope",
      source: "https://github.com/manjeshpv/node-oauth2-server-implementation/issues/34",
      input: "{\n    \"statusCode\": 403,\n    \"status\": 403,\n    \"code\": 403,\n    \"message\": \"Insufficient scope: authorized scope is insufficient\",\n    \"name\": \"insufficient_scope\"\n}",
      expect: { cause: "insufficient-permissions" },
    },
    {
      name: "Django REST Framework permission class refuses an authenticated user",
      source: "https://www.django-rest-framework.org/api-guide/permissions/",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\nVary: Accept\nAllow: GET, POST, HEAD, OPTIONS\n\n{\"detail\":\"You do not have permission to perform this action.\"}",
      expect: { cause: "insufficient-permissions" },
    },
    {
      name: "Okta userinfo: token lacks every OpenID scope",
      source: "https://github.com/oktadeveloper/okta-blog-archive/pull/1653",
      input: "HTTP/1.1 403 Forbidden\nExpires: 0\nWWW-Authenticate: Bearer error=\"insufficient_scope\", error_description=\"The access token must provide access to at least one of these scopes - profile, email, address or phone\"\n",
      expect: { cause: "insufficient-permissions" },
    },
    {
      name: "no credentials at all is not a missing grant",
      source: "https://github.com/Tivix/django-rest-auth/issues/418",
      input: "HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{\"detail\":\"Authentication credentials were not provided.\"}",
      expect: { notCause: "insufficient-permissions" },
    },

    {
      name: "live probe: 401 without the token, 403 with it",
      source: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.4",
      input: "> GET /v1/admin/users HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer [redacted:authorization:1]\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/json\n<\n{\"error\":\"forbidden\"}",
      probes: ["challenge-without-credentials"],
      expect: { cause: "insufficient-permissions" },
    },
  ],
});
