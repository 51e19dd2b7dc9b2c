// Headers written inside free text: header dumps in logs ("Server: AmazonS3"), Python/JS
// dicts ('x-amzn-ErrorType': 'AccessDeniedException'). They let header signals fire on
// pasted SDK output as they do on a raw response.
import type { HeaderField } from "../model/exchange.js";
import { splitLines, parseHeaderLine } from "./lines.js";

const DICT_PAIR = /['"]([A-Za-z][\w-]{1,60})['"]\s*:\s*['"]([^'"\n]{0,500})['"]/g;
/** Header-looking names: known singles, or hyphenated / x- names. */
const HEADERISH = /^(?:server|via|date|location|vary|allow|age|x-[\w-]+|[a-z]+(?:-[a-z0-9]+)+)$/i;

export const embeddedHeaders = (text: string, base = 0): HeaderField[] => {
  const out: HeaderField[] = [];
  for (const line of splitLines(text)) {
    const stripped = line.text.replace(/^\s+/, "");
    const indent = line.text.length - stripped.length;
    const h = parseHeaderLine(stripped, base + line.offset + indent);
    if (h && HEADERISH.test(h.name) && h.value !== "") out.push(h);
  }
  for (const m of text.matchAll(DICT_PAIR)) {
    const name = m[1]!;
    if (!HEADERISH.test(name)) continue;
    const value = m[2]!;
    out.push({ name, value, offset: base + m.index, valueOffset: base + m.index + m[0].lastIndexOf(value) });
  }
  return out;
};
