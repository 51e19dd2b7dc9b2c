// `why403 inspect STRING|FILE`: presigned URLs, SigV4 headers, CloudFront signed URLs and
// cookies, JWTs and SignatureDoesNotMatch bodies, judged against the clock and the request.
import { stat } from "node:fs/promises";
import { decodeInput } from "../../input/normalise.js";
import { inspectText } from "../../inspect/inspect.js";
import { WhyError } from "../../model/errors.js";
import { addOutputOptions, runCheck, type OutputOptions } from "../check-command.js";
import type { RegisterCommand } from "../io.js";
import { readInput } from "../../io/open-input.js";

const HELP = `
What it reads (from the argument itself, a file, or - for standard input):
  a presigned S3 URL                 https://b.s3.eu-west-1.amazonaws.com/k?X-Amz-Algorithm=…
  a CloudFront signed URL            https://d111111abcdef8.cloudfront.net/v.mp4?Expires=…&Signature=…&Key-Pair-Id=…
  CloudFront signed cookies          'Cookie: CloudFront-Policy=…; CloudFront-Signature=…; CloudFront-Key-Pair-Id=…'
  a SigV4 Authorization header       curl -v output, or 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'
  a JWT                              eyJ… or 'Authorization: Bearer eyJ…'
  an S3 SignatureDoesNotMatch body   with --canonical FILE: your canonical request (or the SDK debug log)

It reports when each was signed and until when it is valid (against now and, in curl -v output,
the server's Date), the region and service of the signature against the host, the session
token, signed headers, JWT exp/nbf/iat/aud/iss/scope/alg, and for SignatureDoesNotMatch the first
line of the canonical request that differs. Signatures and keys are never printed.

Examples:
  why403 inspect 'https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/a.pdf?X-Amz-Algorithm=…'
  curl -sv https://api.example.com/x -H "Authorization: Bearer $TOKEN" 2>&1 | why403 inspect - --audience api://orders
  why403 inspect error.xml --canonical boto-debug.log
  why403 inspect signed-url.txt --public-key public_key.pem --json

Exit codes: 0 inspected, 1 nothing recognisable or unreadable input, 2 usage error.`;

interface InspectOptions extends OutputOptions {
  canonical?: string;
  publicKey?: string;
  audience?: string[];
  issuer?: string;
  scope?: string[];
  leeway?: string;
  viewerIp?: string;
  now?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The argument is a file when one exists at that path; otherwise it is the text itself. */
const readSubject = async (arg: string): Promise<string> => {
  if (arg === "-") return decodeInput(await readInput(arg));
  const isFile = await stat(arg).then((s) => s.isFile(), () => false);
  return isFile ? decodeInput(await readInput(arg)) : arg;
};

const readText = async (file: string): Promise<string> => decodeInput(await readInput(file));

const runInspect = async (arg: string, subject: string, opts: InspectOptions) => {
  const now = opts.now ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new WhyError("USAGE", `--now expects an ISO date such as 2026-01-31T12:00:00Z, got "${opts.now}"`);
  const leeway = opts.leeway !== undefined ? Number(opts.leeway) : undefined;
  if (leeway !== undefined && !(leeway >= 0)) throw new WhyError("USAGE", "--leeway expects seconds (0 or more)");
  const expect = {
    ...(opts.issuer ? { issuer: opts.issuer } : {}),
    ...(opts.audience ? { audience: opts.audience } : {}),
    ...(opts.scope ? { scopes: opts.scope } : {}),
  };
  return inspectText({
    text: await readSubject(arg),
    file: subject,
    now,
    ...(opts.canonical ? { canonical: await readText(opts.canonical) } : {}),
    ...(opts.publicKey ? { publicKey: await readText(opts.publicKey) } : {}),
    ...(Object.keys(expect).length > 0 ? { expect } : {}),
    ...(opts.viewerIp ? { viewerIp: opts.viewerIp } : {}),
    ...(leeway !== undefined ? { leeway } : {}),
    ...(opts.showSecrets ? { showSecrets: true } : {}),
  });
};

export const registerInspect: RegisterCommand = (program, io, setExit) => {
  const cmd = program
    .command("inspect")
    .description("decode signed URLs, signed cookies, SigV4 headers and JWTs: expiry, skew, scope (no secret needed)")
    .argument("<input>", "the string itself, a file holding it, or - for standard input")
    .option("--canonical <file>", "your canonical request / string to sign, or an SDK debug log, to compare with S3's")
    .option("--public-key <file>", "public key (PEM, JWK or JWKS) to verify a CloudFront signature or a JWT")
    .option("--audience <aud>", "an audience the verifier accepts (repeatable)", collect)
    .option("--issuer <iss>", "the issuer the verifier expects")
    .option("--scope <scope>", "a scope the route requires (repeatable)", collect)
    .option("--leeway <seconds>", "clock tolerance of the JWT verifier (default 0)")
    .option("--viewer-ip <ip>", "the viewer's IP, for a CloudFront custom policy's IpAddress")
    .option("--now <iso>", "judge times against this instant instead of the clock");
  addOutputOptions(cmd);
  cmd.addHelpText("after", HELP).action(async (arg: string, opts: InspectOptions) => {
    // a secret passed as the argument must not be echoed back as the report's file name
    const subject = (await stat(arg).then(() => true, () => false)) || arg === "-" ? arg : "(argument)";
    setExit(await runCheck(subject, opts, io, () => runInspect(arg, subject, opts)));
  });
};
