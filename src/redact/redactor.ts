// The one redactor every output goes through: secrets become stable placeholders (the same
// secret → the same placeholder), and the kinds hidden are reported in `redacted`.
import type { Exchange, HeaderField } from "../model/exchange.js";

/** Header names whose value is a credential. Cookies keep their names (signals read them). */
const SECRET_HEADERS: Readonly<Record<string, string>> = {
  authorization: "authorization",
  "proxy-authorization": "proxy-authorization",
  cookie: "cookie",
  "set-cookie": "set-cookie",
  "x-api-key": "api-key",
  "api-key": "api-key",
  apikey: "api-key",
  "x-goog-api-key": "api-key",
  "ocp-apim-subscription-key": "api-key",
  "x-functions-key": "api-key",
  "x-auth-token": "session-token",
  "x-access-token": "session-token",
  "x-session-token": "session-token",
  "x-vault-token": "session-token",
  "private-token": "session-token",
  "x-amz-security-token": "aws-session-token",
  "x-csrf-token": "csrf-token",
  "x-xsrf-token": "csrf-token",
};

const SECRET_QUERY = /([?&;](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|Policy|sig|token|access_token|id_token|refresh_token|api_key|apikey|key|client_secret|password|auth|code)=)([^&#\s"'<>]+)/gi;

interface Pattern {
  kind: string;
  re: RegExp;
  /** Group index of the secret (0 = whole match). */
  group: number;
}

/** Secrets recognisable anywhere in text, by their shape. */
const TEXT_PATTERNS: readonly Pattern[] = [
  { kind: "private-key", re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, group: 0 },
  { kind: "jwt", re: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,}/g, group: 0 },
  { kind: "aws-access-key-id", re: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, group: 0 },
  { kind: "aws-secret-key", re: /(aws_secret_access_key|SecretAccessKey|secretAccessKey)(["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})\b/g, group: 3 },
  { kind: "github-token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g, group: 0 },
  { kind: "gitlab-token", re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, group: 0 },
  { kind: "slack-token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, group: 0 },
  { kind: "google-api-key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
  { kind: "stripe-key", re: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g, group: 0 },
  { kind: "api-key", re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b/g, group: 0 },
  {
    kind: "password",
    re: /(["'](?:password|passwd|client_secret|secret|access_token|refresh_token|id_token|api_key|apiKey|token)["']\s*:\s*["'])([^"']{3,})(["'])/gi,
    group: 2,
  },
  { kind: "password", re: /((?:^|[?&\s])(?:password|passwd|client_secret)=)([^&\s"']+)/gim, group: 2 },
  { kind: "signed-url-signature", re: SECRET_QUERY, group: 2 },
];

export class Redactor {
  private readonly seen = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  readonly kinds = new Set<string>();

  constructor(private readonly enabled = true) {}

  /** The stable placeholder for a secret of a kind. */
  placeholder(kind: string, secret: string): string {
    if (!this.enabled) return secret;
    this.kinds.add(kind);
    const known = this.seen.get(secret);
    if (known) return known;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const p = `[redacted:${kind}:${n}]`;
    this.seen.set(secret, p);
    return p;
  }

  /** Redacts the value of a header by name; keeps auth schemes and cookie names. */
  headerValue(name: string, value: string): string {
    const kind = SECRET_HEADERS[name.toLowerCase()];
    if (!kind || !this.enabled) return this.text(value);
    if (kind === "cookie") {
      return value.replace(/([^=;\s]+)=([^;]*)/g, (_, n: string, v: string) => `${n}=${v ? this.placeholder("cookie", v) : ""}`);
    }
    if (kind === "set-cookie") {
      return value.replace(/^([^=;\s]+)=([^;]*)/, (_, n: string, v: string) => `${n}=${v ? this.placeholder("set-cookie", v) : ""}`);
    }
    const scheme = /^(Bearer|Basic|Digest|Token|AWS4-HMAC-SHA256|Negotiate|SharedKey|SAPISIDHASH)\s+/i.exec(value);
    if (scheme) return `${scheme[0]}${this.placeholder(kind, value.slice(scheme[0].length))}`;
    return this.placeholder(kind, value);
  }

  /** Redacts secrets recognisable by shape anywhere in a text. */
  text(input: string): string {
    if (!this.enabled) return input;
    let out = input;
    for (const p of TEXT_PATTERNS) {
      out = out.replace(p.re, (...args: unknown[]) => {
        const groups = args.slice(0, -2).filter((a): a is string | undefined => typeof a === "string" || a === undefined);
        const whole = groups[0] ?? "";
        if (whole.includes("[redacted:")) return whole;
        if (p.group === 0) return this.placeholder(p.kind, whole);
        const secret = groups[p.group];
        if (!secret) return whole;
        // rebuild: the groups before the secret, the placeholder, the groups after
        const parts = groups.slice(1);
        return parts.map((g, i) => (i + 1 === p.group ? this.placeholder(p.kind, secret) : (g ?? ""))).join("");
      });
    }
    return out;
  }

  /** Redacts a raw text input: header lines by name, then shapes. */
  rawText(input: string): string {
    if (!this.enabled) return input;
    const lines = input.split("\n").map((line) => {
      const m = /^([<>]\s)?([A-Za-z0-9-]+)(:\s*)(.*)$/.exec(line);
      if (m && SECRET_HEADERS[m[2]!.toLowerCase()]) return `${m[1] ?? ""}${m[2]}${m[3]}${this.headerValue(m[2]!, m[4]!)}`;
      // dict forms: 'Authorization': 'Bearer x'
      return line.replace(/(["'])([A-Za-z-]+)\1(\s*:\s*)(["'])([^"']*)\4/g, (whole, q: string, n: string, sep: string, q2: string, v: string) =>
        SECRET_HEADERS[n.toLowerCase()] ? `${q}${n}${q}${sep}${q2}${this.headerValue(n, v)}${q2}` : whole,
      );
    });
    return this.text(lines.join("\n"));
  }

  headers(headers: HeaderField[]): HeaderField[] {
    return headers.map((h) => ({ ...h, value: this.headerValue(h.name, h.value) }));
  }

  /** Redacts a parsed exchange (HAR): headers by name, URL and bodies by shape. */
  exchange(x: Exchange): Exchange {
    if (!this.enabled) return x;
    const out: Exchange = {
      ...x,
      response: { ...x.response, headers: this.headers(x.response.headers), body: { ...x.response.body, text: this.text(x.response.body.text) } },
      context: x.context.map((c) => ({ ...c, text: this.text(c.text) })),
    };
    if (x.request) {
      out.request = { ...x.request, headers: this.headers(x.request.headers) };
      if (x.request.url) out.request.url = this.text(x.request.url);
      if (x.request.body) out.request.body = { ...x.request.body, text: this.text(x.request.body.text) };
    }
    return out;
  }

  get redacted(): string[] {
    return [...this.kinds].sort();
  }
}
