// `why403 aws simulate FILE.json`: evaluates a request against its policies offline and names the
// deciding statements. FILE is a simulate file, or `aws iam get-account-authorization-details`
// output plus --principal/--action/--resource (and a resource policy file).
import { basename } from "node:path";
import { fromAuthorizationDetails, isAuthorizationDetails } from "../../../aws/iam/authorization-details.js";
import { evaluate } from "../../../aws/iam/evaluate.js";
import type { ContextValue, NamedPolicy, SimulateInput } from "../../../aws/iam/types.js";
import { WhyError } from "../../../model/errors.js";
import { renderVerdict, verdictJson } from "../../../render/render-verdict.js";
import { describeError, EXIT, reportFailure } from "../../errors.js";
import { useColor, type Io, type RegisterCommand } from "../../io.js";
import { readInput } from "../../../io/open-input.js";

const SIMULATE_HELP = `
FILE is JSON in the simulate format:
  {
    "request": {
      "principal": "arn:aws:sts::111122223333:assumed-role/App/session",   (or "anonymous")
      "action": "s3:GetObject",
      "resource": "arn:aws:s3:::my-bucket/report.csv",
      "resourceAccount": "111122223333",
      "context": { "aws:SecureTransport": "true", "aws:SourceIp": "203.0.113.7" }
    },
    "policies": {
      "identity": [ {"name": "AppRead", "document": { "Version": "2012-10-17", "Statement": [] }} ],
      "resource": { ...bucket policy... } | null,
      "scp": [ root, OU, account ],  "rcp": [ ... ],
      "boundary": null,  "session": null
    },
    "sameAccount": true,
    "settings": { "s3": { "blockPublicAccess": { "account": {"RestrictPublicBuckets": true} } } }
  }
A policy is a document or {"name", "document"}; the name is what verdicts cite. The context is
complete: a key not listed is absent (conditions on it behave as AWS documents for absent keys).

Or FILE is the output of 'aws iam get-account-authorization-details'; then give the request:
  why403 aws simulate details.json --principal arn:aws:iam::111122223333:user/alice \\
      --action s3:PutObject --resource arn:aws:s3:::my-bucket/x --resource-policy bucket-policy.json \\
      --context aws:SourceIp=203.0.113.7

Examples:
  why403 aws simulate request.json
  why403 aws simulate --json request.json | jq .decision

Exit codes: 0 a verdict was printed (Allow or a denial), 1 the input is invalid, 2 usage error.`;

interface SimulateOptions {
  json?: boolean;
  color?: boolean;
  debug?: boolean;
  principal?: string;
  action?: string;
  resource?: string;
  resourcePolicy?: string;
  scp?: string[];
  rcp?: string[];
  sessionPolicy?: string;
  context?: string[];
}

const readJson = async (file: string): Promise<unknown> => {
  const text = (await readInput(file)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WhyError("SIMULATE_INVALID", `not valid JSON: ${(e as Error).message}`, { file });
  }
};

const policyFile = async (file: string): Promise<NamedPolicy> => ({ name: basename(file), document: (await readInput(file)).toString("utf8") });

/** --context key=value, repeated; a key given twice becomes a multivalued key. */
const readContextFlags = (flags: string[] | undefined): Record<string, ContextValue> => {
  const ctx: Record<string, ContextValue> = {};
  for (const f of flags ?? []) {
    const at = f.indexOf("=");
    if (at <= 0) throw new WhyError("USAGE", `--context expects key=value, got "${f}"`);
    const key = f.slice(0, at);
    const value = f.slice(at + 1);
    const prev = ctx[key];
    ctx[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return ctx;
};

const buildInput = async (file: string, opts: SimulateOptions): Promise<SimulateInput> => {
  const data = await readJson(file);
  if (!isAuthorizationDetails(data)) return data as SimulateInput;
  if (!opts.principal || !opts.action || !opts.resource) {
    throw new WhyError("USAGE", "authorization details need --principal, --action and --resource");
  }
  return fromAuthorizationDetails(data, {
    principal: opts.principal,
    action: opts.action,
    resource: opts.resource,
    context: readContextFlags(opts.context),
    resourcePolicy: opts.resourcePolicy ? await policyFile(opts.resourcePolicy) : null,
    scp: await Promise.all((opts.scp ?? []).map(policyFile)),
    rcp: await Promise.all((opts.rcp ?? []).map(policyFile)),
    session: opts.sessionPolicy ? await policyFile(opts.sessionPolicy) : null,
  });
};

const runSimulate = async (file: string, opts: SimulateOptions, io: Io): Promise<number> => {
  try {
    const verdict = evaluate(await buildInput(file, opts));
    if (opts.json) io.out(verdictJson(verdict) + "\n");
    else io.out(renderVerdict(verdict, { color: useColor(io, opts.color) }));
    return EXIT.ok;
  } catch (e) {
    if (opts.json) {
      const f = describeError(e);
      io.out(JSON.stringify({ file, error: { code: f.code, message: f.message } }) + "\n");
    }
    return reportFailure(io.err, file, e, opts.debug);
  }
};

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerAwsSimulate: RegisterCommand = (aws, io, setExit) => {
  aws
    .command("simulate")
    .description("evaluate a request against IAM policies and name the deciding statement")
    .argument("<file>", "simulate JSON, or get-account-authorization-details output; - reads standard input")
    .option("--json", "print {decision, deciding, explain, fix} as JSON")
    .option("--principal <arn>", "with authorization details: the caller (user, role or assumed-role session ARN)")
    .option("--action <action>", "with authorization details: the action, e.g. s3:GetObject")
    .option("--resource <arn>", "with authorization details: the resource ARN")
    .option("--resource-policy <file>", "with authorization details: the resource's policy (bucket policy, key policy …)")
    .option("--bucket-policy <file>", "alias of --resource-policy")
    .option("--scp <file>", "with authorization details: an SCP, one per OU level (repeat)", collect)
    .option("--rcp <file>", "with authorization details: an RCP, one per OU level (repeat)", collect)
    .option("--session-policy <file>", "with authorization details: the session policy")
    .option("--context <key=value>", "with authorization details: a request context key (repeat)", collect)
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", SIMULATE_HELP)
    .action(async (file: string, opts: SimulateOptions & { bucketPolicy?: string }) => {
      const resourcePolicy = opts.resourcePolicy ?? opts.bucketPolicy;
      setExit(await runSimulate(file, { ...opts, ...(resourcePolicy ? { resourcePolicy } : {}) }, io));
    });
};
