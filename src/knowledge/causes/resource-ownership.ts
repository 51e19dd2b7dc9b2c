import { defineCause } from "../schema.js";

export default defineCause({
  id: "resource-ownership",
  title: "The object {path|requested} belongs to another user or tenant",
  why: "Applications check that the object named in the request (an ID in the URL or body) belongs to the authenticated user, team or tenant before acting on it. This protects against insecure direct object references (IDOR): the caller is authenticated and may use the endpoint, but not on someone else's record, so the app answers 403 (some apps answer 404 to hide that the object exists).",
  fix: [
    "Use an ID that belongs to the signed-in user or tenant (list your own objects first, e.g. `GET /me/...` or the collection endpoint, and take the ID from there); check that the client did not keep an ID from another account, environment or a stale cache.",
    "If the other user should have access, share it through the app (add a collaborator, transfer ownership, add the user to the team/organization) rather than changing the check.",
    "If you own the app and the check is wrong, compare the owner field with the principal the check uses (user ID vs. account/tenant ID, string vs. number, a service account acting on behalf of a user).",
  ],
  verify: [
    "Repeat the request as the object's owner, or for an object the caller created (expect 200); the other user's ID should keep answering 403/404",
  ],
  separate:
    "Call the same endpoint with an object ID the caller created itself: 200 there and 403 for {path|this object} means the ownership check; 403 for both means the caller lacks the permission or role for the endpoint.",
  mistakes: [
    "Removing the ownership check to make the call work, which opens an IDOR vulnerability.",
    "Mixing up environments or tenants (a production ID against staging, a personal account vs. an organization account).",
  ],
  sources: [
    "https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/",
    "https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html",
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-403-forbidden",
  ],
  signals: [
    {
      id: "ownership-text",
      role: "hint",
      when: [{ on: "body", match: /\b(?:you (?:do not|don't) own (?:this|that|the)|(?:is|are) not the owner of|not the owner of (?:this|that|the)|you are not the owner|only the owner (?:can|may)|does not belong to (?:you|your|the (?:current|authenticated|requesting) (?:user|account)|this (?:user|account|tenant|organi[sz]ation))|belongs to (?:another|a different) (?:user|account|tenant|organi[sz]ation|team)|(?:can|may) only (?:access|view|edit|modify|update|delete|manage) (?:your|their|its) own|\bNOT_OWNED\b|\bnot_owner\b)/i }],
      weight: 0,
      causes: { "resource-ownership": 0.85 },
      detail: "the application says the object belongs to someone else",
    },
  ],
  examples: [
    {
      name: "API: not the owner of the comment",
      source: "https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{\"statusCode\":403,\"error\":\"Forbidden\",\"message\":\"You are not the owner of this comment\"}",
      expect: { cause: "resource-ownership" },
    },
    {
      name: "SDK error: can only modify your own listings",
      source: "https://github.com/civitai/cli/pull/522",
      input: "Error: 403 Forbidden: {\"error\":\"NOT_OWNED\",\"message\":\"You can only manage your own listings\"}",
      expect: { cause: "resource-ownership" },
    },
    {
      name: "a missing role is not an ownership problem",
      source: "https://laravel.com/docs/authorization",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{\"message\":\"This action is unauthorized.\"}",
      expect: { notCause: "resource-ownership" },
    },
  ],
});
