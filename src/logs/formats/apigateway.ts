// API Gateway access logs: the owner chooses the layout, as JSON with their own keys or as a
// CLF-like template of $context variables (given with --apigw-format). Both are rewritten to
// one canonical JSON record whose keys name the $context variables.
import type { Dialect } from "../sql/dialect.js";
import { WhyError } from "../../model/errors.js";
import { jsonLineStatus, jsonObject, LINE, linesTableOf, nulls, scalarText, shareOf, type LineReader, type LogFormat, provenanceColumns } from "./format.js";
import { jsonTable, type JsonShape } from "./json-table.js";

/** Canonical record keys and the $context variables (or common JSON keys) they come from. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  requestId: ["requestid", "contextrequestid"],
  extendedRequestId: ["extendedrequestid"],
  ip: ["ip", "sourceip", "identitysourceip", "clientip"],
  requestTime: ["requesttime"],
  requestTimeEpoch: ["requesttimeepoch"],
  httpMethod: ["httpmethod", "method"],
  resourcePath: ["resourcepath", "path", "routekey"],
  status: ["status", "statuscode"],
  protocol: ["protocol"],
  responseLength: ["responselength"],
  errorMessage: ["errormessage", "errormessagestring"],
  errorResponseType: ["errorresponsetype", "responsetype"],
  authorizerError: ["authorizererror"],
  authorizerStatus: ["authorizerstatus", "authorizestatus", "authorizerintegrationstatus"],
  wafStatus: ["wafstatus", "wafresponsecode", "waferror"],
  domainName: ["domainname"],
  userAgent: ["useragent", "identityuseragent"],
  caller: ["caller", "identitycaller"],
  user: ["user", "identityuser"],
  apiId: ["apiid"],
  stage: ["stage"],
};
const CANONICAL = new Map<string, string>();
for (const [k, names] of Object.entries(ALIASES)) for (const n of names) CANONICAL.set(n, k);

/** "$context.error.responseType" or "errorResponseType" → "errorResponseType". */
export const canonicalKey = (key: string): string | undefined =>
  CANONICAL.get(key.replace(/^\$?context\./i, "").toLowerCase().replace(/[^a-z0-9]/g, ""));

const canonical = (o: Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    const c = canonicalKey(k);
    const text = scalarText(v);
    if (c && text !== undefined && text !== "-") out[c] = text;
  }
  return out;
};

const statusOf = (r: Record<string, string>): number => {
  const s = Number(r.status);
  return Number.isInteger(s) && s >= 100 && s <= 599 ? s : LINE.malformed;
};

const jsonReader: LineReader = {
  status: jsonLineStatus((o) => statusOf(canonical(o))),
  forward: (text) => [JSON.stringify(canonical(JSON.parse(text) as Record<string, unknown>))],
};

/** A template like `$context.identity.sourceIp [$context.requestTime] "$context.httpMethod …" $context.status` as a regex. */
export const templateRegex = (template: string): { re: RegExp; keys: (string | undefined)[] } => {
  const parts = template.split(/(\$context\.[A-Za-z0-9_.]*[A-Za-z0-9_])/);
  const keys: (string | undefined)[] = [];
  let src = "^";
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      src += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return;
    }
    keys.push(canonicalKey(part));
    const before = parts[i - 1] ?? "";
    const after = parts[i + 1] ?? "";
    // a variable inside quotes or brackets may hold spaces; otherwise it is one token
    const stop = after.startsWith('"') ? '"' : after.startsWith("]") ? "\\]" : after === "" ? "" : (after[0] ?? " ").replace(/[\]\\^-]/g, "\\$&");
    src += before.endsWith('"') || before.endsWith("[") ? `([^${stop || "\\n"}]*)` : stop ? `([^${stop}]*)` : "(.*)";
  });
  if (keys.length === 0) throw new WhyError("USAGE", "--apigw-format has no $context variables");
  return { re: new RegExp(`${src}$`), keys };
};

const templateReader = (template: string): LineReader => {
  const { re, keys } = templateRegex(template);
  const record = (line: string): Record<string, string> | undefined => {
    const m = re.exec(line);
    if (!m) return undefined;
    const o: Record<string, string> = {};
    keys.forEach((k, i) => {
      const v = m[i + 1];
      if (k && v !== undefined && v !== "" && v !== "-") o[k] = v;
    });
    return o;
  };
  return {
    status: (buf, start, end) => {
      if (end <= start) return LINE.skip;
      const r = record(buf.toString("utf8", start, end));
      return r ? statusOf(r) : LINE.malformed;
    },
    forward: (text) => {
      const r = record(text);
      return r ? [JSON.stringify(r)] : undefined;
    },
  };
};

const SHAPE: Record<string, JsonShape> = Object.fromEntries(Object.keys(ALIASES).map((k) => [k, "VARCHAR"]));

export const apigateway: LogFormat = {
  id: "apigateway",
  label: "API Gateway access log",
  detect: (head, _path) => {
    const isRecord = (l: string): boolean => {
      const o = l.startsWith("{") ? jsonObject(l) : undefined;
      const r = o ? canonical(o) : {};
      return r.requestId !== undefined && r.status !== undefined;
    };
    return 0.9 * shareOf(head, isRecord);
  },
  reader: (head, opts) => {
    const json = head.some((l) => l.startsWith("{"));
    if (!json && opts.apigwFormat) return templateReader(opts.apigwFormat);
    return jsonReader;
  },
  sql: jsonTable({
    table: "apigateway_access_logs",
    linesTable: linesTableOf("apigateway"),
    shape: SHAPE,
    athenaStorage: `-- keys as the $context variables they log: {"requestId": "$context.requestId", "status": "$context.status", ...}
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'`,
    events: (d: Dialect) => {
      return `SELECT 'apigateway' AS src, ${provenanceColumns(d)},
  coalesce(${d.epochMs("requesttimeepoch")}, ${d.ts("requesttime", "clf")}) AS ts,
  CAST(status AS integer) AS status,
  ip AS client,
  httpmethod AS method,
  domainname AS host,
  resourcepath AS path,
  requestid AS rid,
  errorresponsetype AS error_code,
  errormessage AS error_message,
  wafstatus AS result_type,
  coalesce(authorizerstatus, authorizererror) AS authorizer,
  coalesce(caller, "user") AS principal,
  ${nulls("query", "rule", "rule_group_rule", "rule_type", "action", "country")}
FROM apigateway_access_logs WHERE status = '403'`;
    },
  }),
};

/** Whether a file's head matches a CLF template (for detection with --apigw-format). */
export const matchesTemplate = (head: readonly string[], template: string): number => {
  const { re } = templateRegex(template);
  return shareOf(head, (l) => re.test(l));
};
