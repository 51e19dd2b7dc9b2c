// extractFacts: the values fix and verify templates are filled with (bucket, key, action,
// principal, host, stage ...), read from the request and from well-known message formats.
import type { Exchange } from "../model/exchange.js";
import { headerValue } from "../model/exchange.js";

export type Facts = Record<string, string>;

const S3_VIRTUAL = /^(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3(?:[.-](?<region>[a-z]{2}-[a-z]+-\d))?(?:\.dualstack)?(?:\.[a-z0-9-]+)?\.amazonaws\.com$/;
const S3_PATH_HOST = /^s3(?:[.-](?<region>[a-z]{2}-[a-z]+-\d))?(?:\.dualstack)?\.amazonaws\.com$/;
const EXECUTE_API = /^(?<apiId>[a-z0-9]{10})\.execute-api\.(?<region>[a-z]{2}-[a-z]+-\d)\.amazonaws\.com$/;

/** Patterns read from the body and free text; the first match of each name wins. */
const TEXT_FACTS: readonly RegExp[] = [
  /User: (?<principal>arn:aws[\w-]*:(?:iam|sts)::\d{12}:[^\s"',]+|anonymous)\s+is\s+not\s+authorized\s+to\s+perform:\s+(?<action>[\w-]+:[\w*]+)(?:\s+on\s+resource:?\s+"?(?<resource>[^\s"',]+))?/,
  // the policy type AWS names in newer AccessDenied messages, and whether the deny was explicit
  /(?<denyKind>because no|with an explicit deny in an?) (?<policyKind>identity-based policy|resource-based policy|service control policy|resource control policy|permissions boundary|session policy|VPC endpoint policy)/,
  /s3:\/\/(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(?<key>[^\s"'`]*)/,
  /<BucketName>(?<bucket>[^<]+)<\/BucketName>/,
  /<Key>(?<key>[^<]+)<\/Key>/,
  /<Code>(?<code>\w+)<\/Code>/,
  /An error occurred \((?<code>\w+)\) when calling the (?<operation>\w+) operation/,
  /when calling the (?<operation>\w+) operation/,
  /Error Code: (?<code>\w+)/,
  /api error (?<code>\w+):/,
  /operation error (?<service>[\w ]+): (?<operation>\w+)/,
  /\(Service: (?<service>[^;,)]+)/,
  /<RequestId>(?<requestId>[^<]+)<\/RequestId>/,
  /Request ID: (?<requestId>[\w-]+)/i,
  /"requestId"\s*:\s*"(?<requestId>[^"]+)"/,
  /\b(?<arn>arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^\s"',<>]+)/,
];

const HEADER_FACTS: readonly [string, string][] = [
  ["x-amzn-errortype", "code"],
  ["x-amz-request-id", "requestId"],
  ["x-amzn-requestid", "requestId"],
  ["x-amz-cf-id", "requestId"],
  ["cf-ray", "rayId"],
  ["x-ms-request-id", "requestId"],
  ["x-github-request-id", "requestId"],
];

const setOnce = (facts: Facts, k: string, v: string | undefined): void => {
  if (v !== undefined && v !== "" && facts[k] === undefined) facts[k] = v;
};

const factsFromUrl = (facts: Facts, raw: string): void => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return;
  }
  setOnce(facts, "url", raw);
  setOnce(facts, "host", u.host);
  setOnce(facts, "path", u.pathname);
  setOnce(facts, "scheme", u.protocol.replace(/:$/, ""));
  const path = decodeURIComponent(u.pathname.replace(/^\//, ""));
  const v = S3_VIRTUAL.exec(u.hostname);
  if (v?.groups) {
    setOnce(facts, "bucket", v.groups.bucket);
    setOnce(facts, "region", v.groups.region);
    setOnce(facts, "key", path);
  }
  const p = S3_PATH_HOST.exec(u.hostname);
  if (p?.groups) {
    const [bucket, ...rest] = path.split("/");
    setOnce(facts, "bucket", bucket);
    setOnce(facts, "key", rest.join("/"));
    setOnce(facts, "region", p.groups.region);
  }
  const api = EXECUTE_API.exec(u.hostname);
  if (api?.groups) {
    setOnce(facts, "apiId", api.groups.apiId);
    setOnce(facts, "region", api.groups.region);
    setOnce(facts, "stage", path.split("/")[0]);
  }
};

export const extractFacts = (x: Exchange): Facts => {
  const facts: Facts = {};
  if (x.request?.method) facts.method = x.request.method;
  if (x.request?.url) factsFromUrl(facts, x.request.url);
  if (x.request) setOnce(facts, "origin", headerValue(x.request.headers, "origin"));
  if (x.response.status !== undefined) facts.status = String(x.response.status);
  for (const [header, name] of HEADER_FACTS) setOnce(facts, name, headerValue(x.response.headers, header)?.split(":")[0]);
  const texts = [x.response.body.text, ...x.context.map((c) => c.text)];
  for (const re of TEXT_FACTS) {
    for (const t of texts) {
      const m = re.exec(t.length > 200_000 ? t.slice(0, 200_000) : t);
      if (!m?.groups) continue;
      for (const [k, v] of Object.entries(m.groups)) setOnce(facts, k, v?.trim());
      break;
    }
  }
  if (facts.resource === undefined && facts.arn !== undefined && facts.arn !== facts.principal) facts.resource = facts.arn;
  // simulate-principal-policy wants the role, not the session: assumed-role/ROLE/SESSION → role/ROLE
  const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(facts.principal ?? "");
  if (assumed) facts.principalRole = `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  else if (facts.principal?.startsWith("arn:")) facts.principalRole = facts.principal;
  if (facts.bucket && facts.resource === undefined) {
    facts.resource = `arn:aws:s3:::${facts.bucket}${facts.key ? `/${facts.key}` : ""}`;
  }
  return facts;
};
