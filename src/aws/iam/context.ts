// The request context as the evaluator reads it: keys compared without regard to case, every
// value as text, multivalued keys kept as lists. A key not given is absent — never invented.
import { WhyError } from "../../model/errors.js";
import type { ContextValue } from "./types.js";

export interface RequestContext {
  /** lower-cased key → values; a scalar is a one-element list. */
  values: Map<string, string[]>;
  /** Keys given as a JSON array (multivalued), lower-cased. */
  multi: Set<string>;
  /** The key as the caller spelled it, for messages. */
  spelling: Map<string, string>;
}

const scalar = (v: unknown, key: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new WhyError("SIMULATE_INVALID", `request.context.${key}: values must be strings, numbers or booleans`, { field: `request.context.${key}` });
};

export const readContext = (context: Record<string, ContextValue> | undefined): RequestContext => {
  const ctx: RequestContext = { values: new Map(), multi: new Set(), spelling: new Map() };
  if (context === undefined || context === null) return ctx;
  if (typeof context !== "object" || Array.isArray(context)) {
    throw new WhyError("SIMULATE_INVALID", "request.context must be an object of key → value", { field: "request.context" });
  }
  for (const [key, v] of Object.entries(context)) {
    const lower = key.toLowerCase();
    if (Array.isArray(v)) {
      ctx.values.set(lower, v.map((x) => scalar(x, key)));
      ctx.multi.add(lower);
    } else ctx.values.set(lower, [scalar(v, key)]);
    ctx.spelling.set(lower, key);
  }
  return ctx;
};

/** One value of a single-valued key; undefined when absent or multivalued. */
export const singleValue = (ctx: RequestContext, lowerKey: string): string | undefined => {
  const v = ctx.values.get(lowerKey);
  return v && v.length === 1 && !ctx.multi.has(lowerKey) ? v[0] : undefined;
};
