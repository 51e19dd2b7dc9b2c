// A HAR made safe to share, written as it is read: every entry is redacted field by field
// (headers and cookies by name, query and form parameters by name, every other string by
// shape) and written back, so the copy stays valid HAR 1.2 whatever the size of the file.
import { HarReader, type HarMeta } from "../input/har-reader.js";
import { secretParamKind, type Redactor } from "./redactor.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Redacts any JSON value: strings by shape, known HAR structures by name. */
const redactValue = (v: Json, r: Redactor, key?: string): Json => {
  if (typeof v === "string") return r.text(v);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, r));
  if (!isObject(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, val] of Object.entries(v)) {
    if ((k === "headers" || k === "cookies" || k === "queryString" || k === "params") && Array.isArray(val)) {
      out[k] = val.map((item) => redactNameValue(item, r, k, key));
    } else if (k === "content" && isObject(val)) out[k] = redactContent(val, r);
    else out[k] = redactValue(val, r, k);
  }
  return out;
};

/** A {name, value} pair of a HAR list: the value judged by the list and the name. */
const redactNameValue = (item: Json, r: Redactor, list: string, owner: string | undefined): Json => {
  if (!isObject(item) || typeof item.name !== "string" || typeof item.value !== "string") return redactValue(item, r);
  const { name, value } = item;
  let safe: string;
  if (list === "headers") safe = r.headerValue(name, value);
  else if (list === "cookies") safe = value ? r.placeholder(owner === "response" ? "set-cookie" : "cookie", value) : value;
  else {
    const kind = secretParamKind(name);
    safe = kind && value ? r.placeholder(kind, value) : r.text(value);
  }
  const rest = redactValue({ ...item, name: "", value: "" }, r) as Record<string, Json>;
  return { ...rest, name: r.text(name), value: safe };
};

/** response.content: base64 text bodies are decoded, redacted and encoded again. */
const redactContent = (content: Record<string, Json>, r: Redactor): Json => {
  const out = redactValue({ ...content, text: "" }, r) as Record<string, Json>;
  const text = content.text;
  if (typeof text !== "string") return { ...out, text: text ?? null };
  if (content.encoding === "base64") {
    const bytes = Buffer.from(text, "base64");
    // binary bodies (images, fonts) hold no text secrets and must stay byte-exact
    if (bytes.subarray(0, 4096).includes(0)) return { ...out, text };
    return { ...out, text: Buffer.from(r.text(bytes.toString("utf8")), "utf8").toString("base64") };
  }
  return { ...out, text: r.text(text) };
};

/** Redacts one HAR entry (request and response alike). */
export const redactHarEntry = (entry: unknown, r: Redactor): unknown => {
  if (!isObject(entry)) return redactValue(entry as Json, r);
  const out: Record<string, Json> = {};
  // request/response are passed down as the owner, so their cookies know their side
  for (const [k, v] of Object.entries(entry)) out[k] = redactValue(v, r, k);
  return out;
};

/**
 * Streams a redacted copy of a HAR: reads chunks, writes JSON text through `write` (awaited,
 * so a slow disk holds the reading back). Returns the number of entries written.
 */
export const redactHarStream = async (
  chunks: AsyncIterable<Uint8Array | string>,
  r: Redactor,
  write: (s: string) => Promise<void>,
  onProgress?: (entries: number) => void,
): Promise<number> => {
  const pending: string[] = [];
  const reader = new HarReader((entry, i) => {
    pending.push((i === 0 ? "\n" : ",\n") + JSON.stringify(redactHarEntry(entry, r)));
  });
  await write('{"log":{"entries":[');
  for await (const chunk of chunks) {
    reader.write(chunk);
    if (pending.length > 0) {
      await write(pending.join(""));
      pending.length = 0;
      onProgress?.(reader.entries);
    }
  }
  reader.end();
  if (pending.length > 0) await write(pending.join(""));
  await write(`\n]${metaTail(reader.meta, r)}}}\n`);
  return reader.entries;
};

const metaTail = (meta: HarMeta, r: Redactor): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(meta)) {
    if (v !== undefined) parts.push(`,${JSON.stringify(k)}:${JSON.stringify(redactValue(v as Json, r))}`);
  }
  // HAR 1.2 requires version and creator
  if (meta.version === undefined) parts.push(',"version":"1.2"');
  if (meta.creator === undefined) parts.push(',"creator":{"name":"why403 redact","version":"1"}');
  return parts.join("");
};
