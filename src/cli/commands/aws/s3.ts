// `why403 aws s3 s3://bucket/key`: reads the bucket's and the caller's configuration with the
// caller's own credentials (AWS SDK v3, loaded lazily) and explains the S3 verdict offline.
import { writeFile } from "node:fs/promises";
import { evaluate } from "../../../aws/iam/evaluate.js";
import { EXIT, reportFailure } from "../../errors.js";
import { useColor, type Io, type RegisterCommand } from "../../io.js";
import { renderVerdict, verdictJson } from "../../../render/render-verdict.js";

const S3_HELP = `
Reads, with the credentials of --profile (or the environment): who you are (sts get-caller-identity),
your IAM policies (iam get-account-authorization-details), the bucket policy, bucket and object ACLs,
Object Ownership, Block Public Access (account and bucket), whether the key exists and its SSE-KMS key
policy — then explains the verdict like 'why403 aws simulate'. Reads only; changes nothing.

Examples:
  why403 aws s3 s3://my-bucket/reports/q1.csv --profile dev
  why403 aws s3 s3://my-bucket/upload.bin --action s3:PutObject --region eu-west-1
  why403 aws s3 s3://my-bucket/x --save-input request.json    then: why403 aws simulate request.json

Exit codes: 0 a verdict was printed, 1 AWS could not be reached or read, 2 usage error.`;

interface S3Options {
  action: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  json?: boolean;
  saveInput?: string;
  color?: boolean;
  debug?: boolean;
}

const runS3 = async (url: string, opts: S3Options, io: Io): Promise<number> => {
  try {
    const { parseS3Url, gatherS3 } = await import("../../../aws/online/gather-s3.js");
    const { loadSdk } = await import("../../../aws/online/sdk.js");
    const target = parseS3Url(url);
    const gathered = await gatherS3(await loadSdk(), target, opts.action, {
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    });
    if (opts.saveInput) await writeFile(opts.saveInput, JSON.stringify(gathered.input, null, 2) + "\n");
    const verdict = evaluate(gathered.input);
    if (opts.json) {
      io.out(verdictJson(verdict, { gathered: gathered.notes, ...(gathered.headStatus !== undefined ? { headStatus: gathered.headStatus } : {}) }) + "\n");
    } else {
      io.out(renderVerdict(verdict, { color: useColor(io, opts.color) }));
      io.out(`   = gathered: ${gathered.headStatus !== undefined ? `HeadObject answered ${gathered.headStatus}; ` : ""}${gathered.notes.join("; ")}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    return reportFailure(io.err, url, e, opts.debug);
  }
};

export const registerAwsS3: RegisterCommand = (aws, io, setExit) => {
  aws
    .command("s3")
    .description("explain an S3 request's verdict from the live bucket and IAM configuration (reads only)")
    .argument("<url>", "s3://bucket/key")
    .option("--action <action>", "the S3 action to explain", "s3:GetObject")
    .option("--profile <name>", "AWS CLI profile whose credentials to use")
    .option("--region <region>", "AWS region")
    .option("--endpoint-url <url>", "custom endpoint (S3-compatible store, emulator)")
    .option("--save-input <file>", "also write the gathered simulate input to FILE")
    .option("--json", "print {decision, deciding, explain, fix, cause, gathered} as JSON")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", S3_HELP)
    .action(async (url: string, opts: S3Options) => setExit(await runS3(url, opts, io)));
};
