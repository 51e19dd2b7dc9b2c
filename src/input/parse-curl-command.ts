// Reads the request a pasted curl command line describes: method, URL and -H headers.
// Users often paste the command above its output; it tells what was asked.
import type { ExchangeRequest, HeaderField } from "../model/exchange.js";

const CURL = /(?:^|\s|\$ )curl\s+(.+)$/m;

const tokens = (s: string): string[] => {
  const out: string[] = [];
  for (const m of s.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
};

export const parseCurlCommand = (text: string): ExchangeRequest | undefined => {
  const m = CURL.exec(text.slice(0, 20_000));
  if (!m) return undefined;
  const args = tokens(m[1]!);
  let method: string | undefined;
  let url: string | undefined;
  const headers: HeaderField[] = [];
  let hasData = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-X" || a === "--request") method = args[++i]?.toUpperCase();
    else if (a.startsWith("-X") && a.length > 2) method = a.slice(2).toUpperCase();
    else if (a === "-I" || a === "--head") method = "HEAD";
    else if (a === "-H" || a === "--header") {
      const h = /^([^:]+):\s*(.*)$/.exec(args[++i] ?? "");
      if (h) headers.push({ name: h[1]!.trim(), value: h[2]! });
    } else if (a === "-u" || a === "--user") {
      i++;
      headers.push({ name: "Authorization", value: "Basic (from -u)" });
    } else if (a === "-b" || a === "--cookie") {
      headers.push({ name: "Cookie", value: args[++i] ?? "" });
    } else if (/^(?:-d|--data(?:-raw|-binary|-urlencode)?|-F|--form)$/.test(a)) {
      i++;
      hasData = true;
    } else if (/^https?:\/\//i.test(a)) url ??= a;
    else if (a === "-A" || a === "--user-agent") headers.push({ name: "User-Agent", value: args[++i] ?? "" });
  }
  if (!url) return undefined;
  return { method: method ?? (hasData ? "POST" : "GET"), url, headers };
};
