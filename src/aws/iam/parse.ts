// Reads and validates a policy document into the form the evaluator walks. Anything AWS would
// reject — or that we could only guess at — is a WhyError naming the policy, statement and field,
// so a typo never turns into a silent Allow.
import { WhyError } from "../../model/errors.js";
import { ACCOUNT_ID, splitArn } from "./arn.js";
import { parseCidr, type Cidr } from "./ip.js";
import { closestOperator, parseOperator, type OperatorSpec } from "./operators.js";
import type { PolicyDocument, PolicyInput, PolicyStatementJson, PolicyType } from "./types.js";

export interface PrincipalSpec {
  /** "*" or {"AWS": "*"}: everyone, including anonymous callers. */
  any: boolean;
  /** AWS principals; a bare account id is stored as its root ARN. */
  aws: string[];
  service: string[];
  federated: string[];
  canonical: string[];
}

export interface ParsedCondition {
  /** As written in the policy, for citing. */
  operator: string;
  spec: OperatorSpec;
  set?: "ForAllValues" | "ForAnyValue";
  ifExists: boolean;
  key: string;
  keyLower: string;
  values: string[];
  /** Pre-read values: numbers (numeric), epoch ms (date), ranges (ip). */
  numbers?: number[];
  cidrs?: Cidr[];
  /** Whether any value holds a policy variable to substitute. */
  variables: boolean;
}

export interface ParsedStatement {
  index: number;
  /** The Sid, or "#index" when it has none. */
  label: string;
  sid?: string;
  effect: "Allow" | "Deny";
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  /** Lower-cased action patterns (matching), and as written (citing). */
  action?: string[];
  notAction?: string[];
  actionText?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ParsedCondition[];
  /** Whether Resource/NotResource hold a policy variable. */
  resourceVariables: boolean;
  raw: PolicyStatementJson;
}

export interface ParsedPolicy {
  type: PolicyType;
  name: string;
  version?: string;
  /** Policy variables are only interpreted with Version 2012-10-17; otherwise they are literal text. */
  variables: boolean;
  statements: ParsedStatement[];
}

/** Policy types whose statements name a Principal (resource-based policies and RCPs). */
export const PRINCIPAL_POLICY_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(["resource", "rcp", "kms-key", "access-point", "vpc-endpoint", "acl"]);

const STATEMENT_FIELDS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const DOCUMENT_FIELDS = new Set(["Version", "Id", "Statement"]);
const PRINCIPAL_KEYS = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

class Where {
  constructor(
    readonly policy: string,
    readonly type: PolicyType,
    readonly statement?: string,
  ) {}

