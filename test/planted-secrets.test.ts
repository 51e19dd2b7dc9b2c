// Planted secrets: hundreds of secrets of many kinds, placed in requests and responses of every
// input kind (headers, URLs, bodies, HAR cookie/query/form lists, base64 bodies), pushed through
// diagnose (text, JSON, Markdown, SARIF) and redact. None may come out; `redacted` names each kind.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { diagnoseText } from "../src/diagnose-text.js";
import { diagnoseHarStream } from "../src/diagnose-har.js";
import { redactHarStream } from "../src/redact/redact-har.js";
import { Redactor } from "../src/redact/redactor.js";
import { renderJson } from "../src/render/render-json.js";
import { renderMarkdown } from "../src/render/render-markdown.js";
import { renderSarif } from "../src/render/render-sarif.js";
import { renderText } from "../src/render/render-text.js";
import type { Report } from "../src/model/report.js";

// a fixed-seed generator: the same secrets every run, none repeated
let seed = 0x5eed1234;
const rand = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randStr = (n: number, alphabet = ALNUM): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
const b64url = (s: string): string => Buffer.from(s).toString("base64url");

/** One secret to plant: its value and the kind `redacted` must name. */
interface Secret {
  kind: string;
  value: string;
}
const secret = (kind: string, value: string): Secret => ({ kind, value });

/** Fresh secrets of every kind for one input. */
const makeSecrets = () => ({
  bearer: secret("authorization", randStr(40)),
  basic: secret("authorization", Buffer.from(`user${randStr(4)}:${randStr(16)}`).toString("base64")),
  cookie: secret("cookie", randStr(32)),
  setCookie: secret("set-cookie", randStr(32)),
  apiKey: secret("api-key", randStr(36)),
  amzToken: secret("aws-session-token", `IQoJb3JpZ2luX2Vj${randStr(120, ALNUM + "/+")}`),
  amzSignature: secret("signed-url-signature", randStr(64, "0123456789abcdef")),
  accessKeyId: secret("aws-access-key-id", `AKIA${randStr(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`),
  cfSignature: secret("signed-url-signature", randStr(80, ALNUM + "~-_")),
  cfPolicy: secret("signed-url-policy", randStr(60, ALNUM + "~-_")),
  jwt: secret("jwt", `eyJhbGciOiJSUzI1NiJ9.${b64url(JSON.stringify({ sub: randStr(8), exp: 1700000000 }))}.${randStr(43, ALNUM + "-_")}`),
  accessToken: secret("access-token", randStr(48)),
  refreshToken: secret("refresh-token", randStr(48)),
  idToken: secret("id-token", randStr(48)),
  clientSecret: secret("client-secret", randStr(40)),
  password: secret("password", `P@ss-${randStr(14)}`),
  awsSecret: secret("aws-secret-key", randStr(40, ALNUM + "/+")),
  privateKey: secret("private-key", `-----BEGIN RSA PRIVATE KEY-----\n${randStr(64, ALNUM + "/+")}\n${randStr(64, ALNUM + "/+")}\n-----END RSA PRIVATE KEY-----`),
  github: secret("github-token", `ghp_${randStr(36)}`),
  urlPassword: secret("url-password", randStr(18)),
});
type Secrets = ReturnType<typeof makeSecrets>;

const S3_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";

const requestHeaders = (s: Secrets): [string, string][] => [
  ["Host", "bucket.s3.amazonaws.com"],
  ["Authorization", `Bearer ${s.bearer.value}`],
  ["Proxy-Authorization", `Basic ${s.basic.value}`],
  ["Cookie", `session=${s.cookie.value}; theme=dark`],
  ["x-api-key", s.apiKey.value],
  ["X-Amz-Security-Token", s.amzToken.value],
];
const requestUrl = (s: Secrets): string =>
  `https://bucket.s3.amazonaws.com/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${s.accessKeyId.value}%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${s.amzSignature.value}&id_token=${s.idToken.value}`;
const cloudFrontUrl = (s: Secrets): string =>
  `https://d111111abcdef8.cloudfront.net/img.jpg?Policy=${s.cfPolicy.value}&Signature=${s.cfSignature.value}&Key-Pair-Id=K2JCJMDEHXQW5F`;
const jsonBody = (s: Secrets): string =>
  JSON.stringify({ access_token: s.accessToken.value, password: s.password.value, note: `token ${s.jwt.value}`, aws_secret_access_key: s.awsSecret.value });
const formBody = (s: Secrets): string => `grant_type=refresh_token&refresh_token=${s.refreshToken.value}&client_secret=${s.clientSecret.value}`;
const textBody = (s: Secrets): string => `${S3_BODY}\n<!-- ${s.privateKey.value} ${s.github.value} https://deploy:${s.urlPassword.value}@git.example.com/repo.git -->`;

