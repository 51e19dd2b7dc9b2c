// `why403 aws decode MESSAGE|FILE|-`: an "Encoded authorization failure message" (EC2 and other
// services) decoded with sts decode-authorization-message when credentials are at hand — or its
// decoded JSON — explained; with --policies DIR, evaluated against those policies too.
import { existsSync } from "node:fs";
import { readAuthorizationInput, requestOf, verdictOfMessage, type DecodedMessage } from "../../../aws/iam/authorization-message.js";
import { evaluate } from "../../../aws/iam/evaluate.js";
import type { Verdict } from "../../../aws/iam/types.js";
import { WhyError } from "../../../model/errors.js";
import { renderVerdict, verdictJson } from "../../../render/render-verdict.js";
import { EXIT, reportFailure } from "../../errors.js";
import { useColor, type Io, type RegisterCommand } from "../../io.js";
import { readInput } from "../../../io/open-input.js";

const DECODE_HELP = `
Give the whole error text, the encoded message alone, or the JSON that
'aws sts decode-authorization-message' printed. An encoded message is decoded with your credentials
(--profile, or the environment); decoding needs sts:DecodeAuthorizationMessage.

Examples:
  why403 aws decode error.txt
  aws ec2 run-instances ... 2>&1 | why403 aws decode -
  why403 aws decode decoded.json --policies ./policies     which statement in ./policies decides

Exit codes: 0 a verdict was printed, 1 the message could not be read or decoded, 2 usage error.`;

interface DecodeOptions {
  json?: boolean;
  policies?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  color?: boolean;
  debug?: boolean;
}

const decodeOnline = async (encoded: string, opts: DecodeOptions): Promise<DecodedMessage> => {
  const { loadSdk, clientConfig, read } = await import("../../../aws/online/sdk.js");
  const sdk = await loadSdk();
  const client = new sdk.sts.STSClient(clientConfig({ ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.region ? { region: opts.region } : {}), ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}) }));
  const r = await read(() => client.send(new sdk.sts.DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })));
  if (!r.ok || !r.value.DecodedMessage) {
    throw new WhyError("AWS_UNAVAILABLE", `sts decode-authorization-message failed (${r.ok ? "empty answer" : r.error}); decode it where you have sts:DecodeAuthorizationMessage and pass the JSON`);
  }
  return JSON.parse(r.value.DecodedMessage) as DecodedMessage;
};

const runDecode = async (arg: string, opts: DecodeOptions, io: Io): Promise<number> => {
  try {
    const text = arg === "-" || existsSync(arg) ? (await readInput(arg)).toString("utf8") : arg;
    const given = readAuthorizationInput(text);
    const message = "decoded" in given ? given.decoded : await decodeOnline(given.encoded, opts);
    const aws = verdictOfMessage(message);
    let verdict: Verdict = aws;
    if (opts.policies) {
      const { inputFromDirectory, loadPolicyDirectory } = await import("../../../aws/iam/policy-dir.js");
      const request = requestOf(message);
      verdict = evaluate(inputFromDirectory(loadPolicyDirectory(opts.policies), { ...request, context: request.context ?? {} }));
      const same = verdict.decision === aws.decision;
      verdict = { ...verdict, explain: [...verdict.explain, same ? `AWS's decoded message agrees: ${aws.decision}` : `AWS's decoded message says ${aws.decision}: the policies in ${opts.policies} may not be the current ones`] };
    }
    if (opts.json) io.out(verdictJson(verdict, { request: requestOf(message) }) + "\n");
    else io.out(renderVerdict(verdict, { color: useColor(io, opts.color) }));
    return EXIT.ok;
  } catch (e) {
    return reportFailure(io.err, arg.length > 60 ? `${arg.slice(0, 57)}…` : arg, e, opts.debug);
  }
};

export const registerAwsDecode: RegisterCommand = (aws, io, setExit) => {
  aws
    .command("decode")
    .description("explain an encoded authorization failure message (decodes it with STS when needed)")
    .argument("<message>", "the message, a file holding it (or the decoded JSON), or - for standard input")
    .option("--policies <dir>", "evaluate the decoded request against these policies (layout: why403 diagnose --help)")
    .option("--profile <name>", "AWS CLI profile whose credentials decode the message")
    .option("--region <region>", "AWS region")
    .option("--endpoint-url <url>", "custom STS endpoint")
    .option("--json", "print {decision, deciding, explain, fix, cause, request} as JSON")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", DECODE_HELP)
    .action(async (arg: string, opts: DecodeOptions) => setExit(await runDecode(arg, opts, io)));
};
