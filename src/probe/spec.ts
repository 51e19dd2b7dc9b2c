// The user's request as curl flags describe it, checked once: the baseline every probe varies.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { WhyError } from "../model/errors.js";

/** curl --resolve HOST:PORT:ADDRESS — connect there instead of resolving HOST. */
export interface ResolveRule {
  host: string;
  port: number;
  address: string;
}

/** curl --connect-to HOST:PORT:TO_HOST:TO_PORT — here: where the origin behind the edge is. */
export interface ConnectToRule {
  host: string;
  port: number;
  toHost: string;
  toPort: number;
}

export interface SigV4Options {
  region?: string;
  service?: string;
  profile?: string;
}

export interface ProbeSpec {
  url: URL;
  method: string;
  /** Header lines as given (-H, -A, -e, -b, -u folded in), Host excluded. */
  headers: [string, string][];
  /** -H "Host: ..." when the user names another virtual host than the URL's. */
  hostHeader?: string;
  body?: string;
  insecure: boolean;
  resolve: ResolveRule[];
  connectTo: ConnectToRule[];
  proxy?: URL;
  sigv4?: SigV4Options;
  /** The page's origin for CORS checks (--origin). */
  origin?: string;
  maxRequests: number;
  dryRun: boolean;
  /** Per request: connect, then the whole answer. */
  connectTimeoutMs: number;
  maxTimeMs: number;
}

/** The command-line options as commander hands them over. */
export interface ProbeFlags {
  request?: string;
  header?: string[];
  data?: string[];
  cookie?: string;
  user?: string;
  userAgent?: string;
  referer?: string;
  head?: boolean;
  insecure?: boolean;
  resolve?: string[];
  connectTo?: string[];
  proxy?: string;
  awsSigv4?: string;
  profile?: string;
  region?: string;
  origin?: string;
  maxRequests?: string;
  dryRun?: boolean;
  maxTime?: string;
  connectTimeout?: string;
}

/** The most requests a probe may send, whatever --max-requests says. */
export const HARD_MAX_REQUESTS = 20;
export const DEFAULT_MAX_REQUESTS = 8;

const usage = (message: string): WhyError => new WhyError("USAGE", message);

export const looksLikeUrl = (s: string | undefined): boolean => !!s && /^https?:\/\/\S+$/i.test(s);

const parseUrl = (raw: string): URL => {
  if (!looksLikeUrl(raw)) throw usage(`not an http(s) URL: ${raw.slice(0, 80)}`);
  try {
    return new URL(raw);
  } catch {
    throw usage(`not a valid URL: ${raw.slice(0, 80)}`);
  }
};

const port = (s: string, what: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw usage(`${what}: ${s} is not a port number`);
  return n;
};

/** Splits on ':' but keeps [IPv6] addresses whole. */
const fields = (s: string): string[] => s.match(/\[[^\]]*\]|[^:]+|(?<=:)(?=:|$)/g)?.map((f) => f.replace(/^\[|\]$/g, "")) ?? [];

export const parseResolve = (s: string): ResolveRule => {
  const [host, p, address, ...rest] = fields(s);
  if (!host || !p || !address || rest.length > 0 || !isIP(address)) throw usage(`--resolve wants HOST:PORT:ADDRESS, got ${s}`);
  return { host: host.toLowerCase(), port: port(p, "--resolve"), address };
};

export const parseConnectTo = (s: string): ConnectToRule => {
  const [host, p, toHost, toPort, ...rest] = fields(s);
  if (!host || !p || !toHost || !toPort || rest.length > 0) throw usage(`--connect-to wants HOST:PORT:TO_HOST:TO_PORT, got ${s}`);
  return { host: host.toLowerCase(), port: port(p, "--connect-to"), toHost: toHost.toLowerCase(), toPort: port(toPort, "--connect-to") };
};

/** curl --aws-sigv4 "aws:amz[:REGION[:SERVICE]]". */
export const parseSigV4 = (s: string, profile?: string, region?: string): SigV4Options => {
  const [p1, , r, service] = s.split(":");
  if (p1?.toLowerCase() !== "aws") throw usage(`--aws-sigv4 wants aws:amz[:REGION[:SERVICE]], got ${s}`);
  const out: SigV4Options = {};
  if (region ?? r) out.region = (region ?? r)!;
  if (service) out.service = service;
  if (profile) out.profile = profile;
  return out;
};

const headerLine = (s: string): [string, string] => {
  const i = s.indexOf(":");
  const name = i > 0 ? s.slice(0, i).trim() : "";
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw usage(`-H wants "Name: value", got a header without a valid name`);
  return [name, s.slice(i + 1).trim()];
};

