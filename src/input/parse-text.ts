// parseText: a bare body (HTML, JSON, XML, text) or a CLI / SDK / log error. One exchange whose
// body is the whole text; the status is read from the text or assumed, and headers written
// inside the text (dumps, dicts) are lifted so header signals still fire.
import type { Exchange, ExchangeRequest } from "../model/exchange.js";
import { embeddedHeaders } from "./embedded-headers.js";
import { statusFromText } from "./status-from-text.js";
import { parseCurlCommand } from "./parse-curl-command.js";

const METHOD_URL = /\b(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS)\s+(?:request\s+(?:to|for)\s+)?"?(https?:\/\/[^\s"'<>]+)/;
const BARE_URL = /\b(https?:\/\/[^\s"'<>)\]]+)/;
const DOC_HOSTS = /(?:docs\.|documentation|developer\.|learn\.microsoft|support\.|help\.|console\.|\/troubleshoot)/i;

const requestFromText = (text: string): ExchangeRequest | undefined => {
  const curl = parseCurlCommand(text);
  if (curl) return curl;
  const m = METHOD_URL.exec(text);
  if (m) return { method: m[1]!, url: m[2]!.replace(/[.,:;]+$/, ""), headers: [] };
  const u = BARE_URL.exec(text);
  if (u && !DOC_HOSTS.test(u[1]!)) return { url: u[1]!.replace(/[.,:;]+$/, ""), headers: [] };
  return undefined;
};

export const parseText = (text: string): Exchange[] => {
  const found = statusFromText(text);
  const request = requestFromText(text);
  const x: Exchange = {
    index: 0,
    response: {
      ...(found ? { status: found.status, statusOffset: found.offset, statusSource: "text" as const } : { status: 403, statusSource: "assumed" as const }),
      headers: embeddedHeaders(text),
      body: { text, offset: 0 },
    },
    context: [],
  };
  if (request) x.request = request;
  return [x];
};
