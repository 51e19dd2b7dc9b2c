// `-H 'Name: value'` options → header fields, as curl takes them.
import { WhyError } from "../model/errors.js";
import type { HeaderField } from "../model/exchange.js";

export const parseHeaderOptions = (lines: readonly string[]): HeaderField[] =>
  lines.map((line) => {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new WhyError("USAGE", `-H expects 'Name: value', got "${line.length > 40 ? `${line.slice(0, 40)}…` : line}"`);
    }
    return { name, value: line.slice(colon + 1).trim() };
  });

/** Cookie values by name from every Cookie header. */
export const cookiesOf = (headers: readonly HeaderField[]): Map<string, string> => {
  const out = new Map<string, string>();
  for (const h of headers) {
    if (h.name.toLowerCase() !== "cookie") continue;
    for (const part of h.value.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  return out;
};
