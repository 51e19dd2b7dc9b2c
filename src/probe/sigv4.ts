// --aws-sigv4: signs each request with the usual AWS credential chain (environment, profile,
// SSO, process, container/instance roles). The SDK pieces load only when signing is asked for.
import { WhyError } from "../model/errors.js";
import type { ProbeRequest } from "./client.js";
import type { SigV4Options } from "./spec.js";

export type Signer = (req: ProbeRequest) => Promise<ProbeRequest>;

const REGION = /(?:^|\.)([a-z]{2}(?:-gov)?-[a-z]+-\d)(?:\.|$)/;

/** Region and service from an AWS host name when the flag leaves them out. */
export const scopeFromHost = (host: string): { region?: string; service?: string } => {
  const h = host.toLowerCase();
  const out: { region?: string; service?: string } = {};
  const region = REGION.exec(h)?.[1];
  if (region) out.region = region;
  if (/(?:^|\.)s3[.-]|^s3\.|\.s3\.amazonaws\.com$/.test(h) || /\.s3\.[\w-]+\.amazonaws\.com$/.test(h)) out.service = "s3";
  else if (h.includes(".execute-api.")) out.service = "execute-api";
  else if (h.includes(".lambda-url.")) out.service = "lambda";
  else {
    const m = /^(?:[\w-]+\.)?([a-z0-9-]+)\.(?:[a-z]{2}(?:-gov)?-[a-z]+-\d\.)?amazonaws\.com$/.exec(h);
    if (m?.[1]) out.service = m[1];
  }
  return out;
};

export const createSigner = async (opts: SigV4Options, url: URL): Promise<Signer> => {
  const guessed = scopeFromHost(url.hostname);
  const service = opts.service ?? guessed.service;
  if (!service) throw new WhyError("USAGE", `--aws-sigv4 cannot tell the service from ${url.hostname}; give it: --aws-sigv4 aws:amz:REGION:SERVICE`);
  const region = opts.region ?? guessed.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const [{ SignatureV4 }, { Hash }, { defaultProvider }] = await Promise.all([
    import("@smithy/signature-v4"),
    import("@smithy/hash-node"),
    import("@aws-sdk/credential-provider-node"),
  ]);
  let credentials;
  try {
    credentials = await defaultProvider(opts.profile ? { profile: opts.profile } : {})();
  } catch (e) {
    const why = (e as Error).message?.split("\n")[0] ?? "";
    throw new WhyError("AWS_CREDENTIALS", `no AWS credentials for --aws-sigv4${opts.profile ? ` (profile ${opts.profile})` : ""}: ${why.slice(0, 160)}`);
  }
  const signer = new SignatureV4({
    service,
    region,
    credentials,
    sha256: Hash.bind(null, "sha256"),
    // S3 signs the path as sent; every other service escapes it once more
    uriEscapePath: service !== "s3",
    applyChecksum: true,
  });
  return async (req) => {
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of req.url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const host = req.hostHeader ?? req.url.host;
    const headers: Record<string, string> = { host };
    for (const [n, v] of req.headers) headers[n.toLowerCase()] = v;
    const signed = await signer.sign({
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      ...(req.url.port ? { port: Number(req.url.port) } : {}),
      path: req.url.pathname,
      query,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    const out: [string, string][] = [];
    for (const [n, v] of Object.entries(signed.headers)) if (n !== "host") out.push([n, v]);
    return { ...req, hostHeader: host, headers: out };
  };
};
