// A cluster's title, fix and verify: the catalog entry of its cause (the responder's own advice
// for that cause first), filled with what the logs say (rule, host, path, principal, ...).
import { fillTemplate } from "../engine/template.js";
import { loadCatalog } from "../knowledge/catalog.js";
import type { CauseId, ResponderId } from "../model/taxonomy.js";

export interface ClusterFacts {
  key: Record<string, string>;
  /** The log formats that saw the cluster's requests. */
  sources: readonly string[];
  host?: string | undefined;
  path?: string | undefined;
  client?: string | undefined;
  principal?: string | undefined;
  action?: string | undefined;
  rule?: string | undefined;
}

/** arn:aws:sts::1:assumed-role/R/session → arn:aws:iam::1:role/R (what policy tools take). */
const roleOf = (arn: string): string => arn.replace(/^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.*$/, "arn:$1:iam::$2:role/$3");

/** What another log would add: said first, because it is the cheapest next step. */
const logHint = (responder: ResponderId, cause: CauseId, sources: readonly string[]): string | undefined => {
  const only = (...ids: string[]): boolean => sources.every((s) => ids.includes(s));
  if (only("nginx-combined") && ["unknown", "directory-listing", "path-blocked"].includes(cause))
    return "Add nginx's error log for the same period (e.g. /var/log/nginx/error.log): it names the reason of each 403, and why403 joins its lines to these by client, request and time.";
  if (only("apache-combined") && ["unknown", "directory-listing", "path-blocked"].includes(cause))
    return "Add Apache's error log for the same period (e.g. /var/log/apache2/error.log): its AH codes name the reason of each 403, and why403 joins its lines to these by client and time.";
  if (responder === "aws-cloudfront" && cause === "origin-denied" && !sources.includes("waf"))
    return "Add the AWS WAF log of the distribution's web ACL, if it has one (a WAF block is logged as `Error` here too), and the origin's own log (S3 server access log, ALB log), which names its reason.";
  if (responder === "aws-s3" && only("s3-access"))
    return "Add CloudTrail data events for the bucket: their errorMessage names the kind of policy that refused and the calling principal; why403 joins them by x-amz-request-id.";
  if (responder === "aws-elb" && cause === "origin-denied")
    return "The target answered 403 and the load balancer passed it on: read the application's log for the same X-Amzn-Trace-Id.";
  return undefined;
};

export const clusterText = (responder: ResponderId, cause: CauseId, f: ClusterFacts): { title: string; fix: string[]; verify: string[] } => {
  const catalog = loadCatalog();
  const entry = catalog.causes.get(cause);
  const own = catalog.responders.get(responder)?.causes[cause];
  const vars: Record<string, string | undefined> = {
    host: f.host,
    path: f.path,
    url: f.host && f.path ? `https://${f.host}${f.path}` : undefined,
    client: f.client,
    principal: f.principal,
    principalRole: f.principal ? roleOf(f.principal) : undefined,
    action: f.action,
    rule: f.rule,
    ruleId: f.rule ? ` (rule ${f.rule})` : undefined,
    bucket: responder === "aws-s3" ? f.host?.replace(/\.s3[.-].*$/, "") : undefined,
    responder: catalog.responders.get(responder)?.name,
  };
  const fill = (s: string): string => fillTemplate(s, vars);
  const name = catalog.responders.get(responder)?.name ?? responder;
  const title = cause === "unknown" ? `${name} refused these requests; its log line does not say why` : (own?.title ?? entry?.title ?? `${responder}: ${cause}`);
  const hint = logHint(responder, cause, f.sources);
  return {
    title: fill(title),
    fix: [...(hint ? [hint] : []), ...(own?.fix ?? entry?.fix ?? []).map(fill)],
    verify: (own?.verify ?? entry?.verify ?? []).map(fill),
  };
};
