// The replay server: plays back recorded real vendor 403s chosen by Host header, and stands in
// for edges in front of the lab's real servers (a Cloudflare-like CDN before nginx, CloudFront
// before moto's S3), so that chains can be staged. What it adds to moto is S3's documented
// behaviour that moto lacks: the 15-minute request-time window, and AccessDenied instead of
// NoSuchKey for a caller without s3:ListBucket.
import { randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { fill, RECORDINGS, type Recording } from "./recordings.js";
import { serveLocally } from "./procs.js";
import type { MotoKeys } from "./servers.js";

export interface LogLine {
  server: string;
  method: string;
  host: string;
  url: string;
  status: number;
}

export interface ReplayTargets {
  nginxOrigin: number;
  motoPort: number;
  motoKeys: MotoKeys;
}

/** The replay's virtual hosts. */
export const REPLAY_HOSTS = {
  geo: "geo.cdn.lab",
  waf: "waf.cdn.lab",
  cloudflareWaf: "cf-waf.lab",
  cloudflareUa: "cf-ua.lab",
  apigw: "abc123defg.execute-api.lab",
  shopApex: "shop.lab",
  shopWww: "www.shop.lab",
  edge: "edge.lab",
  akamai: "akamai.lab",
  cfPrivateBucket: "assets.cloudfront.lab",
  cfPublicBucket: "static.cloudfront.lab",
  s3: "s3.lab",
  rate: "rate.lab",
} as const;

const newId = (): string => randomBytes(12).toString("base64url");

const PAGE = "<!doctype html><title>shop</title><h1>Welcome</h1>\n";

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

interface Answer {
  status: number;
  headers: [string, string][];
  body: string | Buffer;
}

const playback = (r: Recording, amzDate?: string): Answer => {
  const id = newId();
  const vars = { id, ...(amzDate ? { amzDate } : {}) };
  return { status: r.status, headers: r.headers.map(([n, v]) => [n, fill(v, vars)]), body: fill(r.body, vars) };
};

const upstream = (port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 502, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });

const HOP = /^(?:connection|keep-alive|transfer-encoding|te|trailer|upgrade|proxy-connection|server|date|content-length)$/i;

const cfHeaders = (): [string, string][] => [
  ["Server", "cloudflare"],
  ["CF-RAY", `${randomBytes(8).toString("hex")}-FRA`],
  ["cf-cache-status", "DYNAMIC"],
];

const cloudfrontHeaders = (hit: boolean): [string, string][] => [
  ["X-Cache", hit ? "Hit from cloudfront" : "Error from cloudfront"],
  ["Via", "1.1 5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f.cloudfront.net (CloudFront)"],
  ["X-Amz-Cf-Pop", "FRA56-P1"],
  ["X-Amz-Cf-Id", `${newId()}==`],
];

const amzNow = (): number => Date.now();
const parseAmzDate = (s: string | undefined): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? "");
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
};

/** CloudFront with an origin access control: signs the origin request for the bucket as S3 wants. */
const fromBucket = async (t: ReplayTargets, bucket: string, key: { id: string; secret: string }, method: string, path: string, maskMissing: boolean): Promise<Answer> => {
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, sha256: Hash.bind(null, "sha256"), uriEscapePath: false });
  const objectPath = `/${bucket}${path === "/" ? "/index.html" : path}`; // default root object
  const host = `127.0.0.1:${t.motoPort}`;
  const signed = await signer.sign({ method, protocol: "http:", hostname: "127.0.0.1", port: t.motoPort, path: objectPath, headers: { host } });
  const res = await upstream(t.motoPort, method, objectPath, signed.headers);
  // S3 answers AccessDenied, not NoSuchKey, when the caller may not list the bucket
  if (maskMissing && res.status === 404) return withCloudfront(playback(RECORDINGS.s3AccessDenied), false);
  const headers = res.headers.filter(([n]) => !HOP.test(n));
  headers.push(["Server", "AmazonS3"]);
  return withCloudfront({ status: res.status, headers, body: res.body }, res.status < 400);
};

const withCloudfront = (a: Answer, hit: boolean): Answer => ({ ...a, headers: [...a.headers.filter(([n]) => !/^x-cache$|^via$|^x-amz-cf-/i.test(n)), ...cloudfrontHeaders(hit)] });

export interface Replay {
  port: number;
  log: LogLine[];
  close(): Promise<void>;
}