const rawHttp = (s: Secrets): string =>
  [
    `GET ${requestUrl(s)} HTTP/1.1`,
    ...requestHeaders(s).map(([n, v]) => `${n}: ${v}`),
    `Referer: ${cloudFrontUrl(s)}`,
    "",
    formBody(s),
    "",
    "HTTP/1.1 403 Forbidden",
    "Server: AmazonS3",
    "x-amz-request-id: 4442587FB7D0A2F9",
    `Set-Cookie: AWSALB=${s.setCookie.value}; Path=/; HttpOnly`,
    "Content-Type: application/xml",
    "",
    textBody(s),
    jsonBody(s),
  ].join("\r\n");

const curlVerbose = (s: Secrets): string =>
  [
    "*   Trying 52.216.1.1:443...",
    "* Connected to bucket.s3.amazonaws.com (52.216.1.1) port 443",
    `> POST ${requestUrl(s).replace("https://bucket.s3.amazonaws.com", "")} HTTP/1.1`,
    ...requestHeaders(s).map(([n, v]) => `> ${n}: ${v}`),
    `> Referer: ${cloudFrontUrl(s)}`,
    ">",
    `} [${formBody(s).length} bytes data]`,
    "< HTTP/1.1 403 Forbidden",
    "< Server: AmazonS3",
    "< x-amz-request-id: 4442587FB7D0A2F9",
    `< Set-Cookie: AWSALB=${s.setCookie.value}; Path=/`,
    "<",
    textBody(s),
    jsonBody(s),
    `* request body was: ${formBody(s)}`,
  ].join("\n");

const bodyOnly = (s: Secrets): string =>
  `${textBody(s)}\n${jsonBody(s)}\nAuthorization: Bearer ${s.bearer.value}\nProxy-Authorization: Basic ${s.basic.value}\nCookie: session=${s.cookie.value}\nSet-Cookie: AWSALB=${s.setCookie.value}\nx-api-key: ${s.apiKey.value}\nX-Amz-Security-Token: ${s.amzToken.value}\n${requestUrl(s)}\n${cloudFrontUrl(s)}\n${formBody(s)}`;

const cliError = (s: Secrets): string =>
  `$ AWS_SECRET_ACCESS_KEY=${s.awsSecret.value} aws s3 cp "${requestUrl(s)}" .\nAn error occurred (AccessDenied) when calling the GetObject operation: Access Denied\n${bodyOnly(s)}`;

const har = (s: Secrets): string => {
  const entry = {
    startedDateTime: "2026-11-23T10:00:00.000Z",
    time: 50,
    request: {
      method: "POST",
      url: requestUrl(s),
      httpVersion: "HTTP/1.1",
      headers: [...requestHeaders(s), ["Referer", cloudFrontUrl(s)]].map(([name, value]) => ({ name, value })),
      cookies: [{ name: "session", value: s.cookie.value }],
      queryString: [
        { name: "X-Amz-Signature", value: s.amzSignature.value },
        { name: "id_token", value: s.idToken.value },
      ],
      postData: {
        mimeType: "application/x-www-form-urlencoded",
        text: formBody(s),
        params: [
          { name: "refresh_token", value: s.refreshToken.value },
          { name: "client_secret", value: s.clientSecret.value },
        ],
      },
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: 403,
      statusText: "Forbidden",
      httpVersion: "HTTP/1.1",
      headers: [
        { name: "Server", value: "AmazonS3" },
        { name: "x-amz-request-id", value: "4442587FB7D0A2F9" },
        { name: "Set-Cookie", value: `AWSALB=${s.setCookie.value}; Path=/` },
      ],
      cookies: [{ name: "AWSALB", value: s.setCookie.value }],
      content: { size: 100, mimeType: "application/xml", text: textBody(s) },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 40, receive: 9 },
  };
  // the same response once more with a base64 body holding JSON secrets
  const second = structuredClone(entry);
  second.response.content = { size: 100, mimeType: "application/json", text: Buffer.from(jsonBody(s)).toString("base64"), encoding: "base64" } as typeof entry.response.content;
  return JSON.stringify({ log: { version: "1.2", creator: { name: "mitmproxy", version: "10" }, pages: [{ title: cloudFrontUrl(s) }], entries: [entry, second] } });
};

const KINDS = { "http-response": rawHttp, "curl-verbose": curlVerbose, har, "body-only": bodyOnly, "cli-error": cliError } as const;
type Kind = keyof typeof KINDS;

interface Case {
  kind: Kind;
  input: string;
  secrets: Secret[];
}

const CASES: Case[] = [];
for (let i = 0; i < 30; i++) {
  const kind = (Object.keys(KINDS) as Kind[])[i % 5]!;
  const s = makeSecrets();
  CASES.push({ kind, input: KINDS[kind](s), secrets: Object.values(s) });
}

/** Every secret value found in a text (base64 bodies of a HAR decoded first). */
const leaks = (text: string, secrets: Secret[]): string[] => {
  const decoded = [...text.matchAll(/"text":"([A-Za-z0-9+/=]{40,})"/g)].map((m) => Buffer.from(m[1]!, "base64").toString("utf8"));
  const hay = [text, ...decoded].join("\n");
  // a secret inside JSON text is written with its escapes (a private key's newlines)
  return secrets.filter((s) => hay.includes(s.value) || hay.includes(JSON.stringify(s.value).slice(1, -1))).map((s) => `${s.kind}: ${s.value.slice(0, 12)}…`);
};

