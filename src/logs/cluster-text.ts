// A cluster's title, fix and verify: the catalog entry of its cause (the responder's own advice
// for that cause first), filled with what the logs say (rule, host, path, principal, ...).
import { fillTemplate } from "../engine/template.js";
import { loadCatalog } from "../knowledge/catalog.js";
import type { CauseId, ResponderId } from "../model/taxonomy.js";

export interface ClusterFacts {
  key: Record<string, string>;
  host?: string | undefined;
  path?: string | undefined;
  client?: string | undefined;
  principal?: string | undefined;
  action?: string | undefined;
  rule?: string | undefined;
}

/** arn:aws:sts::1:assumed-role/R/session → arn:aws:iam::1:role/R (what policy tools take). */
const roleOf = (arn: string): string => arn.replace(/^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.*$/, "arn:$1:iam::$2:role/$3");

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
  const title = own?.title ?? entry?.title ?? `${responder}: ${cause}`;
  return {
    title: fill(title),
    fix: (own?.fix ?? entry?.fix ?? []).map(fill),
    verify: (own?.verify ?? entry?.verify ?? []).map(fill),
  };
};
