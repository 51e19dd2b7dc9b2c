// A cheap necessary condition for a regex match: a run of literal characters every match must
// contain. A catalog has hundreds of body regexes and a cold call compiles each one it runs;
// `text.includes(literal)` first means most are never compiled, let alone run.

/** Characters that end a literal run (escapes, classes, groups and `{n,m}` are handled before this test). */
const SPECIAL = new Set(["]", "}", ".", "^", "$", "|", "?", "*", "+"]);
/** Escapes that stand for one literal character. */
const ESCAPED_LITERAL = /[/.\-\\()[\]{}?*+^$|:'"#&%!@=<>,;~` ]/;
const MIN_LENGTH = 3;

/**
 * Literals of which every match of `re` contains at least one: the longest certain run of each
 * top-level alternative, lower-cased when `re` ignores case. undefined when some alternative has
 * no run the walk can prove (short runs, non-ASCII, nothing certain). Conservative by design: it
 * may find none, never a wrong one.
 */
export const requiredLiterals = (re: RegExp): string[] | undefined => {
  // v-mode classes nest: not walked
  if (re.flags.includes("v")) return undefined;
  const out: string[] = [];
  for (const alternative of topLevelAlternatives(re.source)) {
    const literal = longestRun(alternative);
    if (literal === undefined) return undefined;
    out.push(re.ignoreCase ? literal.toLowerCase() : literal);
  }
  return out;
};

/** The source split at its top-level `|` (outside groups, classes and escapes). */
const topLevelAlternatives = (src: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (c === "[") i = classEnd(src, i);
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(src.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(src.slice(from));
  return parts;
};

/** The longest run of literal characters every match of one alternative contains. */
const longestRun = (src: string): string | undefined => {
  let best = "";
  let run = "";
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = "";
  };
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      const next = src[i + 1];
      i++;
      // multi-character escapes: \xHH, \uHHHH or \u{…}, \cX, \p{…}, \k<name>, back-references \12
      const skip = escapeTail(src, i);
      if (skip > 0) {
        i += skip;
        if (depth === 0) end();
        continue;
      }
      if (depth === 0 && next !== undefined && ESCAPED_LITERAL.test(next)) {
        if (isOptional(src, i + 1)) end();
        else {
          run += next;
          if (isRepeated(src, i + 1)) end();
        }
      } else if (depth === 0) end();
      continue;
    }
    if (c === "[") {
      // a class is one unknown character: skip to its end
      i = classEnd(src, i);
      if (depth === 0) end();
      continue;
    }
    if (c === "(") {
      depth++;
      if (depth === 1) end();
      continue;
    }
    if (c === ")") {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (c === "{") {
      // a {n,m} quantifier: its digits are no literal
      const q = /^\{\d*(?:,\d*)?\}/.exec(src.slice(i));
      if (q) i += q[0].length - 1;
      end();
      continue;
    }
    if (SPECIAL.has(c)) {
      // a quantifier after a group or class applies to what came before the run: nothing to undo
      end();
      continue;
    }
    if (isOptional(src, i + 1)) {
      end();
      continue;
    }
    run += c;
    if (isRepeated(src, i + 1)) end();
  }
  end();
  return best.length < MIN_LENGTH || /[^\x20-\x7e]/.test(best) ? undefined : best;
};

/** How many characters after the escape letter at `at` still belong to the escape. */
const escapeTail = (src: string, at: number): number => {
  const rest = src.slice(at);
  const m = /^(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|[0-9]+)/.exec(rest);
  return m ? m[0].length - 1 : 0;
};

/** Whether the atom before `at` may occur zero times. */
const isOptional = (src: string, at: number): boolean => {
  const q = src[at];
  return q === "?" || q === "*" || (q === "{" && /^\{0[,}]/.test(src.slice(at)));
};

/** Whether the atom before `at` may occur more than once (the run cannot continue past it). */
const isRepeated = (src: string, at: number): boolean => {
  const q = src[at];
  return q === "+" || q === "{";
};

const classEnd = (src: string, start: number): number => {
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "]" && i > start + 1) return i;
    else if (src[i] === "]" && src[start + 1] !== "^") return i;
  }
  return src.length;
};

const cache = new WeakMap<RegExp, string[] | null>();

/** requiredLiterals, computed once per regex. */
export const literalsOf = (re: RegExp): string[] | undefined => {
  let v = cache.get(re);
  if (v === undefined) {
    v = requiredLiterals(re) ?? null;
    cache.set(re, v);
  }
  return v ?? undefined;
};