  fail(field: string, message: string): never {
    const at = this.statement === undefined ? "" : `, statement ${this.statement}`;
    throw new WhyError("POLICY_INVALID", `${this.type} policy "${this.policy}"${at}, field ${field}: ${message}`, {
      policy: this.policy,
      policyType: this.type,
      ...(this.statement !== undefined ? { statement: this.statement } : {}),
      field,
    });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Turns a policy given as text (file content, URL-encoded as IAM returns it) into JSON. */
const documentFromText = (text: string, where: Where): unknown => {
  let t = text.trim();
  if (t.startsWith("%7B") || t.startsWith("%7b")) t = decodeURIComponent(t);
  try {
    return JSON.parse(t) as unknown;
  } catch (e) {
    return where.fail("(document)", `not valid JSON: ${(e as Error).message}`);
  }
};

/** Splits a PolicyInput into its name and document; unnamed policies are named "type[i]". */
export const namePolicy = (input: PolicyInput | string, fallback: string): { name: string; document: unknown } => {
  if (isObject(input) && typeof input.name === "string" && "document" in input) return { name: input.name, document: input.document };
  return { name: fallback, document: input };
};

const stringList = (v: unknown, field: string, where: Where): string[] => {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) where.fail(field, "is an empty list");
  return list.map((x) => (typeof x === "string" && x !== "" ? x : where.fail(field, `expects strings, got ${JSON.stringify(x)}`)));
};

const readAction = (v: unknown, field: string, where: Where): string[] =>
  stringList(v, field, where).map((a) => {
    if (a === "*") return a;
    const colon = a.indexOf(":");
    if (colon <= 0 || colon === a.length - 1 || a.indexOf(":", colon + 1) !== -1 || /\s/.test(a)) {
      where.fail(field, `"${a}" is not service:Action (e.g. s3:GetObject) or "*"`);
    }
    return a.toLowerCase();
  });

const readResource = (v: unknown, field: string, where: Where): string[] =>
  stringList(v, field, where).map((r) => {
    if (r === "*") return r;
    const arn = splitArn(r);
    if (!arn) where.fail(field, `"${r}" is not an ARN (arn:partition:service:region:account:resource) or "*"`);
    if (arn.service === "" && !arn.partition.includes("*")) where.fail(field, `"${r}" has no service in its ARN`);
    return r;
  });

const readPrincipal = (v: unknown, field: string, where: Where): PrincipalSpec => {
  const spec: PrincipalSpec = { any: false, aws: [], service: [], federated: [], canonical: [] };
  if (v === "*") return { ...spec, any: true };
  if (!isObject(v)) return where.fail(field, `must be "*" or an object like {"AWS": "arn:aws:iam::123456789012:root"}`);
  for (const [k, raw] of Object.entries(v)) {
    if (!PRINCIPAL_KEYS.has(k)) where.fail(`${field}.${k}`, `unknown principal type (expected AWS, Service, Federated or CanonicalUser)`);
    for (const p of stringList(raw, `${field}.${k}`, where)) {
      if (k === "AWS") {
        if (p === "*") spec.any = true;
        else if (ACCOUNT_ID.test(p)) spec.aws.push(`arn:aws:iam::${p}:root`);
        else {
          const arn = splitArn(p);
          if (!arn || (arn.service !== "iam" && arn.service !== "sts") || !ACCOUNT_ID.test(arn.account)) {
            where.fail(`${field}.AWS`, `"${p}" is not an account id or an IAM/STS principal ARN`);
          }
          if (p.includes("*") || p.includes("?")) {
            where.fail(`${field}.AWS`, `"${p}": wildcards are not allowed in a principal ARN (use "*" with a Condition on aws:PrincipalArn)`);
          }
          spec.aws.push(p);
        }
      } else if (k === "Service") spec.service.push(p.toLowerCase());
      else if (k === "Federated") spec.federated.push(p);
      else spec.canonical.push(p);
    }
  }
  return spec;
};

const readConditionValues = (
  spec: OperatorSpec,
  raw: unknown,
  field: string,
  where: Where,
  variables: boolean,
): Pick<ParsedCondition, "values" | "numbers" | "cidrs" | "variables"> => {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) where.fail(field, "has no values");
  const values = list.map((x) =>
    typeof x === "string" || typeof x === "number" || typeof x === "boolean" ? String(x) : where.fail(field, `expects strings, numbers or booleans, got ${JSON.stringify(x)}`),
  );
  const hasVars = variables && spec.variables && values.some((x) => x.includes("${"));
  switch (spec.family) {
    case "numeric": {
      const numbers = values.map((x) => {
        const n = x.trim() === "" ? NaN : Number(x);
        return Number.isFinite(n) ? n : where.fail(field, `"${x}" is not a number (${spec.name})`);
      });
      return { values, numbers, variables: false };
    }
    case "date": {
      const numbers = values.map((x) => {
        const n = parseDate(x);
        return n !== undefined ? n : where.fail(field, `"${x}" is not an ISO 8601 date or epoch seconds (${spec.name})`);
      });
      return { values, numbers, variables: false };
    }
    case "ip": {
      const cidrs = values.map((x) => parseCidr(x) ?? where.fail(field, `"${x}" is not an IP address or CIDR range (${spec.name})`));
      return { values, cidrs, variables: false };
    }
    case "null":
    case "bool":
      for (const x of values) {
        const l = x.toLowerCase();
        if (l !== "true" && l !== "false" && !(hasVars && x.includes("${"))) where.fail(field, `"${x}" is not true or false (${spec.name})`);
      }
      return { values, variables: hasVars };
    case "arn":
      // a value that is no ARN would make ArnNotLike true for every request: reject it
      for (const x of values) if (x !== "*" && !splitArn(x) && !(hasVars && x.includes("${"))) where.fail(field, `"${x}" is not an ARN (${spec.name})`);
      return { values, variables: hasVars };
    case "binary":
      for (const x of values) if (!/^[A-Za-z0-9+/]*={0,2}$/.test(x)) where.fail(field, `"${x}" is not base64 (${spec.name})`);
      return { values, variables: false };
    default:
      return { values, variables: hasVars };
  }
};

/** Epoch milliseconds of an ISO 8601 date or epoch seconds; undefined when neither. */
export const parseDate = (s: string): number | undefined => {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
};

const readConditions = (v: unknown, where: Where, variables: boolean): ParsedCondition[] => {
  if (v === undefined) return [];
  if (!isObject(v)) return where.fail("Condition", "must be an object of operator → {key: value}");
  const out: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(v)) {
    const parsed = parseOperator(operator);
    if (!parsed) {
      const near = closestOperator(operator);
      where.fail(`Condition.${operator}`, `unknown condition operator "${operator}"${near ? ` (did you mean ${near}?)` : ""}`);
    }
    if (!isObject(block)) where.fail(`Condition.${operator}`, "must be an object of condition key → value(s)");
    for (const [key, raw] of Object.entries(block)) {
      const field = `Condition.${operator}.${key}`;
      if (key === "") where.fail(field, "empty condition key");
      out.push({
        operator,
        spec: parsed.spec,
        ...(parsed.set ? { set: parsed.set } : {}),
        ifExists: parsed.ifExists,
        key,
        keyLower: key.toLowerCase(),
        ...readConditionValues(parsed.spec, raw, field, where, variables),
      });
    }
  }
  return out;
};

