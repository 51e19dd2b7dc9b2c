import { defineCause } from "../schema.js";

export default defineCause({
  id: "sso-required",
  title: "The organization requires single sign-on (or a compliant session) for this resource",
  why: "An identity layer in front of the resource requires a session from the organization's identity provider: GitHub organizations with SAML SSO need each personal access token or SSH key to be authorized for SSO; Entra ID (Azure AD) Conditional Access blocks tokens that miss MFA, a compliant device or an allowed location; zero-trust proxies (Cloudflare Access, Google IAP, Vercel Deployment Protection, Azure App Service authentication) answer 403 or a login page until the caller has signed in with an allowed identity.",
  fix: [
    "GitHub: Settings > Developer settings > Personal access tokens > the token > Configure SSO > Authorize for the organization (SSH keys: Settings > SSH keys > Configure SSO); or use a fine-grained token / GitHub App installed in the org.",
    "Entra ID Conditional Access: sign in again interactively to satisfy MFA/device requirements (`az login --scope ...` / `Connect-MgGraph`), or ask the tenant admin which policy blocked the sign-in (Sign-in logs > Conditional Access tab) and use a compliant device or an exempted workload identity for automation.",
    "Cloudflare Access / Google IAP / Vercel: for browsers, sign in through the login page with an allowed identity; for automation, use the product's service credentials (Cloudflare Access service token headers `CF-Access-Client-Id`/`CF-Access-Client-Secret`, an IAP OIDC token for the OAuth client ID, a Vercel Protection Bypass for Automation secret).",
  ],
  verify: [
    "Repeat the call with the SSO-authorized token or service credential (expect 200); e.g. `curl -sI -H \"Authorization: Bearer $TOKEN\" {url|URL}`",
  ],
  separate:
    "Try the same token or session on a resource outside the organization (a personal repo, another tenant, a public path): if it works there and fails only inside the organization with a message naming SAML/SSO, Conditional Access or an access login, it is the SSO requirement rather than a missing permission.",
  mistakes: [
    "Creating a new token with more scopes when the existing one only needs SSO authorization.",
    "Running automation as a user account subject to MFA/device Conditional Access instead of a service principal or service token.",
    "Sending Cloudflare Access service tokens to a policy that does not include a Service Auth rule.",
  ],
  sources: [
    "https://docs.github.com/en/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on",
    "https://learn.microsoft.com/en-us/entra/identity/conditional-access/troubleshoot-conditional-access",
    "https://developers.cloudflare.com/cloudflare-one/identity/service-tokens/",
    "https://cloud.google.com/iap/docs/authentication-howto",
    "https://vercel.com/docs/deployment-protection/methods-to-bypass-deployment-protection/protection-bypass-automation",
  ],
  signals: [
    {
      id: "saml-sso-text",
      role: "hint",
      when: [{ on: "body", match: /\bSAML (?:SSO|enforcement|single sign-on)\b|\bsingle sign-on\b[^\n]{0,80}\b(?:required|enforce|authoriz)|\bSSO (?:is )?(?:required|enforced)\b|requires? (?:you to )?(?:SSO|SAML) (?:authentication|authorization|session)|re-?authorize (?:this|the) token for SSO|X-GitHub-SSO: required/i }],
      weight: 0,
      causes: { "sso-required": 0.85 },
      detail: "the response says organization single sign-on is required",
    },
    {
      id: "github-sso-header",
      role: "hint",
      when: [{ on: "header", name: "x-github-sso", match: /required/ }],
      weight: 0,
      causes: { "sso-required": 0.9 },
      detail: "GitHub's X-GitHub-SSO header: the token must be authorized for the organization's SSO",
    },
    {
      id: "conditional-access-text",
      role: "hint",
      when: [{ on: "body", match: /\bAADSTS(?:53000|53001|53002|53003|50076|50079|50158|530032)\b|blocked by Conditional Access|Conditional Access polic(?:y|ies)/ }],
      weight: 0,
      causes: { "sso-required": 0.85 },
      detail: "an Entra ID Conditional Access policy blocked the token",
    },
    {
      id: "access-login-wall",
      role: "hint",
      when: [{ on: "body", match: /\/cdn-cgi\/access\/login|Cloudflare Access|cloudflareaccess\.com|Identity-Aware Proxy|Vercel Authentication|_vercel_sso_nonce|vercel\.com\/sso-api/ }],
      weight: 0,
      causes: { "sso-required": 0.7 },
      detail: "a zero-trust login wall (Cloudflare Access, IAP, Vercel Authentication) stands in front of the resource",
    },
    {
      id: "access-login-redirect",
      role: "hint",
      when: [{ on: "header", name: "location", match: /\/cdn-cgi\/access\/login|\.cloudflareaccess\.com\/|vercel\.com\/sso-api|login\.microsoftonline\.com\/|accounts\.google\.com\/o\/oauth2/ }],
      weight: 0,
      causes: { "sso-required": 0.6 },
      detail: "the response points the client at an organization login",
    },
  ],
  examples: [
    {
      name: "GitHub token not authorized for the org's SAML SSO",
      source: "https://docs.github.com/en/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on",
      input: "HTTP/2 403\r\ncontent-type: application/json; charset=utf-8\r\nx-github-sso: required; url=https://github.com/orgs/acme/sso?authorization_request=AZSCKtL4U8yX1H3sCQIVnVgmjmon5fWxcM\r\n\r\n{\"message\":\"Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.\",\"documentation_url\":\"https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/\"}",
      expect: { cause: "sso-required" },
    },
    {
      name: "Entra ID Conditional Access block",
      source: "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
      input: "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\nStatus Code: 403",
      expect: { cause: "sso-required" },
    },
    {
      name: "Cloudflare Access login redirect",
      source: "https://developers.cloudflare.com/cloudflare-one/identity/service-tokens/",
      input: "HTTP/2 403\r\nserver: cloudflare\r\ncf-ray: 8a1b2c3d4e5f6a7b-FRA\r\nlocation: https://acme.cloudflareaccess.com/cdn-cgi/access/login/internal.example.com?kid=1a2b3c&redirect_url=%2F\r\ncontent-length: 0\r\n\r\n",
      expect: { cause: "sso-required" },
    },
    {
      name: "Cloudflare Access login page in front of an internal app",
      source: "https://developers.cloudflare.com/cloudflare-one/applications/configure-apps/self-hosted-public-app/",
      input: "HTTP/2 403\r\ncontent-type: text/html\r\nserver: cloudflare\r\n\r\n<html><head><title>Sign in ・ Cloudflare Access</title></head><body><a href=\"https://acme.cloudflareaccess.com/cdn-cgi/access/login/internal.example.com?redirect_url=%2F\">Sign in</a></body></html>",
      expect: { cause: "sso-required" },
    },
    {
      name: "a plain GitHub permission error does not need SSO",
      source: "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api",
      input: "{\"message\":\"Resource not accessible by personal access token\",\"documentation_url\":\"https://docs.github.com/rest/issues/issues#create-an-issue\",\"status\":\"403\"}",
      expect: { notCause: "sso-required" },
    },
  ],
});
