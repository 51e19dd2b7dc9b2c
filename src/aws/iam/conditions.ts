// Condition evaluation, as the IAM docs define it:
// - operators AND, keys within an operator AND, values of one key OR (negated operators: NOR);
// - a key absent from the context: false, except negated operators (true), …IfExists (true) and Null;
// - ForAllValues: every context value matches some policy value; true when the key is absent or empty;
// - ForAnyValue: some context value matches some policy value; false when absent or empty.
import { arnMatch, splitArn } from "./arn.js";
import type { RequestContext } from "./context.js";
import { globMatch, unmark } from "./glob.js";
import { inCidr, parseIp } from "./ip.js";
import type { ParsedCondition } from "./parse.js";
import { parseDate } from "./parse.js";
import type { ConditionCheck } from "./types.js";
import { substitute } from "./variables.js";

/** Policy values after variable substitution; undefined marks a value whose variable had no value. */
const resolvedValues = (c: ParsedCondition, ctx: RequestContext): (string | undefined)[] =>
  c.variables ? c.values.map((v) => substitute(v, ctx)) : c.values;

/** Whether one context value matches one policy value under the operator's positive comparison. */
const matchesOne = (c: ParsedCondition, policy: string | undefined, i: number, value: string): boolean => {
  if (policy === undefined) return false;
  switch (c.spec.family) {
    case "string":
      if (c.spec.compare === "like") return globMatch(policy, value);
      if (c.spec.compare === "eqIgnoreCase") return unmark(policy).toLowerCase() === value.toLowerCase();
      return unmark(policy) === value;
    case "arn":
      return splitArn(value) !== undefined && arnMatch(policy, value);
    case "bool":
      return unmark(policy).toLowerCase() === value.toLowerCase() && (value.toLowerCase() === "true" || value.toLowerCase() === "false");
    case "binary":
      return policy === value;
    case "ip": {
      const ip = parseIp(value.trim());
      return ip !== undefined && inCidr(c.cidrs![i]!, ip);
    }
    case "numeric":
    case "date": {
      const n = c.spec.family === "numeric" ? (value.trim() === "" ? NaN : Number(value)) : (parseDate(value) ?? NaN);
      if (Number.isNaN(n)) return false;
      const p = c.numbers![i]!;
      switch (c.spec.compare) {
        case "lt":
          return n < p;
        case "lte":
          return n <= p;
        case "gt":
          return n > p;
        case "gte":
          return n >= p;
        default:
          return n === p;
      }
    }
    default:
      return false;
  }
};

/** The operator applied to one context value against all policy values (OR, or NOR when negated). */
const matchesValue = (c: ParsedCondition, policy: (string | undefined)[], value: string): boolean => {
  let any = false;
  for (let i = 0; i < policy.length && !any; i++) any = matchesOne(c, policy[i], i, value);
  return c.spec.negated ? !any : any;
};

export const evaluateCondition = (c: ParsedCondition, ctx: RequestContext): boolean => {
  const values = ctx.values.get(c.keyLower);
  const absent = values === undefined || values.length === 0;
  if (c.spec.family === "null") {
    // "true": the key must be absent; "false": present. Several values OR together.
    return c.values.some((v) => (v.toLowerCase() === "true") === absent);
  }
  if (absent && c.ifExists) return true;
  if (c.set === "ForAllValues") return absent || values.every((v) => matchesValue(c, resolvedValues(c, ctx), v));
  if (c.set === "ForAnyValue") return !absent && values.some((v) => matchesValue(c, resolvedValues(c, ctx), v));
  if (absent) return c.spec.negated;
  const policy = resolvedValues(c, ctx);
  // a multivalued key without a set operator: positive operators need one matching value,
  // negated operators need every value to match none
  return c.spec.negated ? values.every((v) => matchesValue(c, policy, v)) : values.some((v) => matchesValue(c, policy, v));
};

/** The condition as it was checked, for verdicts (context values as given, policy values resolved). */
export const describeCheck = (c: ParsedCondition, ctx: RequestContext, result: boolean): ConditionCheck => {
  const values = ctx.values.get(c.keyLower);
  const policyValues = c.variables ? resolvedValues(c, ctx).map((v, i) => (v === undefined ? `${c.values[i]!} (no value)` : unmark(v))) : c.values;
  return {
    operator: c.operator,
    key: c.key,
    policyValues,
    ...(values === undefined ? {} : { contextValue: ctx.multi.has(c.keyLower) ? values : values[0]! }),
    result,
  };
};
