import { defineCause } from "../schema.js";

export default defineCause({
  id: "ip-denied",
  title: "The client IP {client|address} is not allowed by {host|the server}",
  why: "Access rules that look at where a request comes from refuse it before credentials matter: an allowlist of office/VPN ranges, a deny list or reputation block, a firewall rule on a storage account or database API, an API key restricted to certain IPs, or a policy condition such as `aws:SourceIp` / `aws:SourceVpce` that only admits calls from a VPC endpoint. The same request works from another network. Behind proxies and load balancers the address the rule sees may be the proxy's, or a spoofable `X-Forwarded-For` that is not trusted.",
  fix: [
    "Find the public egress IP the server sees (`curl -s https://checkip.amazonaws.com` from the client; NAT gateways, VPNs and CI runners change it) and add that address or range to the allowlist: nginx `allow IP;` before `deny all;`, Apache `Require ip RANGE`, the IP restriction of the API key, the storage account/database firewall, the WAF IP set.",
    "If a policy condition is the gate (`aws:SourceIp`, `aws:SourceVpce`, `aws:SourceVpc`), call through the expected VPC endpoint or add the caller's network to the condition; note that calls via a VPC endpoint carry private IPs, so `aws:SourceIp` never matches them.",
    "Behind a proxy or load balancer, make the server use the real client address (nginx `set_real_ip_from` + `real_ip_header X-Forwarded-For`, Apache `mod_remoteip`) and trust only your own proxies.",
  ],
  verify: [
    "curl -s -o /dev/null -w '%{http_code}\\n' {url|URL} from the allow-listed network (expect 200) and from another network (still 403)",
  ],
  separate:
    "Repeat the identical request from a different network (mobile hotspot, a cloud VM, or through/without the VPN): 200 from one and 403 from the other means an IP rule; 403 everywhere points at credentials, permissions or a content rule (waf-rule). A country-wide pattern points at geo-blocked.",
  mistakes: [
    "Allow-listing the client's private/LAN address instead of the public egress IP.",
    "Forgetting that CI runners, serverless functions and mobile networks change IPs.",
    "Restricting a bucket or API with `aws:SourceIp` and then calling it through a VPC endpoint (private source addresses).",
    "Trusting X-Forwarded-For from any client, which lets anyone spoof an allowed IP.",
  ],
  sources: [
    "https://nginx.org/en/docs/http/ngx_http_access_module.html",
    "https://httpd.apache.org/docs/2.4/howto/access.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip",
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security",
  ],
  signals: [
    {
      id: "ip-not-allowed-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\b(?:your |client |source |remote |request )?IP(?: address)?(?: (?<client>\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}:[0-9a-f:]{2,38})|'[^'\n]{3,45}'|"[^"\n]{3,45}")? (?:is |has been |was )?(?:not (?:allowed|permitted|authori[sz]ed|whitelisted|allowlisted|in the (?:allow|white)[ -]?list)|blocked|banned|blacklisted|denied|forbidden)\b|\b(?:banned|blocked|blacklisted) your IP(?: address)?\b|\bnot in the (?:IP )?(?:allow|white)[ -]?list\b|\bIP (?:address )?(?:allow|white)[ -]?list(?: is)? enabled\b|\bForbidden IP\b|your IP address is not permitted|\bAPI_KEY_IP_ADDRESS_BLOCKED\b|\bIpDeniedAccess\b|Requests from this client IP address are blocked/i,
        },
      ],
      weight: 0,
      causes: { "ip-denied": 0.75 },
      detail: "the message says the client's IP address is not allowed",
    },
    {
      id: "private-network-only",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bonly (?:accessible|reachable|allowed|available) from (?:within )?(?:the |a |your )?(?:VPC|VNet|virtual network|private network|internal network|corporate network|intranet)\b|\bpublic network access is disabled\b|\bPublic network access\b[^\n]{0,40}\b(?:disabled|not allowed)\b|\bnot allowed from (?:the )?(?:public internet|outside the (?:VPC|network))\b|\bthrough public internet\. This is blocked by\b|\bblocked by (?:your|the) [\w ]{0,40}firewall (?:settings|rules)\b/i,
        },
      ],
      weight: 0,
      causes: { "ip-denied": 0.65 },
      detail: "the resource only accepts calls from a private network",
    },

    {
      id: "probe-whole-site-refused",
      role: "hint",
      when: [{ on: "probe", name: "site-root-denied" }],
      weight: 0,
      causes: { "ip-denied": 0.35, "path-blocked": -0.5, "filesystem-permission": -0.5, "directory-listing": -0.5 },
      responders: ["nginx", "apache", "iis", "unknown", "envoy"],
      detail: "live probe: the site root is refused too: the whole site refuses this client",
    },
    {
      id: "probe-whole-site-any-client",
      role: "hint",
      when: [
        { on: "probe", name: "site-root-denied" },
        { on: "probe", name: "denied-with-browser-user-agent" },
      ],
      weight: 0,
      causes: { "ip-denied": 0.7, "user-agent-blocked": -0.7 },
      responders: ["nginx", "apache", "iis", "unknown", "envoy"],
      detail: "live probe: the whole site refuses this client whatever software it claims to be: a rule on where it connects from",
    },

    {
      id: "probe-other-name-refused-too",
      role: "hint",
      when: [
        { on: "probe", name: "site-root-denied" },
        { on: "probe", name: "host-variant-denied" },
      ],
      weight: 0,
      causes: { "ip-denied": 0.3, "host-not-configured": -0.8 },
      responders: ["nginx", "apache", "iis", "unknown", "envoy"],
      detail: "live probe: the other name of the host is refused the same way: the refusal is about this client, not about the name",
    },
  ],
  examples: [
    {
      name: "GitHub organisation with an IP allow list",
      source: "https://github.com/SalesforceFoundation/NPSP/issues/7247",
      input: "Error: 403 Although you appear to have the correct authorization credentials, the `SalesforceFoundation` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.",
      expect: { cause: "ip-denied" },
    },
    {
      name: "Google API key restricted to other IPs",
      source: "https://cloud.google.com/docs/authentication/api-keys",
      input: "{\n  \"error\": {\n    \"code\": 403,\n    \"message\": \"The provided API key has an IP address restriction. The originating IP address of the call (203.0.113.25) violates this restriction.\",\n    \"status\": \"PERMISSION_DENIED\",\n    \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"API_KEY_IP_ADDRESS_BLOCKED\", \"domain\": \"googleapis.com\"}]\n  }\n}",
      expect: { cause: "ip-denied" },
    },
    {
      name: "Cosmos DB firewall refuses a public client IP",
      source: "https://github.com/microsoft/azure-tools-for-java/issues/7123",
      input: "CosmosException: {\"code\":\"Forbidden\",\"message\":\"Request originated from IP 198.51.100.44 through public internet. This is blocked by your Cosmos DB account firewall settings. More info: https://aka.ms/cosmosdb-tsg-forbidden\\r\\nActivityId: a2d4abbb-3d83-4bdf-b2f5-bcfeb65ba808, Microsoft.Azure.Documents.Common/2.14.0, StatusCode: Forbidden\"}",
      expect: { cause: "ip-denied" },
    },
    {
      name: "a CORS origin refusal is not an IP block",
      source: "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS/Errors/CORSMissingAllowOrigin",
      input: "Access to fetch at 'https://api.example.com/data' from origin 'https://app.example.org' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
      expect: { notCause: "ip-denied" },
    },

    {
      name: "live probe: nginx refuses the whole site to this client, browser or not",
      source: "https://nginx.org/en/docs/http/ngx_http_access_module.html",
      input: "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
      probes: ["site-root-denied", "denied-with-browser-user-agent"],
      expect: { cause: "ip-denied" },
    },

    {
      name: "live probe: both names of the site refuse this client, browser or not",
      source: "https://nginx.org/en/docs/http/ngx_http_access_module.html",
      input: "> GET / HTTP/1.1\n> Host: shop.example\n> User-Agent: curl/8.5.0\n>\n< HTTP/1.1 403 Forbidden\n< Server: nginx/1.22.1\n< Content-Type: text/html\n<\n<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n",
      probes: ["site-root-denied", "host-variant-denied", "denied-with-browser-user-agent"],
      expect: { cause: "ip-denied" },
    },
  ],
});
