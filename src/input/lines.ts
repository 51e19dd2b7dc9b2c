// Line helpers shared by the text parsers: each line with its offset in the input.

export interface Line {
  text: string;
  offset: number;
}

export const splitLines = (text: string): Line[] => {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    if (end === -1) {
      out.push({ text: text.slice(start), offset: start });
      return out;
    }
    out.push({ text: text.slice(start, end), offset: start });
    start = end + 1;
  }
};

const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*?)[ \t]*$/;

/** Parses "Name: value" at `offset` (the line's offset); `prefixLength` skips "< " markers. */
export const parseHeaderLine = (
  line: string,
  offset: number,
  prefixLength = 0,
): { name: string; value: string; offset: number; valueOffset: number } | undefined => {
  const body = line.slice(prefixLength);
  const m = HEADER_LINE.exec(body);
  if (!m) return undefined;
  const name = m[1]!;
  const value = m[2]!;
  const valueIndex = value === "" ? body.length : body.indexOf(value, name.length + 1);
  return { name, value, offset: offset + prefixLength, valueOffset: offset + prefixLength + valueIndex };
};
