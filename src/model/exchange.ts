// The normalised shape every input parser produces: one or more request/response exchanges
// plus the free text around them. Offsets point into the (normalised) input text so that
// renderers can underline the user's own lines.
import type { ProbeObservation } from "./probe-facts.js";

export const INPUT_KINDS = [
  "http-response",
  "curl-verbose",
  "har",
  "body-only",
  "cli-error",
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** A header line as it was written, with where it stands in the input (when it does). */
export interface HeaderField {
  name: string;
  value: string;
  /** Offset of the first character of the header line in the input text, if verbatim. */
  offset?: number;
  /** Offset of the first character of the value in the input text, if verbatim. */
  valueOffset?: number;
}

/** A piece of text and where it starts in the input text (undefined when not verbatim, e.g. HAR). */
export interface TextPart {
  text: string;
  offset?: number;
  /** Human label of where this part lives when it has no offset: "entries[3].response.content.text". */
  path?: string;
}

export interface ExchangeRequest {
  method?: string;
  url?: string;
  headers: HeaderField[];
  body?: TextPart;
  /** Headers that an exporter may have removed (HAR from DevTools drops cookies/authorization). */
  sanitised?: boolean;
}

export interface ExchangeResponse {
  status?: number;
  statusText?: string;
  /** Where the status was read from: a status line, an SDK line, or assumed for a bare body. */
  statusSource: "status-line" | "text" | "assumed";
  statusOffset?: number;
  httpVersion?: string;
  headers: HeaderField[];
  body: TextPart;
}

export interface Exchange {
  index: number;
  request?: ExchangeRequest;
  response: ExchangeResponse;
  /** Free text outside the HTTP message: curl `*` lines, CLI output, log lines around it. */
  context: TextPart[];
  /** HAR entry index and time, when the exchange came from a HAR. */
  harEntry?: number;
  startedAt?: string;
  /** What live probing observed around this exchange (why403 URL): differences between variants. */
  probeFacts?: ProbeObservation[];
  /** Where a 3xx response sends the client (Location / HAR redirectURL), as written. */
  redirectTo?: string;
}

/** The parsed input: what the pipeline works on. */
export interface ParsedInput {
  kind: InputKind;
  /** The normalised input text (CRLF → LF, BOM removed) that offsets refer to. */
  text: string;
  exchanges: Exchange[];
  notes: string[];
}

export const headerValues = (headers: readonly HeaderField[], name: string): HeaderField[] => {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower);
};

export const headerValue = (headers: readonly HeaderField[], name: string): string | undefined =>
  headerValues(headers, name)[0]?.value;
