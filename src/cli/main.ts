// The command line: argument parsing, reading files, printing. Decides nothing itself.
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { diagnoseText } from "../diagnose-text.js";
import { decodeInput } from "../input/normalise.js";
import { loadCatalog } from "../knowledge/catalog.js";
import { INPUT_KINDS, type InputKind } from "../model/exchange.js";
import { WhyError } from "../model/errors.js";
import { isCauseId, isResponderId, CAUSE_SUMMARY, RESPONDER_SUMMARY } from "../model/taxonomy.js";
import { renderJson } from "../render/render-json.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { renderText } from "../render/render-text.js";
import { renderCausePage, renderResponderPage } from "../render/render-explain.js";
import { describeError, EXIT, formatFailure } from "./errors.js";
import { readInput } from "./read-input.js";

type Format = "text" | "json" | "markdown";

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const version = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "0.0.0-unknown";
  }
};

const useColor = (io: Io, flag: boolean | undefined): boolean => flag ?? (io.isTTY && !process.env.NO_COLOR && process.env.TERM !== "dumb");

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

Exit codes: 0 every input diagnosed, 1 some input failed, 2 usage error.
Secrets (Authorization, cookies, API keys, tokens, signed-URL signatures, JWTs) are replaced by
placeholders in every output unless --show-secrets; "redacted" lists what was hidden.`;

const EXPLAIN_HELP = `
Examples:
  why403 explain no-allow          what "no policy allows" means, how to fix and verify it
  why403 explain aws-cloudfront    how to tell CloudFront wrote a 403, and the causes it produces
  why403 explain --list            every responder and cause id`;

const runDiagnose = async (
  files: string[],
  opts: { json?: boolean; format?: Format; inputKind?: InputKind; showSecrets?: boolean; color?: boolean; debug?: boolean },
  io: Io,
): Promise<number> => {
  const format: Format = opts.json ? "json" : (opts.format ?? "text");
  let failed = 0;
  let first = true;
  for (const file of files) {
    try {
      const buf = await readInput(file);
      const text = decodeInput(buf);
      const report = diagnoseText(text, {
        file,
        ...(opts.inputKind ? { inputKind: opts.inputKind } : {}),
        ...(opts.showSecrets ? { showSecrets: true } : {}),
      });
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

const runExplain = (id: string | undefined, opts: { list?: boolean; json?: boolean; color?: boolean }, io: Io): number => {
  const catalog = loadCatalog();
  if (opts.list || !id) {
    if (opts.json) {
      io.out(JSON.stringify({ responders: [...catalog.responders.keys()].sort(), causes: [...catalog.causes.keys()].sort() }) + "\n");
      return EXIT.ok;
    }
    const lines = ["Responders (who said no):"];
    for (const r of [...catalog.responders.keys()].sort()) lines.push(`  ${r.padEnd(24)} ${RESPONDER_SUMMARY[r]}`);
    lines.push("", "Causes (why):");
    for (const c of [...catalog.causes.keys()].sort()) lines.push(`  ${c.padEnd(24)} ${CAUSE_SUMMARY[c]}`);
    io.out(lines.join("\n") + "\n");
    return id || opts.list ? EXIT.ok : EXIT.usage;
  }
  const color = useColor(io, opts.color);
  const cause = isCauseId(id) ? catalog.causes.get(id) : undefined;
  const responder = isResponderId(id) ? catalog.responders.get(id) : undefined;
  if (!cause && !responder) throw new WhyError("UNKNOWN_ID", `no responder or cause is called "${id}"`);
  if (opts.json) {
    io.out(JSON.stringify(cause ?? responder, (_k, v: unknown) => (v instanceof RegExp ? v.source : v)) + "\n");
    return EXIT.ok;
  }
  // an id that is both a responder and a cause ("unknown") shows both pages
  if (responder) io.out(renderResponderPage(responder, color));
  if (cause) {
    const usedBy = [...catalog.responders.values()].filter((r) => r.causes[cause.id]).map((r) => r.id);
    if (responder) io.out("\n");
    io.out(renderCausePage(cause, usedBy, color));
  }
  return EXIT.ok;
};

export const buildProgram = (io: Io, setExit: (code: number) => void): Command => {
  const program = new Command()
    .name("why403")
    .description("Finds which layer answered 403 Forbidden, why, what to change and how to verify the fix.")
    .version(version(), "-V, --version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(why403 --help shows every command)")
    .addHelpText(
      "after",
      `
Examples:
  why403 diagnose case.txt                     a saved response, curl -i/-v output or CLI error
  curl -sv https://example.com/x 2>&1 | why403 diagnose -
  why403 diagnose --json session.har           HAR export from the browser, as JSON
  why403 explain --list                        every responder and cause it knows
  why403 explain aws-s3                        how to tell S3 wrote a 403, and its causes

Exit codes: 0 diagnosed, 1 some input failed, 2 usage error.`,
    );
  program
    .command("diagnose")
    .description("diagnose saved responses, curl output, HAR files or CLI errors (offline)")
    .argument("<files...>", "files to read; - reads standard input")
    .option("--json", "one JSON object per input (JSON Lines), as in spec/report.md")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .addOption(new Option("--input-kind <kind>", "force the input kind instead of detecting it").choices([...INPUT_KINDS]))
    .option("--show-secrets", "keep credentials, cookies and tokens in the output")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", DIAGNOSE_HELP)
    .action(async (files: string[], opts: Parameters<typeof runDiagnose>[1]) => setExit(await runDiagnose(files, opts, io)));
  program
    .command("explain")
    .description("the knowledge page of a cause or responder id")
    .argument("[id]", "a cause or responder id (see --list)")
    .option("--list", "list every id")
    .option("--json", "the catalog entry as JSON")
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour")
    .addHelpText("after", EXPLAIN_HELP)
    .action((id: string | undefined, opts: Parameters<typeof runExplain>[1]) => setExit(runExplain(id, opts, io)));
  return program;
};

/** Runs the CLI with argv (as process.argv) and returns the exit code. */
export const run = async (argv: string[], io?: Partial<Io>): Promise<number> => {
  const full: Io = {
    out: io?.out ?? ((s) => void process.stdout.write(s)),
    err: io?.err ?? ((s) => void process.stderr.write(s)),
    isTTY: io?.isTTY ?? Boolean(process.stdout.isTTY),
  };
  let code: number = EXIT.ok;
  const program = buildProgram(full, (c) => (code = c));
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    const f = describeError(e);
    full.err(`why403: error[${f.code}]: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}\n`);
    return f.code === "UNKNOWN_ID" ? EXIT.usage : EXIT.failed;
  }
};
