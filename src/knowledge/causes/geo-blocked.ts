import { defineCause } from "../schema.js";

export default defineCause({
  id: "geo-blocked",
  title: "{host|The service} refuses requests from the client's country or region",
  why: "Geo restrictions map the client's IP address to a country and refuse whole countries or regions: CDN geo-blocking (CloudFront geographic restrictions, Cloudflare/Akamai/Fastly country rules), WAF geo-match rules, and providers that do not serve some jurisdictions for legal or sanctions reasons (several AI APIs answer `unsupported_country_region_territory`). What counts is the egress IP of the request, so a server or proxy hosted in a blocked region is refused even if the user is elsewhere, and IP-to-country databases are sometimes wrong.",
  fix: [
    "Check which country the service sees: `curl -s https://ipinfo.io/country` from the machine that makes the request (server, container, proxy), not from your laptop.",
    "If you operate the restriction: allow the country in the CDN/WAF geo rule (CloudFront: Security > CloudFront geographic restrictions; AWS WAF geo-match statement; Cloudflare WAF custom rule on `ip.src.country`), or exempt the specific client IPs.",
    "If the provider does not serve the region: run the calling service in a supported region and check the provider's supported-countries list; routing around legal restrictions may violate its terms.",
  ],
  verify: [
    "curl -s https://ipinfo.io/country from the calling host, then curl -s -o /dev/null -w '%{http_code}\\n' {url|URL} from a host in a supported country (expect 200)",
  ],
  separate:
    "Make the same request from a host in another country (a cloud VM in a supported region): success there and failure from every IP of the first country means geo-blocking; failure only for one IP or range means ip-denied.",
  mistakes: [
    "Checking your own location when the request is made by a server or serverless function in another region.",
    "Assuming a VPN fixes it: many services block known VPN and hosting ranges too.",
    "Forgetting that IP-to-country databases lag behind re-assigned address ranges.",
  ],
  sources: [
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/georestrictions.html",
    "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-geo-match.html",
    "https://platform.openai.com/docs/supported-countries",
  ],
  signals: [
    {
      id: "geo-words",
      role: "hint",
      when: [
        {
          on: "body",
          match: /\bunsupported_country_region_territory\b|Country, region, or territory not supported|\b(?:is |are )?not (?:yet )?(?:available|supported|accessible|offered) (?:in|from) your (?:country|region|location|territory)\b|\byour (?:country|region|location) is not (?:yet )?(?:supported|allowed|available)\b|\baccess from your (?:country|region|location) (?:is |has been )?(?:not allowed|not permitted|denied|blocked|restricted)\b|\bgeo[ -]?(?:blocked|blocking|restricted|restriction)\b|\bgeographic(?:al)? restrictions?\b|has banned the country or region your IP address is in/i,
        },
      ],
      weight: 0,
      causes: { "geo-blocked": 0.8 },
      detail: "the message says the client's country or region is not served",
    },
  ],
  examples: [
    {
      name: "OpenAI API called from an unsupported region",
      source: "https://github.com/home-assistant/core/issues/120072",
      input: "Sorry, I had a problem talking to OpenAI: Error code: 403 - {'error': {'code': 'unsupported_country_region_territory', 'message': 'Country, region, or territory not supported', 'param': None, 'type': 'request_forbidden'}}",
      expect: { cause: "geo-blocked" },
    },
    {
      name: "proxy hosted in a blocked region",
      source: "https://github.com/songquanpeng/one-api/issues/1692",
      input: "{\n  \"error\": {\n    \"message\": \"Country, region, or territory not supported (request id: 2024072510422562564674066306279)\",\n    \"type\": \"request_forbidden\",\n    \"param\": \"\",\n    \"code\": \"unsupported_country_region_territory\"\n  }\n}",
      expect: { cause: "geo-blocked" },
    },
    {
      name: "an IP allow list is not a country block",
      source: "https://github.com/SalesforceFoundation/NPSP/issues/7247",
      input: "Error: 403 Although you appear to have the correct authorization credentials, the `SalesforceFoundation` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.",
      expect: { notCause: "geo-blocked" },
    },
  ],
});
