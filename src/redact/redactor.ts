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

/** Parameter and JSON key names whose value is a secret, and the kind each is reported as. */
const SECRET_NAMES: Readonly<Record<string, string>> = {
  password: "password",
  passwd: "password",
  pwd: "password",
  passphrase: "password",
  client_secret: "client-secret",
  clientsecret: "client-secret",
  access_token: "access-token",
  accesstoken: "access-token",
  refresh_token: "refresh-token",
  refreshtoken: "refresh-token",
  id_token: "id-token",
  idtoken: "id-token",
  api_key: "api-key",
  apikey: "api-key",
  "x-api-key": "api-key",
  secret: "secret",
  token: "token",
  auth_token: "token",
  authtoken: "token",
  session_token: "aws-session-token",
  sessiontoken: "aws-session-token",
  "x-amz-security-token": "aws-session-token",
  private_key: "private-key",
  privatekey: "private-key",
  secretaccesskey: "aws-secret-key",
  secret_access_key: "aws-secret-key",
  aws_secret_access_key: "aws-secret-key",
  "x-amz-signature": "signed-url-signature",
  "x-amz-credential": "aws-credential",
  signature: "signed-url-signature",
  sig: "signed-url-signature",
  policy: "signed-url-policy",
  key: "api-key",
  auth: "token",
  code: "auth-code",
};
const kindOfName = (name: string): string => SECRET_NAMES[name.toLowerCase()] ?? "secret";

/** Names that mean a secret wherever they stand (form bodies, log lines, env files). */
const STRONG_NAMES = "password|passwd|passphrase|client_secret|access_token|refresh_token|id_token|api_key|apikey|auth_token|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|aws_secret_access_key|aws_session_token";
/** Names that mean a secret only as a URL query parameter. */
const URL_NAMES = "Signature|Policy|sig|token|key|code|auth|session_token";
/** JSON keys whose string value is a secret. */
const JSON_NAMES =
  "password|passwd|passphrase|client_secret|clientSecret|secret|access_token|accessToken|refresh_token|refreshToken|id_token|idToken|api_key|apiKey|x-api-key|token|auth_token|authToken|sessionToken|SessionToken|session_token|SecretAccessKey|secretAccessKey|secret_access_key|private_key|privateKey";

interface Pattern {
  /** The kind reported, or a function of the match groups (named parameters). */
  kind: string | ((groups: (string | undefined)[]) => string);
  re: RegExp;
  /** Group index of the secret (0 = whole match). */
  group: number;
}

/** Secrets recognisable anywhere in text, by their shape. */
const TEXT_PATTERNS: readonly Pattern[] = [
  { kind: "private-key", re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, group: 0 },
  { kind: "jwt", re: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,}/g, group: 0 },
  { kind: "aws-access-key-id", re: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, group: 0 },
  {
    kind: "aws-secret-key",
    re: /(aws_secret_access_key|AWS_SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|secret_access_key)(["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/g,
    group: 3,
  },
  { kind: "aws-session-token", re: /(aws_session_token|AWS_SESSION_TOKEN)(\s*[:=]\s*["']?)([A-Za-z0-9/+=]{16,})/g, group: 3 },
  { kind: "github-token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g, group: 0 },
  { kind: "gitlab-token", re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, group: 0 },
  { kind: "slack-token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, group: 0 },
  { kind: "google-api-key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
  { kind: "stripe-key", re: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g, group: 0 },
  { kind: "api-key", re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b/g, group: 0 },
  { kind: "url-password", re: /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'<>]+:)([^@\s/"'<>]+)(@)/gi, group: 2 },
  {
    kind: (g) => kindOfName(g[3] ?? ""),
    re: new RegExp(`((["'])(${JSON_NAMES})\\2\\s*:\\s*["'])([^"'\\\\]{3,})(["'])`, "gi"),
    group: 4,
  },
  { kind: (g) => kindOfName(g[2] ?? ""), re: new RegExp(`((?:^|[?&;\\s"'])(${STRONG_NAMES})=)([^&#\\s"'<>]+)`, "gim"), group: 3 },
  { kind: (g) => kindOfName(g[2] ?? ""), re: new RegExp(`([?&;](${URL_NAMES})=)([^&#\\s"'<>]+)`, "gi"), group: 3 },
];

/** The kind of a query/form/JSON parameter by its name, or undefined when it is not a secret. */
export const secretParamKind = (name: string): string | undefined => SECRET_NAMES[name.toLowerCase()];

/** Length of the text the groups after the secret group add at the end of the match. */
const tailLength = (groups: (string | undefined)[], secretGroup: number): number => {
  let n = 0;
  // top-level groups after the secret are appended after it in every pattern above
  for (let i = secretGroup + 1; i < groups.length; i++) n += groups[i]?.length ?? 0;
  return n;
};

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
        const kind = typeof p.kind === "string" ? p.kind : p.kind(groups);
        if (p.group === 0) return this.placeholder(kind, whole);
        const secret = groups[p.group];
        if (!secret || secret.startsWith("[redacted:")) return whole;
        // the secret ends where the groups after it begin
        const at = whole.length - tailLength(groups, p.group) - secret.length;
        return whole.slice(0, at) + this.placeholder(kind, secret) + whole.slice(at + secret.length);
      });
    }
    return out;
  }

  /** Redacts a raw text input: header lines by name, then shapes. */
  rawText(input: string): string {
    if (!this.enabled) return input;
    const lines = input.split("\n").map((line) => {
      // a CR left by CRLF line ends stays where it was
      const m = /^([<>]\s)?([A-Za-z0-9-]+)(:\s*)([^\r]*)(\r?)$/.exec(line);
      if (m && SECRET_HEADERS[m[2]!.toLowerCase()]) return `${m[1] ?? ""}${m[2]}${m[3]}${this.headerValue(m[2]!, m[4]!)}${m[5]}`;
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

  /** Distinct secrets hidden, by kind. */
  summary(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => a[0].localeCompare(b[0])));
  }

  get redacted(): string[] {
    return [...this.kinds].sort();
  }
}
