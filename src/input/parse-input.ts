// detectInputKind + parseInput: the front door of the pipeline.
import type { InputKind, ParsedInput, Exchange } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";
import { parseCurlVerbose, isCurlVerbose } from "./parse-curl-verbose.js";
import { parseHar } from "./parse-har.js";
import { parseRawHttp, STATUS_LINE } from "./parse-raw-http.js";
import { parseText } from "./parse-text.js";

const CLI_HINTS =
  /An error occurred \(|when calling the \w+ operation|Status Code: \d{3}|StatusCode: \d{3}|Exception\b|Error:|\[error\]|\[\w+:error\]|^\s*at \S+ \(|Traceback|^E\d{4} |^\$ |is forbidden: User|remote: |denied: /m;

export const detectInputKind = (text: string): InputKind => {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith("{") && /"log"\s*:/.test(head) && /"entries"\s*:/.test(text.slice(0, 1_000_000))) return "har";
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
      return parseHar(text);
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
  let exchanges = parseAs(kind, text);
  const notes: string[] = [];
  if (exchanges.length === 0 && kind !== "har") {
    // a status line was promised but nothing parsed: read it as text instead
    exchanges = parseText(text);
    notes.push(`no complete ${kind} found; read as text`);
  }
  if (exchanges.length === 0) throw new WhyError("NO_DENIAL", "the HAR has no entries");
  return { kind, text, exchanges, notes };
};