/** -b takes "name=value; ..." or a Netscape cookie file, as curl does. */
const cookieHeader = (s: string): string => {
  if (s.includes("=")) return s;
  let text: string;
  try {
    text = readFileSync(s, "utf8");
  } catch {
    throw usage(`-b: ${s} is neither name=value nor a readable cookie file`);
  }
  const pairs = text
    .split("\n")
    .filter((l) => l.trim() && (!l.startsWith("#") || l.startsWith("#HttpOnly_")))
    .map((l) => l.split("\t"))
    .filter((f) => f.length >= 7)
    .map((f) => `${f[5]}=${f[6]!.trim()}`);
  if (pairs.length === 0) throw usage(`-b: ${s} holds no cookies`);
  return pairs.join("; ");
};

const seconds = (s: string | undefined, fallback: number, what: string): number => {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw usage(`${what}: ${s} is not a positive number of seconds`);
  return Math.round(n * 1000);
};

const has = (headers: [string, string][], name: string): boolean => headers.some(([n]) => n.toLowerCase() === name);

export const DEFAULT_USER_AGENT = "why403 (https://www.npmjs.com/package/why403)";

export const buildSpec = (rawUrl: string, f: ProbeFlags): ProbeSpec => {
  const url = parseUrl(rawUrl);
  url.hash = "";
  const given = (f.header ?? []).map(headerLine);
  const hostHeader = given.find(([n]) => n.toLowerCase() === "host")?.[1];
  const headers = given.filter(([n]) => n.toLowerCase() !== "host");
  if (f.userAgent !== undefined) headers.push(["User-Agent", f.userAgent]);
  if (f.referer !== undefined) headers.push(["Referer", f.referer]);
  if (f.cookie !== undefined) headers.push(["Cookie", cookieHeader(f.cookie)]);
  if (f.user !== undefined) {
    if (!f.user.includes(":")) throw usage("-u wants USER:PASSWORD (why403 never prompts)");
    headers.push(["Authorization", `Basic ${Buffer.from(f.user).toString("base64")}`]);
  }
  if (!has(headers, "user-agent")) headers.push(["User-Agent", DEFAULT_USER_AGENT]);
  if (!has(headers, "accept")) headers.push(["Accept", "*/*"]);
  const body = f.data?.length ? f.data.join("&") : undefined;
  if (body !== undefined && !has(headers, "content-type")) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  const method = (f.request ?? (f.head ? "HEAD" : body !== undefined ? "POST" : "GET")).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw usage(`-X wants a method name, got ${f.request ?? ""}`);
  if (f.head && method !== "HEAD") throw usage("-I (HEAD) and -X/-d disagree on the method");
  let origin: string | undefined;
  if (f.origin !== undefined) {
    if (!/^https?:\/\/[^\s/]+\/?$/i.test(f.origin) && f.origin !== "null") throw usage(`--origin wants scheme://host[:port], got ${f.origin}`);
    origin = f.origin;
  }
  const maxRequests = f.maxRequests === undefined ? DEFAULT_MAX_REQUESTS : Number(f.maxRequests);
  if (!Number.isInteger(maxRequests) || maxRequests < 1 || maxRequests > HARD_MAX_REQUESTS) {
    throw usage(`--max-requests wants a whole number from 1 to ${HARD_MAX_REQUESTS}`);
  }
  let proxy: URL | undefined;
  if (f.proxy !== undefined) {
    const raw = /^[a-z]+:\/\//i.test(f.proxy) ? f.proxy : `http://${f.proxy}`;
    proxy = parseUrl(raw);
  }
  const spec: ProbeSpec = {
    url,
    method,
    headers,
    insecure: !!f.insecure,
    resolve: (f.resolve ?? []).map(parseResolve),
    connectTo: (f.connectTo ?? []).map(parseConnectTo),
    maxRequests,
    dryRun: !!f.dryRun,
    connectTimeoutMs: seconds(f.connectTimeout, 10_000, "--connect-timeout"),
    maxTimeMs: seconds(f.maxTime, 20_000, "--max-time"),
  };
  if (body !== undefined) spec.body = body;
  if (hostHeader) spec.hostHeader = hostHeader;
  if (proxy) spec.proxy = proxy;
  if (origin) spec.origin = origin;
  if (f.awsSigv4 !== undefined) spec.sigv4 = parseSigV4(f.awsSigv4, f.profile, f.region);
  else if (f.profile !== undefined || f.region !== undefined) throw usage("--profile and --region go with --aws-sigv4");
  return spec;
};

/** Numeric default port of a URL. */
export const urlPort = (u: URL): number => (u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80);
