// HAR entries → exchanges. HAR 1.2 as written by Chrome/Edge/Safari (WebInspector), Firefox,
// Charles, mitmproxy, HTTP Toolkit, Fiddler. The reading itself is streamed (har-reader.ts).
import type { Exchange, HeaderField } from "../model/exchange.js";
import { headerValue } from "../model/exchange.js";
import { readHarText, type HarMeta } from "./har-reader.js";

interface HarNameValue {
  name?: unknown;
  value?: unknown;
}
export interface HarEntry {
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown; headers?: unknown; cookies?: unknown; postData?: { text?: unknown } };
  response?: {
    status?: unknown;
    statusText?: unknown;
    httpVersion?: unknown;
    headers?: unknown;
    cookies?: unknown;
    redirectURL?: unknown;
    content?: { text?: unknown; encoding?: unknown };
    _error?: unknown;
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const headersOf = (v: unknown): HeaderField[] =>
  Array.isArray(v)
    ? (v as HarNameValue[]).flatMap((h) => {
        const name = str(h?.name);
        const value = str(h?.value);
        return name && value !== undefined ? [{ name, value }] : [];
      })
    : [];

const CREDENTIAL_HEADERS = /^(?:authorization|cookie|set-cookie|proxy-authorization)$/i;
/** Exporters that write every header as sent; browsers may drop credentials on export. */
const COMPLETE_EXPORTERS = /mitmproxy|charles|http ?toolkit|fiddler|proxyman|insomnia|burp|zap|why403/i;

/**
 * What a HAR as a whole says about its credentials. DevTools' default export removes
 * Authorization, Cookie and Set-Cookie; then a request without them proves nothing. Once any
 * entry shows such a header, the export keeps them and their absence means something.
 */
export class HarCredentialView {
  private keepsCredentials: boolean;
  constructor(meta: HarMeta) {
    this.keepsCredentials = COMPLETE_EXPORTERS.test(meta.creator?.name ?? "");
  }
  /** Updates the view with an entry and tells whether that entry's request may have lost headers. */
  sanitised(e: HarEntry, reqHeaders: HeaderField[], resHeaders: HeaderField[]): boolean {
    const hasCookies = (v: unknown) => Array.isArray(v) && v.length > 0;
    if (
      reqHeaders.some((h) => CREDENTIAL_HEADERS.test(h.name)) ||
      resHeaders.some((h) => CREDENTIAL_HEADERS.test(h.name)) ||
      hasCookies(e.request?.cookies) ||
      hasCookies(e.response?.cookies)
    ) {
      this.keepsCredentials = true;
    }
    return !this.keepsCredentials;
  }
  /** True when no entry so far showed a credential header: the export looks sanitised. */
  get looksSanitised(): boolean {
    return !this.keepsCredentials;
  }
}

const decodeBody = (text: string, encoding: unknown): string => {
  if (encoding !== "base64") return text;
  const bytes = Buffer.from(text, "base64");
  // a binary body (image, font) is no evidence; keep it from reaching the signal regexes
  return bytes.subarray(0, 512).includes(0) ? "" : bytes.toString("utf8");
};

export const harEntryToExchange = (raw: unknown, i: number, view: HarCredentialView): Exchange => {
  const e = (raw !== null && typeof raw === "object" ? raw : {}) as HarEntry;
  const reqHeaders = headersOf(e.request?.headers);
  const resHeaders = headersOf(e.response?.headers);
  const body = decodeBody(str(e.response?.content?.text) ?? "", e.response?.content?.encoding);
  const status = typeof e.response?.status === "number" && Number.isInteger(e.response.status) ? e.response.status : undefined;
  const x: Exchange = {
    index: i,
    harEntry: i,
    request: {
      ...(str(e.request?.method) ? { method: str(e.request?.method)! } : {}),
      ...(str(e.request?.url) ? { url: str(e.request?.url)! } : {}),
      headers: reqHeaders,
      sanitised: view.sanitised(e, reqHeaders, resHeaders),
    },
    response: {
      ...(status !== undefined && status > 0 ? { status } : {}),
      ...(str(e.response?.statusText) ? { statusText: str(e.response?.statusText)! } : {}),
      statusSource: "status-line",
      headers: resHeaders,
      body: { text: body, path: `log.entries[${i}].response.content.text` },
    },
    context: [],
  };
  const postData = str(e.request?.postData?.text);
  if (postData) x.request!.body = { text: postData, path: `log.entries[${i}].request.postData.text` };
  const redirect = str(e.response?.redirectURL) || headerValue(resHeaders, "location");
  if (redirect) x.redirectTo = redirect;
  const started = str(e.startedDateTime);
  if (started) x.startedAt = started;
  return x;
};

/** A whole HAR held in memory → exchanges (the same streaming parser as big files). */
export const parseHar = (text: string): { exchanges: Exchange[]; meta: HarMeta; sanitised: boolean } => {
  const raws: unknown[] = [];
  const meta = readHarText(text, (entry) => raws.push(entry));
  const view = new HarCredentialView(meta);
  const exchanges = raws.map((r, i) => harEntryToExchange(r, i, view));
  return { exchanges, meta, sanitised: view.looksSanitised };
};
