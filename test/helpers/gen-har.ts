// A large, deterministic HAR for the page: ~3% of entries are 403s from three layers (S3, nginx,
// API Gateway), spread over an hour with a burst, bodies included. Written as a stream.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export interface GeneratedHar {
  entries: number;
  status403: number;
  bytes: number;
}

const DENIALS = [
  {
    headers: [["Server", "AmazonS3"], ["x-amz-request-id", "4442587FB7D0A2F9"], ["x-amz-id-2", "xyz="], ["Content-Type", "application/xml"]],
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>xyz=</HostId></Error>',
  },
  {
    headers: [["Server", "nginx/1.22.1"], ["Content-Type", "text/html"]],
    body: "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>",
  },
  {
    headers: [["x-amzn-errortype", "ForbiddenException"], ["x-amzn-requestid", "8b0d9a53-1f4e-4c1e-9e43-3f1a6f0c2d11"], ["Content-Type", "application/json"]],
    body: '{"message":"Forbidden"}',
  },
] as const;

/** Writes a HAR of about `targetBytes` to `path`. */
export const generateHar = async (path: string, targetBytes: number): Promise<GeneratedHar> => {
  let seed = 0x9e3779b9;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, "drain");
  };
  const t0 = Date.UTC(2026, 10, 1, 9, 0, 0);
  await write('{"log":{"version":"1.2","creator":{"name":"why403-test","version":"1"},"pages":[],"entries":[\n');
  let entries = 0;
  let status403 = 0;
  while (bytes < targetBytes - 4096) {
    const i = entries++;
    const at = t0 + Math.floor((i * 3600_000) / 17_000);
    // a burst of denials in the middle of the hour
    const burst = at > t0 + 1500_000 && at < t0 + 1800_000;
    const deny = rand() < (burst ? 0.12 : 0.02);
    const d = DENIALS[Math.floor(rand() * DENIALS.length)]!;
    if (deny) status403++;
    const headers = deny ? d.headers : [["Server", "nginx"], ["Content-Type", "text/html"], ["Cache-Control", "max-age=60"]];
    const entry = {
      startedDateTime: new Date(at).toISOString(),
      time: 20,
      request: { method: "GET", url: `https://example.com/assets/${i}.html`, httpVersion: "HTTP/1.1", headers: [{ name: "Accept", value: "*/*" }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: {
        status: deny ? 403 : 200,
        statusText: deny ? "Forbidden" : "OK",
        httpVersion: "HTTP/1.1",
        headers: headers.map(([name, value]) => ({ name, value })),
        cookies: [],
        content: { size: 0, mimeType: "text/html", text: deny ? d.body : "<p>" + "lorem ipsum ".repeat(200 + Math.floor(rand() * 200)) + "</p>" },
        redirectURL: "",
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 20, receive: 0 },
    };
    await write((i > 0 ? ",\n" : "") + JSON.stringify(entry));
  }
  await write("\n]}}\n");
  out.end();
  await once(out, "finish");
  return { entries, status403, bytes };
};
