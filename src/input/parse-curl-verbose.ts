// parseCurlVerbose: `curl -v` output. `>` lines are the request, `<` lines the response
// headers, `*` lines curl's own notes (TLS, connection), other lines the body.
import type { Exchange, ExchangeRequest, HeaderField, TextPart } from "../model/exchange.js";
import { splitLines, parseHeaderLine } from "./lines.js";
import { REQUEST_LINE, STATUS_LINE, absoluteUrl } from "./parse-raw-http.js";

interface Draft {
  request?: ExchangeRequest;
  target?: string;
  status?: number;
  statusText?: string;
  statusOffset?: number;
  httpVersion?: string;
  headers: HeaderField[];
  bodyStart?: number;
  bodyEnd?: number;
  context: TextPart[];
}

export const isCurlVerbose = (text: string): boolean => /^< HTTP\/\d/m.test(text) && /^> [A-Z]+ \S+ HTTP\/\d/m.test(text);

const schemeOf = (text: string): string =>
  /^\*.*(?:SSL|TLS|port 443\b|ALPN)/m.test(text) ? "https" : /^\*.*port 80\b/m.test(text) ? "http" : "https";

export const parseCurlVerbose = (text: string): Exchange[] => {
  const scheme = schemeOf(text);
  const drafts: Draft[] = [];
  const pendingContext: TextPart[] = [];
  let cur: Draft | undefined;
  const start = (d: Draft): Draft => {
    d.context.push(...pendingContext.splice(0));
    drafts.push(d);
    return d;
  };
  for (const line of splitLines(text)) {
    const t = line.text;
    if (/^[{}] \[/.test(t)) continue; // curl's "{ [5 bytes data]" transfer notes
    if (t.startsWith("*")) {
      (cur ? cur.context : pendingContext).push({ text: t, offset: line.offset });
      continue;
    }
    // "> " / "< " (or a bare marker) are curl's; a body line such as "<html>" is not
    if (t === ">" || t.startsWith("> ")) {
      const m = REQUEST_LINE.exec(t.slice(1).trim());
      if (m) {
        cur = start({ headers: [], context: [], request: { method: m[1]!, headers: [] }, target: m[2]! });
        continue;
      }
      const h = parseHeaderLine(t, line.offset, 2);
      if (h && cur?.request) cur.request.headers.push(h);
      continue;
    }
    if (t === "<" || t.startsWith("< ")) {
      const m = STATUS_LINE.exec(t.slice(1).trim());
      if (m) {
        if (!cur || cur.status !== undefined) {
          // another response to the same request (100 Continue), or no "> " lines were shown
          cur = start({ headers: [], context: [], ...(cur?.request ? { request: cur.request, target: cur.target! } : {}) });
        }
        cur.status = Number(m[2]);
        if (m[3]) cur.statusText = m[3];
        cur.httpVersion = m[1]!;
        cur.statusOffset = line.offset + t.indexOf(m[2]!, t.indexOf(m[1]!) + m[1]!.length);
        continue;
      }
      const h = parseHeaderLine(t, line.offset, 2);
      if (h && cur) cur.headers.push(h);
      continue;
    }
    if (cur && cur.status !== undefined) {
      if (t === "" && line.offset === text.length) continue; // the split's empty last line
      cur.bodyStart ??= line.offset;
      cur.bodyEnd = line.offset + t.length;
    } else if (t.trim() !== "") {
      (cur ? cur.context : pendingContext).push({ text: t, offset: line.offset });
    }
  }
  return drafts
    .filter((d) => d.status !== undefined)
    .map((d, index) => {
      if (d.request && d.target) d.request.url = absoluteUrl(d.target, d.request.headers, scheme);
      const x: Exchange = {
        index,
        response: {
          status: d.status!,
          statusSource: "status-line",
          headers: d.headers,
          body:
            d.bodyStart !== undefined && d.bodyEnd !== undefined
              ? { text: text.slice(d.bodyStart, d.bodyEnd), offset: d.bodyStart }
              : { text: "" },
        },
        context: index === 0 ? [...pendingContext, ...d.context] : d.context,
      };
      if (d.request) x.request = d.request;
      if (d.statusText) x.response.statusText = d.statusText;
      if (d.statusOffset !== undefined) x.response.statusOffset = d.statusOffset;
      if (d.httpVersion) x.response.httpVersion = d.httpVersion;
      return x;
    });
};
