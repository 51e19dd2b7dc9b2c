// `why403 diagnose FILE|-`: offline diagnosis of saved responses, curl output, HAR files and CLI errors.
import { Option } from "commander";
import { diagnosePrepared, diagnoseText, factsOfPrepared, prepareInput } from "../../diagnose-text.js";
import { decodeInput } from "../../input/normalise.js";
import { INPUT_KINDS, type InputKind } from "../../model/exchange.js";
import type { Report, ReportError } from "../../model/report.js";
import { renderJson } from "../../render/render-json.js";
import { renderSarif } from "../../render/render-sarif.js";
import { printReport } from "../print-report.js";
import { describeError, EXIT, formatFailure } from "../errors.js";
import type { Io, RegisterCommand } from "../io.js";
import { collectChunks, openInput } from "../../io/open-input.js";
import { progressFor } from "../progress.js";
import { diagnoseHarStream } from "../../diagnose-har.js";
import { packageVersion } from "../package-root.js";

type Format = "text" | "json" | "markdown" | "sarif";

const DIAGNOSE_HELP = `
What you can give it (the kind is detected; --input-kind forces it):
  a raw HTTP response or curl -i output     curl -si https://example.com/x > case.txt
  curl -v output (HTTP/1.1 or HTTP/2)        curl -sv https://example.com/x 2> case.txt
  a HAR export from the browser              why403 diagnose session.har
  a bare body (HTML, JSON, XML, text)        pbpaste | why403 diagnose -
  an AWS CLI / SDK error, a log line         aws s3 cp s3://b/k . 2>&1 | why403 diagnose -

Examples:
  why403 diagnose case.txt
  why403 diagnose --json a.txt b.txt c.har      one JSON object per line
  curl -sv https://example.com/admin 2>&1 | why403 diagnose -
  why403 diagnose --format markdown case.txt > issue-comment.md
  why403 diagnose --format sarif captures/*.txt > why403.sarif   for GitHub code scanning
  why403 diagnose --policies ./policies denied.txt   evaluate "User … is not authorized" against
                                                 ./policies/{authorization-details.json, identity/,
                                                 resource.json, scp/, rcp/, boundary.json, context.json}

Exit codes: 0 every input diagnosed, 1 some input failed, 2 usage error.
Secrets (Authorization, cookies, API keys, tokens, signed-URL signatures, JWTs) are replaced by
placeholders in every output unless --show-secrets; "redacted" lists what was hidden.`;

interface DiagnoseFlags {
  json?: boolean;
  format?: Format;
  inputKind?: InputKind;
  showSecrets?: boolean;
  all?: boolean;
  color?: boolean;
  debug?: boolean;
  policies?: string;
}

/** One input to one report: a HAR is streamed (with a progress bar on a terminal), the rest read whole. */
const diagnoseFile = async (file: string, opts: DiagnoseFlags, io: Io): Promise<Report> => {
  const opened = await openInput(file);
  const common = { file, ...(opts.showSecrets ? { showSecrets: true } : {}), ...(opts.all ? { all: true } : {}) };
  if (opened.kind === "har-stream" && (opts.inputKind ?? "har") === "har") {
    const bar = progressFor(io, opened.size, "entries");
    try {
      return await diagnoseHarStream(opened.chunks, { ...common, ...(bar ? { onProgress: (n: number) => bar.update(opened.bytesRead(), n) } : {}) });
    } finally {
      bar?.done();
    }
  }
  const buf = opened.kind === "bytes" ? opened.buf : await collectChunks(opened.chunks);
  const textOpts = { ...common, ...(opts.inputKind ? { inputKind: opts.inputKind } : {}) };
  if (!opts.policies) return diagnoseText(decodeInput(buf), textOpts);
  // --policies: evaluate the denied request the input names against DIR and cite the deciding statement
  const prepared = prepareInput(decodeInput(buf), textOpts);
  const { explainWithPolicies } = await import("../../aws/iam/diagnose-policies.js");
  return explainWithPolicies(diagnosePrepared(prepared), factsOfPrepared(prepared), opts.policies);
};

const runDiagnose = async (files: string[], opts: DiagnoseFlags, io: Io): Promise<number> => {
  const format: Format = opts.json ? "json" : (opts.format ?? "text");
  let failed = 0;
  let first = true;
  // SARIF is one document for all inputs: collected, printed at the end
  const sarif: (Report | ReportError)[] = [];
  for (const file of files) {
    try {
      const report = await diagnoseFile(file, opts, io);
      if (format === "sarif") sarif.push(report);
      else {
        if (!first && format !== "json") io.out("\n");
        printReport(report, { format, ...(opts.color !== undefined ? { color: opts.color } : {}) }, io);
      }
      first = false;
    } catch (e) {
      failed++;
      const f = describeError(e, "diagnose");
      if (opts.debug && e instanceof Error) io.err(`${e.stack ?? e.message}\n`);
      io.err(formatFailure(file, f) + "\n");
      if (format === "json") io.out(renderJson({ file, error: { code: f.code, message: f.message } }) + "\n");
      if (format === "sarif") sarif.push({ file, error: { code: f.code, message: f.message } });
    }
  }
  if (format === "sarif") io.out(renderSarif(sarif, { toolVersion: packageVersion() }) + "\n");
  return failed > 0 ? EXIT.failed : EXIT.ok;
};

export const registerDiagnose: RegisterCommand = (program, io, setExit) => {
  program
    .command("diagnose")
    .description("diagnose saved responses, curl output, HAR files or CLI errors (offline)")
    .argument("<files...>", "files to read; - reads standard input")
    .option("--json", "one JSON object per input (JSON Lines), as in spec/report.md")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown", "sarif"]).default("text"))
    .addOption(new Option("--input-kind <kind>", "force the input kind instead of detecting it").choices([...INPUT_KINDS]))
    .option("--show-secrets", "keep credentials, cookies and tokens in the output")
    .option("--all", "HAR: list every denied entry, not only the groups")
    .option("--policies <dir>", "IAM policies to evaluate an AccessDenied against; cites the deciding statement")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", DIAGNOSE_HELP)
    .action(async (files: string[], opts: DiagnoseFlags) => setExit(await runDiagnose(files, opts, io)));
};
