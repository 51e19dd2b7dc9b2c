// parseHar: HAR 1.2 (browser DevTools, Charles, mitmproxy...). Whole-file parse for now;
// a streaming reader replaces it for large files.
import type { Exchange, HeaderField } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";

interface HarHeader {
  name?: unknown;
  value?: unknown;
}
interface HarEntry {
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown; headers?: unknown; cookies?: unknown; postData?: { text?: unknown } };
  response?: {
    status?: unknown;
    statusText?: unknown;
    httpVersion?: unknown;
    headers?: unknown;
    content?: { text?: unknown; encoding?: unknown };
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const headersOf = (v: unknown): HeaderField[] =>
  Array.isArray(v)
    ? (v as HarHeader[]).flatMap((h) => {
        const name = str(h?.name);
        const value = str(h?.value);
        return name && value !== undefined ? [{ name, value }] : [];
      })
    : [];

const AUTH_HEADERS = /^(?:authorization|cookie|x-api-key|proxy-authorization)$/i;

export const harEntryToExchange = (e: HarEntry, i: number): Exchange => {
  const reqHeaders = headersOf(e.request?.headers);
  let body = str(e.response?.content?.text) ?? "";
  if (e.response?.content?.encoding === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  }
  const status = typeof e.response?.status === "number" ? e.response.status : undefined;
  const x: Exchange = {
    index: i,
    harEntry: i,
    request: {
      ...(str(e.request?.method) ? { method: str(e.request?.method)! } : {}),
      ...(str(e.request?.url) ? { url: str(e.request?.url)! } : {}),
      headers: reqHeaders,
      // DevTools removes Authorization and Cookie on export unless asked not to: without them
      // and without cookies, the HAR cannot prove that no credentials were sent.
      sanitised: !reqHeaders.some((h) => AUTH_HEADERS.test(h.name)),
    },
    response: {
      ...(status !== undefined && status > 0 ? { status } : {}),
      ...(str(e.response?.statusText) ? { statusText: str(e.response?.statusText)! } : {}),
      statusSource: "status-line",
      headers: headersOf(e.response?.headers),
      body: { text: body, path: `log.entries[${i}].response.content.text` },
    },
    context: [],
  };
  const started = str(e.startedDateTime);
  if (started) x.startedAt = started;
  return x;
};

export const parseHar = (text: string): Exchange[] => {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new WhyError("HAR_INVALID", `the HAR is not valid JSON (${(err as Error).message})`);
  }
  const entries = (doc as { log?: { entries?: unknown } })?.log?.entries;
  if (!Array.isArray(entries)) throw new WhyError("HAR_INVALID", "the HAR has no log.entries array");
  return (entries as HarEntry[]).map(harEntryToExchange);
};
