// parseRawHttp: one or more raw HTTP/1.x or HTTP/2 responses as `curl -i` prints them
// (redirect chains and 100 Continue included), optionally preceded by the raw request.
import { headerValue, type Exchange, type ExchangeRequest, type HeaderField } from "../model/exchange.js";
import { splitLines, parseHeaderLine, type Line } from "./lines.js";
import { parseCurlCommand } from "./parse-curl-command.js";

export const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?)\s+(\d{3})(?:\s+(.*))?$/;
export const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|TRACE|CONNECT|PROPFIND|MKCOL|COPY|MOVE)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/;

const readHeaders = (lines: Line[], from: number): { headers: HeaderField[]; next: number } => {
  const headers: HeaderField[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text.trim() === "") return { headers, next: i + 1 };
    const h = parseHeaderLine(line.text, line.offset);
    if (!h) return { headers, next: i };
    headers.push(h);
  }
  return { headers, next: i };
};

/** The absolute URL of a request line's target, joined with its Host header when relative. */
export const absoluteUrl = (target: string, headers: readonly HeaderField[], scheme = "https"): string => {
  if (/^https?:\/\//i.test(target)) return target;
  const host = headerValue(headers, "host");
  return host ? `${scheme}://${host}${target.startsWith("/") ? target : `/${target}`}` : target;
};

export const parseRawHttp = (text: string): Exchange[] => {
  const lines = splitLines(text);
  const statusAt: number[] = [];
  lines.forEach((l, i) => {
    if (STATUS_LINE.test(l.text.trim())) statusAt.push(i);
  });
  const exchanges: Exchange[] = [];
  let request: ExchangeRequest | undefined;
  const preambleEnd = statusAt[0] ?? lines.length;
  // A raw request may stand before the first response.
  for (let i = 0; i < preambleEnd; i++) {
    const m = REQUEST_LINE.exec(lines[i]!.text.trim());
    if (!m) continue;
    const { headers } = readHeaders(lines, i + 1);
    request = { method: m[1]!, url: absoluteUrl(m[2]!, headers), headers };
    break;
  }
  const preambleText = preambleEnd > 0 ? text.slice(0, lines[preambleEnd - 1]!.offset + lines[preambleEnd - 1]!.text.length) : "";
  request ??= preambleText ? parseCurlCommand(preambleText) : undefined;
  // text above the first response that is not its request (notes, a log line) stays as context
  const pre = preambleText.trim() === "" || request ? [] : [{ text: preambleText, offset: 0 }];
  statusAt.forEach((at, n) => {
    const line = lines[at]!;
    const m = STATUS_LINE.exec(line.text.trim())!;
    const statusIndex = line.text.indexOf(m[2]!, line.text.indexOf(m[1]!) + m[1]!.length);
    const { headers, next } = readHeaders(lines, at + 1);
    const end = statusAt[n + 1] ?? lines.length;
    const bodyStart = lines[next]?.offset ?? text.length;
    const bodyEnd = end < lines.length ? lines[end]!.offset : text.length;
    exchanges.push({
      index: exchanges.length,
      ...(request ? { request } : {}),
      response: {
        status: Number(m[2]),
        ...(m[3] ? { statusText: m[3] } : {}),
        statusSource: "status-line",
        statusOffset: line.offset + statusIndex,
        httpVersion: m[1]!,
        headers,
        body: { text: bodyEnd > bodyStart ? text.slice(bodyStart, bodyEnd) : "", offset: bodyStart },
      },
      context: n === 0 ? pre : [],
    });
  });
  return exchanges;
};
