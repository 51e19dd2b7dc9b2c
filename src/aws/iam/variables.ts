// Policy variables: ${aws:username}, ${aws:PrincipalTag/team, 'default'}, and the escapes ${*},
// ${?}, ${$}. Only Version 2012-10-17 policies interpret them (the caller checks). A variable with
// no value and no default leaves the whole value "null": it equals and is like nothing.
import { literal, LITERAL_QMARK, LITERAL_STAR } from "./glob.js";
import { singleValue, type RequestContext } from "./context.js";

/**
 * Substitutes variables in `text`. Substituted values have their `*`/`?` marked literal, so they
 * never act as wildcards. Returns undefined when a variable has no value (and no default).
 */
export const substitute = (text: string, ctx: RequestContext): string | undefined => {
  let out = "";
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("${", at);
    if (open === -1) break;
    const close = text.indexOf("}", open + 2);
    if (close === -1) break;
    out += text.slice(at, open);
    const inner = text.slice(open + 2, close).trim();
    if (inner === "*") out += LITERAL_STAR;
    else if (inner === "?") out += LITERAL_QMARK;
    else if (inner === "$") out += "$";
    else {
      const m = /^([^,]+?)\s*(?:,\s*'([^']*)')?$/.exec(inner);
      const key = (m?.[1] ?? inner).trim().toLowerCase();
      const value = singleValue(ctx, key) ?? m?.[2];
      if (value === undefined) return undefined;
      out += literal(value);
    }
    at = close + 1;
  }
  return out + text.slice(at);
};
