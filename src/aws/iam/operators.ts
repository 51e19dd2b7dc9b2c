// Every IAM condition operator: its family (how policy values are read and compared), whether it
// is negated, and the positive comparison. Negated operators are the positive one turned around:
// "the context value matches none of the policy values".
export type Family = "string" | "numeric" | "date" | "bool" | "binary" | "ip" | "arn" | "null";

export type Compare = "eq" | "eqIgnoreCase" | "like" | "lt" | "lte" | "gt" | "gte" | "arnLike" | "in";

export interface OperatorSpec {
  /** Canonical name, e.g. StringNotEquals. */
  name: string;
  family: Family;
  compare: Compare;
  negated: boolean;
  /** Policy variables are substituted in values of string, ARN and Bool operators. */
  variables: boolean;
}

const op = (name: string, family: Family, compare: Compare, negated = false): OperatorSpec => ({
  name,
  family,
  compare,
  negated,
  variables: family === "string" || family === "arn" || family === "bool",
});

const LIST: OperatorSpec[] = [
  op("StringEquals", "string", "eq"),
  op("StringNotEquals", "string", "eq", true),
  op("StringEqualsIgnoreCase", "string", "eqIgnoreCase"),
  op("StringNotEqualsIgnoreCase", "string", "eqIgnoreCase", true),
  op("StringLike", "string", "like"),
  op("StringNotLike", "string", "like", true),
  op("NumericEquals", "numeric", "eq"),
  op("NumericNotEquals", "numeric", "eq", true),
  op("NumericLessThan", "numeric", "lt"),
  op("NumericLessThanEquals", "numeric", "lte"),
  op("NumericGreaterThan", "numeric", "gt"),
  op("NumericGreaterThanEquals", "numeric", "gte"),
  op("DateEquals", "date", "eq"),
  op("DateNotEquals", "date", "eq", true),
  op("DateLessThan", "date", "lt"),
  op("DateLessThanEquals", "date", "lte"),
  op("DateGreaterThan", "date", "gt"),
  op("DateGreaterThanEquals", "date", "gte"),
  op("Bool", "bool", "eqIgnoreCase"),
  op("BinaryEquals", "binary", "eq"),
  op("IpAddress", "ip", "in"),
  op("NotIpAddress", "ip", "in", true),
  op("ArnEquals", "arn", "arnLike"),
  op("ArnLike", "arn", "arnLike"),
  op("ArnNotEquals", "arn", "arnLike", true),
  op("ArnNotLike", "arn", "arnLike", true),
  op("Null", "null", "eq"),
];

/** Operators by lower-cased name. */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map(LIST.map((o) => [o.name.toLowerCase(), o]));

export const OPERATOR_NAMES: readonly string[] = LIST.map((o) => o.name);

export interface ParsedOperator {
  spec: OperatorSpec;
  set?: "ForAllValues" | "ForAnyValue";
  ifExists: boolean;
}

/**
 * Reads an operator as written ("ForAnyValue:StringLikeIfExists"); undefined when it is not one.
 * Names are matched without regard to case.
 */
export const parseOperator = (written: string): ParsedOperator | undefined => {
  let rest = written;
  let set: ParsedOperator["set"];
  const colon = rest.indexOf(":");
  if (colon !== -1) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === "forallvalues") set = "ForAllValues";
    else if (prefix === "foranyvalue") set = "ForAnyValue";
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let lower = rest.toLowerCase();
  let ifExists = false;
  if (lower.endsWith("ifexists")) {
    ifExists = true;
    lower = lower.slice(0, -"ifexists".length);
  }
  const spec = OPERATORS.get(lower);
  if (!spec) return undefined;
  // Null tests presence itself: it takes neither IfExists nor a set operator
  if (spec.family === "null" && (ifExists || set)) return undefined;
  return { spec, ...(set ? { set } : {}), ifExists };
};

/** The closest operator name, for "did you mean" in errors. */
export const closestOperator = (written: string): string | undefined => {
  const w = written.replace(/^for(all|any)values?:/i, "").toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const name of OPERATOR_NAMES) {
    const d = distance(w, name.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = name;
    }
  }
  return bestScore <= 3 ? best : undefined;
};

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
};
