// detectInputKind + parseInput: the front door of the pipeline.
import type { InputKind, ParsedInput, Exchange } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";
import { parseCurlVerbose, isCurlVerbose } from "./parse-curl-verbose.js";
import { parseHar } from "./parse-har.js";
import { parseRawHttp, STATUS_LINE } from "./parse-raw-http.js";
import { parseText } from "./parse-text.js";

const CLI_HINTS =
  /An error occurred \(|when calling the \w+ operation|Status Code: \d{3}|StatusCode: \d{3}|Exception\b|Error:|\[error\]|\[\w+:error\]|^\s*at \S+ \(|Traceback|^E\d{4} |^\$ |is forbidden: User|remote: |denied: /m;

/** A HAR starts as a JSON object with `log` near the top; the beginning of a file is enough. */
export const looksLikeHar = (head: string): boolean => {
  const start = head.slice(0, 65536).trimStart();
  return start.startsWith("{") && /"log"\s*:\s*\{/.test(start) && /"(?:entries|creator)"\s*:/.test(start);
};

export const SANITISED_HAR_NOTE =
  "this HAR has no Authorization, Cookie or Set-Cookie header in any entry: browsers remove them on export (DevTools' default), so it cannot show whether credentials were sent; export with sensitive data, or use curl -v, to check them";

export const detectInputKind = (text: string): InputKind => {
  if (looksLikeHar(text)) return "har";
  if (isCurlVerbose(text)) return "curl-verbose";
  if (/^< HTTP\/\d/m.test(text)) return "curl-verbose";
  const firstLines = text.split("\n", 40);
  if (firstLines.some((l) => STATUS_LINE.test(l.trim()))) return "http-response";
  if (CLI_HINTS.test(text.slice(0, 20_000))) return "cli-error";
  return "body-only";
};

const parseAs = (kind: InputKind, text: string): Exchange[] => {
  switch (kind) {
    case "har":
      throw new Error("unreachable: HARs are parsed by parseHar");
    case "curl-verbose":
      return parseCurlVerbose(text);
    case "http-response":
      return parseRawHttp(text);
    case "body-only":
    case "cli-error":
      return parseText(text);
  }
};

export const parseInput = (text: string, forced?: InputKind): ParsedInput => {
  const kind = forced ?? detectInputKind(text);
  if (kind === "har") {
    const har = parseHar(text);
    if (har.exchanges.length === 0) throw new WhyError("NO_DENIAL", "the HAR has no entries");
    return { kind, text, exchanges: har.exchanges, notes: har.sanitised ? [SANITISED_HAR_NOTE] : [] };
  }
  let exchanges = parseAs(kind, text);
  const notes: string[] = [];
  if (exchanges.length === 0) {
    // a status line was promised but nothing parsed: read it as text instead
    exchanges = parseText(text);
    notes.push(`no complete ${kind} found; read as text`);
  }
  return { kind, text, exchanges, notes };
};
