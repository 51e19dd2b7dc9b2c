// Wildcard matching as IAM does it: `*` any run of characters (including none), `?` one character.
// A policy variable's value is substituted with its own `*`/`?` marked literal (LITERAL_*), so a
// user name never acts as a wildcard. No RegExp: patterns change per request (variables), and a
// compiled RegExp per value costs more than matching it.

export const LITERAL_STAR = "\uE000";
export const LITERAL_QMARK = "\uE001";

/** Marks `*` and `?` in a substituted value as literal characters. */
export const literal = (s: string): string => s.replaceAll("*", LITERAL_STAR).replaceAll("?", LITERAL_QMARK);

const same = (p: string, c: string): boolean =>
  p === c || (p === LITERAL_STAR && c === "*") || (p === LITERAL_QMARK && c === "?");

/** Whether `text` matches `pattern` (case-sensitive; lower-case both for a case-insensitive match). */
export const globMatch = (pattern: string, text: string): boolean => {
  if (pattern === "*") return true;
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === "?" || (pc !== undefined && pc !== "*" && same(pc, text[t]!))) {
      p++;
      t++;
    } else if (pc === "*") {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
};

/** Whether a pattern holds a wildcard that is not a marked literal. */
export const hasWildcard = (pattern: string): boolean => pattern.includes("*") || pattern.includes("?");

/** Turns marked literals back into the characters they stand for (for display). */
export const unmark = (s: string): string => s.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QMARK, "?");
