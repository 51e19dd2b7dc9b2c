// `why403 diagnose FILE|-`: offline diagnosis of saved responses, curl output, HAR files and CLI errors.
import { Option } from "commander";
import { diagnoseText, factsOfText } from "../../diagnose-text.js";
import { decodeInput } from "../../input/normalise.js";
import { INPUT_KINDS, type InputKind } from "../../model/exchange.js";
import type { Report } from "../../model/report.js";
import type { DiagnoseTextOptions } from "../../diagnose-text.js";
import { renderJson } from "../../render/render-json.js";
import { renderMarkdown } from "../../render/render-markdown.js";
import { renderText } from "../../render/render-text.js";
import { describeError, EXIT, formatFailure } from "../errors.js";
import { useColor, type Io, type RegisterCommand } from "../io.js";
import { readInput } from "../read-input.js";

type Format = "text" | "json" | "markdown";

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
  why403 diagnose --policies ./policies denied.txt   evaluate "User … is not authorized" against
                                                 ./policies/{authorization-details.json, identity/,
                                                 resource.json, scp/, rcp/, boundary.json, context.json}

Exit codes: 0 every input diagnosed, 1 some input failed, 2 usage error.
Secrets (Authorization, cookies, API keys, tokens, signed-URL signatures, JWTs) are replaced by
placeholders in every output unless --show-secrets; "redacted" lists what was hidden.`;

/** With --policies DIR: evaluate the denied request against DIR's policies and cite the deciding statement. */
const withPolicies = async (report: Report, text: string, dir: string, opts: DiagnoseTextOptions): Promise<Report> => {
  const { explainWithPolicies } = await import("../../aws/iam/diagnose-policies.js");
  return explainWithPolicies(report, factsOfText(text, opts), dir);
};

const runDiagnose = async (
  files: string[],
  opts: { json?: boolean; format?: Format; inputKind?: InputKind; showSecrets?: boolean; color?: boolean; debug?: boolean; policies?: string },
  io: Io,
): Promise<number> => {
  const format: Format = opts.json ? "json" : (opts.format ?? "text");
  let failed = 0;
  let first = true;
  for (const file of files) {
    try {
      const buf = await readInput(file);
      const text = decodeInput(buf);
      const textOpts: DiagnoseTextOptions = {
        file,
        ...(opts.inputKind ? { inputKind: opts.inputKind } : {}),
        ...(opts.showSecrets ? { showSecrets: true } : {}),
      };
      let report = diagnoseText(text, textOpts);
      if (opts.policies) report = await withPolicies(report, text, opts.policies, textOpts);
      if (format === "json") io.out(renderJson(report) + "\n");
      else {
        if (!first) io.out("\n");
        io.out(format === "markdown" ? renderMarkdown(report) : renderText(report, { color: useColor(io, opts.color) }));
      }
      first = false;
    } catch (e) {
      failed++;
      const f = describeError(e);
      if (opts.debug && e instanceof Error) io.err(`${e.stack ?? e.message}\n`);
      io.err(formatFailure(file, f) + "\n");
      if (format === "json") io.out(renderJson({ file, error: { code: f.code, message: f.message } }) + "\n");
    }
  }
  return failed > 0 ? EXIT.failed : EXIT.ok;
};

export const registerDiagnose: RegisterCommand = (program, io, setExit) => {
  program
    .command("diagnose")
    .description("diagnose saved responses, curl output, HAR files or CLI errors (offline)")
    .argument("<files...>", "files to read; - reads standard input")
    .option("--json", "one JSON object per input (JSON Lines), as in spec/report.md")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .addOption(new Option("--input-kind <kind>", "force the input kind instead of detecting it").choices([...INPUT_KINDS]))
    .option("--show-secrets", "keep credentials, cookies and tokens in the output")
    .option("--policies <dir>", "IAM policies to evaluate an AccessDenied against (see why403 aws simulate --help); cites the deciding statement")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", DIAGNOSE_HELP)
    .action(async (files: string[], opts: Parameters<typeof runDiagnose>[1]) => setExit(await runDiagnose(files, opts, io)));
};
