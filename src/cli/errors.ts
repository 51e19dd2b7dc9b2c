// Maps a WhyError code to one line, a hint and an exit code. Stack traces only with --debug.
import { isWhyError, type ErrorCode } from "../model/errors.js";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const HINTS: Partial<Record<ErrorCode, string>> = {
  FILE_NOT_FOUND: "check the path; use - to read standard input",
  FILE_IS_DIRECTORY: "pass the files inside it, e.g. why403 diagnose dir/*.txt",
  INPUT_EMPTY: "paste the whole response: status line, headers and body (curl -si URL)",
  INPUT_BINARY: "give the text of the response; for a HAR export the .har file itself",
  INPUT_UNRECOGNISED: "capture the response with curl -sv URL 2>&1 and diagnose that",
  HAR_INVALID: "re-export the HAR from the browser's network panel (Save all as HAR)",
  NO_DENIAL: "why403 explains 403s and the 401/404/429 answers that can hide one",
  UNKNOWN_ID: "why403 explain --list shows every id",
  HOST_NOT_FOUND: "check the spelling, or pass --resolve HOST:PORT:ADDRESS to choose the address",
  CONNECTION_FAILED: "check the port and that the server or the --proxy is up; --connect-to/--resolve choose another address",
  TLS_FAILED: "fix the certificate chain or the name it covers; -k skips verification for a test",
  TIMEOUT: "the server may drop requests from here; --max-time and --connect-timeout give it longer",
  PROXY_FAILED: "check -x/--proxy; a proxy that refuses CONNECT denies this host or port by its ACL",
  SERVER_ERROR: "a 5xx is a failure, not a refusal: read the server's or the gateway's error log",
  AWS_CREDENTIALS: "set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile",
  AWS_UNAVAILABLE: "check --profile, --region and --endpoint-url, and that the credentials are valid",
  CONFIG_INVALID: "save the command's JSON output unchanged (aws … --output json > file.json)",
  TOKEN_UNRECOGNISED: "pass the whole URL, the Authorization header line, the Cookie header or the JWT itself",
  POLICY_INVALID: "fix the named field; the IAM policy validator (aws accessanalyzer validate-policy) shows the same",
  SIMULATE_INVALID: "see why403 aws simulate --help for the file format",
  INPUT_IS_LOG: "run why403 logs FILE for access and error logs",
  PORT_IN_USE: "choose another --port, or leave it out for a free random one",
};

/** Where a command's advice differs from the default one. */
const COMMAND_HINTS: Readonly<Record<string, Partial<Record<ErrorCode, string>>>> = {
  logs: {
    INPUT_UNRECOGNISED: "why403 logs --help lists the formats it reads; --input-format names one when detection fails",
    FILE_NOT_FOUND: "check the path; quote globs ('logs/**/*.gz') so that why403 expands them; use - for standard input",
  },
};

export interface CliFailure {
  code: string;
  message: string;
  hint?: string;
}

/** The advice for an error code, the command's own where it has one. */
const hintFor = (code: ErrorCode, command: string | undefined): string | undefined => {
  if (code === "USAGE") return command ? `why403 ${command} --help lists its flags` : "add --help to the command to list its flags";
  return (command ? COMMAND_HINTS[command]?.[code] : undefined) ?? HINTS[code];
};

/** `command`: the subcommand that ran, whose advice the hint gives. */
export const describeError = (e: unknown, command?: string): CliFailure => {
  if (isWhyError(e)) {
    const hint = hintFor(e.code, command);
    return { code: e.code, message: e.message, ...(hint ? { hint } : {}) };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return { code: "FILE_NOT_FOUND", message: "the file does not exist", hint: HINTS.FILE_NOT_FOUND! };
  if (err?.code === "EISDIR") return { code: "FILE_IS_DIRECTORY", message: "a directory was given where a file is expected" };
  if (err?.code === "EACCES") return { code: "FILE_UNREADABLE", message: "permission denied reading the file" };
  return { code: "INTERNAL", message: err?.message?.split("\n")[0] ?? String(e) };
};

export const formatFailure = (file: string, f: CliFailure): string =>
  `why403: error[${f.code}]: ${file}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}`;

/** Prints one failure line (and the stack with --debug); returns the exit code for it. */
export const reportFailure = (err: (s: string) => void, label: string, e: unknown, debug?: boolean): number => {
  const f = describeError(e);
  if (debug && e instanceof Error) err(`${e.stack ?? e.message}\n`);
  err(formatFailure(label, f) + "\n");
  return f.code === "USAGE" ? EXIT.usage : EXIT.failed;
};
