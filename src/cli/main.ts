// The command line: argument parsing, reading files, printing. Decides nothing itself.
import { Command, CommanderError } from "commander";
import { describeError, EXIT } from "./errors.js";
import type { Io, RegisterCommand } from "./io.js";
import { packageVersion } from "./package-root.js";

/**
 * Every subcommand, one module each, loaded only when needed (the command line names one: only it
 * loads, so `logs` starts without the diagnosis engine and its catalog); a new command adds one line.
 */
const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  diagnose: async () => (await import("./commands/diagnose.js")).registerDiagnose,
  explain: async () => (await import("./commands/explain.js")).registerExplain,
  redact: async () => (await import("./commands/redact.js")).registerRedact,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  aws: async () => (await import("./commands/aws.js")).registerAws,
  inspect: async () => (await import("./commands/inspect.js")).registerInspect,
  probe: async () => (await import("./commands/probe.js")).registerProbe,
  logs: async () => (await import("./commands/logs.js")).registerLogs,
};

/** The subcommand argv names, if it names one. */
const commandNamed = (argv: readonly string[]): string | undefined => {
  const first = argv[2];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
};

const isUrl = (s: string | undefined): boolean => !!s && /^https?:\/\//i.test(s);
const ROOT_FLAGS = new Set(["-h", "--help", "-V", "--version"]);

/**
 * `why403 URL [flags]` (or curl-style `why403 -H ... URL`) is `why403 probe URL [flags]`: commander
 * would otherwise read the URL as an unknown command.
 */
export const rewriteUrlArgv = (argv: string[]): string[] => {
  const first = argv[2];
  if (isUrl(first)) return [...argv.slice(0, 2), "probe", ...argv.slice(2)];
  if (first?.startsWith("-") && !ROOT_FLAGS.has(first) && argv.slice(3).some(isUrl)) return [...argv.slice(0, 2), "probe", ...argv.slice(2)];
  return argv;
};

/** The program with the command argv names (none for --version), or every command (help, a typo, no command). */
export const buildProgram = async (io: Io, setExit: (code: number) => void, argv: readonly string[] = []): Promise<Command> => {
  const program = new Command()
    .name("why403")
    .description("Finds which layer answered 403 Forbidden, why, what to change and how to verify the fix.")
    .version(packageVersion(), "-V, --version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError("(why403 --help shows every command)")
    .addHelpText(
      "after",
      `
Examples:
  why403 https://example.com/admin/            probe live: replay, vary, explain (curl flags work)
  why403 diagnose case.txt                     a saved response, curl -i/-v output or CLI error
  curl -sv https://example.com/x 2>&1 | why403 diagnose -
  why403 diagnose --json session.har           HAR export from the browser, as JSON
  why403 explain --list                        every responder and cause it knows
  why403 explain aws-s3                        how to tell S3 wrote a 403, and its causes
  why403 serve                                 the same in a local web page
  why403 aws simulate request.json             which IAM policy statement allows or denies a request
  why403 aws cloudfront URL --config dist.json  why CloudFront would refuse this URL (API Gateway: why403 aws apigateway)
  why403 inspect URL|FILE                      a signed URL, SigV4 header or JWT: expiry, skew, scope

Exit codes: 0 diagnosed, 1 some input failed, 2 usage error.`,
    );
  const command = commandNamed(argv);
  const named = argv[2] === "-V" || argv[2] === "--version" ? [] : command ? [command] : Object.keys(COMMANDS);
  for (const register of await Promise.all(named.map((c) => COMMANDS[c]!()))) register(program, io, setExit);
  return program;
};

/** Runs the CLI with argv (as process.argv) and returns the exit code. */
export const run = async (argv: string[], io?: Partial<Io>): Promise<number> => {
  const full: Io = {
    out: io?.out ?? ((s) => void process.stdout.write(s)),
    err: io?.err ?? ((s) => void process.stderr.write(s)),
    isTTY: io?.isTTY ?? Boolean(process.stdout.isTTY),
    errIsTTY: io?.errIsTTY ?? Boolean(process.stderr.isTTY),
  };
  let code: number = EXIT.ok;
  const args = rewriteUrlArgv(argv);
  const program = await buildProgram(full, (c) => (code = c), args);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(args);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    const f = describeError(e, commandNamed(args));
    full.err(`why403: error[${f.code}]: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}\n`);
    return f.code === "UNKNOWN_ID" || f.code === "USAGE" ? EXIT.usage : EXIT.failed;
  }
};