const readStatement = (raw: unknown, index: number, policy: { name: string; type: PolicyType; variables: boolean }): ParsedStatement => {
  const anon = new Where(policy.name, policy.type, `#${index}`);
  if (!isObject(raw)) return anon.fail(`Statement[${index}]`, "must be an object");
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== "string") anon.fail("Sid", "must be a string");
  const label = typeof sid === "string" && sid !== "" ? sid : `#${index}`;
  const where = new Where(policy.name, policy.type, label);
  for (const k of Object.keys(raw)) if (!STATEMENT_FIELDS.has(k)) where.fail(k, `unknown statement field "${k}"`);
  const effect = raw.Effect === "Allow" || raw.Effect === "Deny" ? raw.Effect : where.fail("Effect", `must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`);

  const hasP = raw.Principal !== undefined;
  const hasNP = raw.NotPrincipal !== undefined;
  if (PRINCIPAL_POLICY_TYPES.has(policy.type)) {
    if (hasP === hasNP) where.fail(hasP ? "NotPrincipal" : "Principal", `a ${policy.type} policy statement needs exactly one of Principal or NotPrincipal`);
  } else if (hasP || hasNP) {
    where.fail(hasP ? "Principal" : "NotPrincipal", `not allowed in a ${policy.type} policy (it applies to the principal it is attached to)`);
  }
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) where.fail("Action", "a statement needs exactly one of Action or NotAction");
  const noResource = raw.Resource === undefined && raw.NotResource === undefined;
  if (raw.Resource !== undefined && raw.NotResource !== undefined) where.fail("Resource", "a statement cannot have both Resource and NotResource");
  // SCPs written before Resource was required apply to every resource; a role trust policy has no
  // Resource because it applies to the role it is attached to — both read as "*"
  if (noResource && policy.type !== "scp" && !PRINCIPAL_POLICY_TYPES.has(policy.type)) where.fail("Resource", "a statement needs Resource or NotResource");

  const resource = noResource ? ["*"] : raw.Resource !== undefined ? readResource(raw.Resource, "Resource", where) : undefined;
  const notResource = raw.NotResource !== undefined ? readResource(raw.NotResource, "NotResource", where) : undefined;
  const resourceVariables = policy.variables && [...(resource ?? []), ...(notResource ?? [])].some((r) => r.includes("${"));
  return {
    index,
    label,
    ...(typeof sid === "string" ? { sid } : {}),
    effect,
    ...(hasP ? { principal: readPrincipal(raw.Principal, "Principal", where) } : {}),
    ...(hasNP ? { notPrincipal: readPrincipal(raw.NotPrincipal, "NotPrincipal", where) } : {}),
    ...(raw.Action !== undefined ? { action: readAction(raw.Action, "Action", where), actionText: stringList(raw.Action, "Action", where) } : {}),
    ...(raw.NotAction !== undefined ? { notAction: readAction(raw.NotAction, "NotAction", where) } : {}),
    ...(resource ? { resource } : {}),
    ...(notResource ? { notResource } : {}),
    conditions: readConditions(raw.Condition, where, policy.variables),
    resourceVariables,
    raw: raw as unknown as PolicyStatementJson,
  };
};

/** Validates one policy; `fallback` names it when the input carries no name. */
export const parsePolicy = (input: PolicyInput | string, type: PolicyType, fallback: string): ParsedPolicy => {
  const named = namePolicy(input, fallback);
  const where = new Where(named.name, type);
  const doc = typeof named.document === "string" ? documentFromText(named.document, where) : named.document;
  if (!isObject(doc)) return where.fail("(document)", "must be a JSON object with a Statement");
  for (const k of Object.keys(doc)) if (!DOCUMENT_FIELDS.has(k)) where.fail(k, `unknown policy field "${k}" (expected Version, Id, Statement)`);
  const version = doc.Version;
  if (version !== undefined && (typeof version !== "string" || !VERSIONS.has(version))) {
    where.fail("Version", `must be "2012-10-17" or "2008-10-17", got ${JSON.stringify(version)}`);
  }
  const st = (doc as Partial<PolicyDocument>).Statement;
  if (st === undefined) where.fail("Statement", "missing");
  const list: unknown[] = Array.isArray(st) ? st : [st];
  const variables = version === "2012-10-17";
  return {
    type,
    name: named.name,
    ...(typeof version === "string" ? { version } : {}),
    variables,
    statements: list.map((s, i) => readStatement(s, i, { name: named.name, type, variables })),
  };
};