const asyncChunks = (s: string): AsyncIterable<string> => {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += 777) parts.push(s.slice(i, i + 777));
  return Readable.from(parts);
};

const renderAll = (r: Report): string => [renderText(r, { color: false }), renderJson(r), renderMarkdown(r), renderSarif([r])].join("\n");

describe("planted secrets never leave through any output", () => {
  const planted = CASES.reduce((n, c) => n + c.secrets.length, 0);
  const kinds = new Set(CASES.flatMap((c) => c.secrets.map((s) => s.kind)));

  it(`plants at least 500 secrets of at least 12 kinds across every input kind (${planted} of ${kinds.size})`, () => {
    assert.ok(planted >= 500, `${planted} planted`);
    assert.ok(kinds.size >= 12, `${kinds.size} kinds`);
    assert.deepEqual(new Set(CASES.map((c) => c.kind)).size, 5);
    // the plant is real: every secret is in its input verbatim (base64 bodies aside)
    for (const c of CASES) assert.equal(leaks(c.input, c.secrets).length, c.secrets.length, c.kind);
  });

  it("diagnose: text, JSON, Markdown and SARIF hold none of them", async () => {
    for (const c of CASES) {
      const report = c.kind === "har" ? await diagnoseHarStream(asyncChunks(c.input), { file: "x.har" }) : diagnoseText(c.input, { file: "x" });
      assert.deepEqual(leaks(renderAll(report), c.secrets), [], `${c.kind} leaked`);
      assert.ok(report.redacted.length > 0);
      const inMemory = diagnoseText(c.input, { file: "x" });
      assert.deepEqual(leaks(renderAll(inMemory), c.secrets), [], `${c.kind} (in memory) leaked`);
    }
  });

  it("diagnose of text inputs names every planted kind in `redacted`", () => {
    for (const c of CASES.filter((x) => x.kind !== "har")) {
      const report = diagnoseText(c.input, { file: "x" });
      for (const k of new Set(c.secrets.map((s) => s.kind))) assert.ok(report.redacted.includes(k), `${c.kind}: ${k} missing from ${report.redacted.join(",")}`);
    }
  });

  it("redact: the copy holds none of them, names every kind, and a HAR stays a valid HAR", async () => {
    for (const c of CASES) {
      const r = new Redactor(true);
      let out = "";
      if (c.kind === "har") {
        const n = await redactHarStream(asyncChunks(c.input), r, (s) => Promise.resolve(void (out += s)));
        assert.equal(n, 2);
        const doc = JSON.parse(out) as { log: { version: string; creator: unknown; entries: { request: { cookies: { value: string }[] } }[] } };
        assert.equal(doc.log.version, "1.2");
        assert.equal(doc.log.entries.length, 2);
        // the same cookie in both entries got the same placeholder
        assert.equal(doc.log.entries[0]!.request.cookies[0]!.value, doc.log.entries[1]!.request.cookies[0]!.value);
        assert.match(doc.log.entries[0]!.request.cookies[0]!.value, /^\[redacted:cookie:\d+\]$/);
      } else out = r.rawText(c.input);
      assert.deepEqual(leaks(out, c.secrets), [], `${c.kind} leaked`);
      for (const k of new Set(c.secrets.map((s) => s.kind))) assert.ok(r.redacted.includes(k), `${c.kind}: ${k} not in ${r.redacted.join(",")}`);
    }
  });
});

describe("planted secrets through the real CLI", () => {
  const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
  let dir = "";
  before(() => (dir = mkdtempSync(join(tmpdir(), "why403-secrets-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES.slice(0, 5)) {
    it(`${c.kind}: diagnose (text, JSON, Markdown, SARIF) and redact -o print none`, () => {
      const f = join(dir, `${c.kind}.in`);
      writeFileSync(f, c.input);
      let all = "";
      for (const args of [["diagnose", f], ["diagnose", "--json", f], ["diagnose", "--format", "markdown", f], ["diagnose", "--format", "sarif", f]]) {
        const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        all += r.stdout + r.stderr;
      }
      const out = join(dir, `${c.kind}.safe`);
      const r = spawnSync(process.execPath, [bin, "redact", "--json", f, "-o", out], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { redacted: string[] };
      for (const k of new Set(c.secrets.map((s) => s.kind))) assert.ok(summary.redacted.includes(k), `${k} missing`);
      all += r.stdout + r.stderr + readFileSync(out, "utf8");
      assert.deepEqual(leaks(all, c.secrets), []);
      // the redacted copy is still diagnosed the same way
      const again = spawnSync(process.execPath, [bin, "diagnose", "--json", out], { encoding: "utf8" });
      const first = spawnSync(process.execPath, [bin, "diagnose", "--json", f], { encoding: "utf8" });
      assert.equal((JSON.parse(again.stdout) as Report).responder.id, (JSON.parse(first.stdout) as Report).responder.id);
    });
  }
});
