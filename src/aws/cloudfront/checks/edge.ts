// Checks CloudFront applies before any behavior: is the host an alternate domain name, is the
// distribution on, does the protocol fit, is a web ACL attached, does geo restriction block.
import { listOf, show } from "../../../checks/show.js";
import type { CloudFrontContext } from "../context.js";
import { aliasMatches } from "../match.js";

export const checkAliases = (ctx: CloudFrontContext): void => {
  const host = ctx.req.url.hostname.toLowerCase();
  const aliases = ctx.dist.config.Aliases?.Items ?? [];
  const path = "DistributionConfig.Aliases.Items";
  if (host.endsWith(".cloudfront.net")) {
    if (ctx.dist.domainName && ctx.dist.domainName.toLowerCase() !== host) {
      ctx.rec.warn("aliases", `${host} is not this distribution's domain name (${ctx.dist.domainName}): the request reaches another distribution`, "Distribution.DomainName");
    } else {
      ctx.rec.pass("aliases", `${host} is a CloudFront default domain name: no alternate domain name needed`, path);
    }
    return;
  }
  const hit = aliases.find((a) => aliasMatches(a, host));
  if (hit) {
    ctx.rec.pass("aliases", `${host} is covered by the alternate domain name ${hit}`, path);
    return;
  }
  ctx.rec.fail({
    cause: "host-not-configured",
    confidence: 0.92,
    decider: "aws-cloudfront",
    check: "aliases",
    path,
    value: show(aliases),
    detail: `${host} is not an alternate domain name (CNAME) of this distribution (it lists: ${listOf(aliases)}); CloudFront answers a request for it with 403 Bad request`,
    fix: [`Add \`${host}\` to ${path} (CloudFront console → the distribution → General → Settings → Edit → Alternate domain name) with an ACM certificate in us-east-1 that covers it, or point the DNS record at the distribution that lists it.`],
    verify: [`aws cloudfront get-distribution-config --id ${ctx.vars.distributionId ?? "DISTRIBUTION_ID"} --query DistributionConfig.Aliases.Items (lists ${host})`],
    vars: { host },
  });
};

export const checkEnabled = (ctx: CloudFrontContext): void => {
  if (ctx.dist.config.Enabled === false) {
    ctx.rec.warn("enabled", "the distribution is disabled (Enabled: false): it serves no requests until enabled and deployed", "DistributionConfig.Enabled");
  } else {
    ctx.rec.pass("enabled", "the distribution is enabled", "DistributionConfig.Enabled");
  }
};

export const checkViewerProtocol = (ctx: CloudFrontContext): void => {
  const policy = ctx.behavior.behavior.ViewerProtocolPolicy;
  const path = `${ctx.behavior.path}.ViewerProtocolPolicy`;
  if (policy === "https-only" && ctx.req.url.protocol === "http:") {
    ctx.rec.fail({
      cause: "wrong-endpoint",
      confidence: 0.9,
      decider: "aws-cloudfront",
      check: "viewer-protocol",
      path,
      value: policy,
      detail: `${ctx.behavior.label} accepts HTTPS only, and CloudFront answers an http:// request with 403`,
      fix: [`Request https://${ctx.req.url.host}${ctx.req.url.pathname}, or set ${path} to redirect-to-https so plain HTTP viewers are redirected instead of refused.`],
      verify: [`curl -sI https://${ctx.req.url.host}${ctx.req.url.pathname} (expect 200)`],
      vars: { host: ctx.req.url.host },
    });
    return;
  }
  ctx.rec.pass("viewer-protocol", `${ctx.req.url.protocol.replace(":", "")} is allowed by ViewerProtocolPolicy ${policy ?? "(not set)"}`, path);
};

export const checkWebAcl = (ctx: CloudFrontContext): void => {
  const acl = ctx.dist.config.WebACLId ?? "";
  const path = "DistributionConfig.WebACLId";
  if (acl === "") {
    ctx.rec.pass("waf", "no AWS WAF web ACL is attached to the distribution", path);
    return;
  }
  // an attached ACL makes a WAF block possible, not certain: its sampled requests decide
  ctx.rec.fail({
    cause: "waf-rule",
    confidence: 0.35,
    decider: "aws-waf",
    check: "waf",
    path,
    value: acl,
    detail: "an AWS WAF web ACL is attached: a rule that blocks this request gets a 403 from CloudFront that looks like any other",
    fix: [`Look the request up in the web ACL's sampled requests or WAF logs (web ACL ${acl}); if a rule blocked it, add a scope-down statement or an exception for this path.`],
    verify: [`aws wafv2 get-sampled-requests --scope CLOUDFRONT --region us-east-1 --web-acl-arn ${acl.startsWith("arn:") ? acl : "WEB_ACL_ARN"} --rule-metric-name RULE_METRIC --time-window StartTime=START,EndTime=END --max-items 100 (the request shows Action BLOCK)`],
  });
};

export const checkGeo = (ctx: CloudFrontContext): void => {
  const geo = ctx.dist.config.Restrictions?.GeoRestriction;
  const path = "DistributionConfig.Restrictions.GeoRestriction";
  const type = geo?.RestrictionType ?? "none";
  const items = (geo?.Items ?? []).map((c) => c.toUpperCase());
  if (type === "none") {
    ctx.rec.pass("geo-restriction", "no geographic restriction", path);
    return;
  }
  const country = ctx.req.country?.toUpperCase();
  const value = show({ RestrictionType: type, Items: items });
  if (!country) {
    ctx.rec.fail({
      cause: "geo-blocked",
      confidence: 0.2,
      decider: "aws-cloudfront",
      check: "geo-restriction",
      path,
      value,
      detail: `geographic restriction is on (${type}: ${listOf(items)}); pass --country CC to check the viewer's country`,
    });
    return;
  }
  const blocked = type === "whitelist" ? !items.includes(country) : type === "blacklist" ? items.includes(country) : false;
  if (!blocked) {
    ctx.rec.pass("geo-restriction", `${country} is allowed by the ${type} (${listOf(items)})`, path);
    return;
  }
  ctx.rec.fail({
    cause: "geo-blocked",
    confidence: 0.95,
    decider: "aws-cloudfront",
    check: "geo-restriction",
    path,
    value,
    detail: type === "whitelist" ? `${country} is not in the allow list (${listOf(items)})` : `${country} is in the block list (${listOf(items)})`,
    fix: [
      type === "whitelist"
        ? `Add ${country} to ${path}.Items (allow list), or serve that country a different distribution.`
        : `Remove ${country} from ${path}.Items (block list), if viewers there should be served.`,
    ],
  });
};