export const startReplay = async (t: ReplayTargets): Promise<Replay> => {
  const log: LogLine[] = [];
  const rateSeen = new Map<string, number>();

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://replay");
    const ua = req.headers["user-agent"] ?? "";
    switch (host) {
      case REPLAY_HOSTS.geo:
        return playback(RECORDINGS.cloudfrontGeo);
      case REPLAY_HOSTS.waf:
        return playback(RECORDINGS.awsWafBlock);
      case REPLAY_HOSTS.cloudflareWaf:
        return playback(RECORDINGS.cloudflare1020);
      case REPLAY_HOSTS.cloudflareUa:
        return /^Mozilla\/5\.0 \(/.test(ua) ? { status: 200, headers: [["Server", "cloudflare"], ["Content-Type", "text/html"]], body: PAGE } : playback(RECORDINGS.cloudflare1010);
      case REPLAY_HOSTS.apigw:
        return url.pathname === "/prod/items" && method === "GET"
          ? { status: 200, headers: [["Content-Type", "application/json"], ["x-amzn-RequestId", newId()]], body: "[]" }
          : playback(RECORDINGS.apigwMissingToken);
      case REPLAY_HOSTS.shopWww:
        return withCloudfront({ status: 200, headers: [["Content-Type", "text/html"], ["Server", "AmazonS3"]], body: PAGE }, true);
      case REPLAY_HOSTS.shopApex:
        return playback(RECORDINGS.cloudfrontBadRequest);
      case REPLAY_HOSTS.akamai:
        return /^Mozilla\/5\.0 \(/.test(ua) ? { status: 200, headers: [["Server", "AkamaiGHost"], ["Content-Type", "text/html"]], body: PAGE } : playback(RECORDINGS.akamaiDenied);
      case REPLAY_HOSTS.edge: {
        // a Cloudflare-like CDN: forwards to the nginx origin and hands back what it says
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && !HOP.test(k)) headers[k] = v;
        const res = await upstream(t.nginxOrigin, method, req.url ?? "/", headers, await readBody(req));
        return { status: res.status, headers: [...res.headers.filter(([n]) => !HOP.test(n)), ...cfHeaders()], body: res.body };
      }
      case REPLAY_HOSTS.cfPrivateBucket:
      case REPLAY_HOSTS.cfPublicBucket: {
        if (method !== "GET" && method !== "HEAD") return playback(RECORDINGS.awsWafBlock);
        const isPublic = host === REPLAY_HOSTS.cfPublicBucket;
        // CloudFront's default cache policy forwards no query string to the origin
        return fromBucket(t, isPublic ? "site-public" : "site-private", isPublic ? t.motoKeys.oacPublic : t.motoKeys.oacPrivate, method, url.pathname, isPublic);
      }
      case REPLAY_HOSTS.s3: {
        const amzDate = (req.headers["x-amz-date"] as string | undefined) ?? url.searchParams.get("X-Amz-Date") ?? undefined;
        const signedAt = parseAmzDate(amzDate);
        if (signedAt !== undefined && Math.abs(amzNow() - signedAt) > 15 * 60 * 1000) return playback(RECORDINGS.s3TimeTooSkewed, amzDate);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && !/^(?:connection|keep-alive)$/i.test(k)) headers[k] = v;
        const res = await upstream(t.motoPort, method, req.url ?? "/", headers, await readBody(req));
        return { status: res.status, headers: [...res.headers.filter(([n]) => !HOP.test(n)), ["Server", "AmazonS3"]], body: res.body };
      }
      case REPLAY_HOSTS.rate: {
        // the first request of a client (keyed by path prefix) is refused, then it is throttled
        const key = url.pathname.split("/")[1] ?? "";
        const n = (rateSeen.get(key) ?? 0) + 1;
        rateSeen.set(key, n);
        return n === 1
          ? { status: 403, headers: [["Server", "openresty"], ["Content-Type", "text/html"]], body: "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n" }
          : { status: 429, headers: [["Server", "openresty"], ["Retry-After", "120"], ["Content-Type", "text/html"]], body: "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>openresty</center></body></html>" };
      }
      default:
        return { status: 421, headers: [["Content-Type", "text/plain"]], body: `no lab site is named ${host}\n` };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let a: Answer;
    try {
      a = await answer(req);
    } catch (e) {
      a = { status: 502, headers: [["Content-Type", "text/plain"]], body: `replay upstream failed: ${(e as Error).message}\n` };
    }
    log.push({ server: "replay", method: req.method ?? "", host: req.headers.host ?? "", url: req.url ?? "", status: a.status });
    const flat: string[] = [];
    for (const [n, v] of a.headers) if (!/^(?:content-length|transfer-encoding|connection)$/i.test(n)) flat.push(n, v);
    const body = typeof a.body === "string" ? Buffer.from(a.body) : a.body;
    flat.push("Content-Length", String(body.length));
    if (!a.headers.some(([n]) => n.toLowerCase() === "date")) flat.push("Date", new Date().toUTCString());
    res.writeHead(a.status, flat);
    res.end(req.method === "HEAD" ? undefined : body);
  };

  return { ...(await serveLocally(handle)), log };
};
