// Coded errors: parsers and loaders throw these; the CLI maps a code to one line + hint + exit.

export const ERROR_CODES = {
  FILE_NOT_FOUND: "the file does not exist",
  FILE_IS_DIRECTORY: "a directory was given where a file is expected",
  FILE_UNREADABLE: "the file cannot be read",
  INPUT_EMPTY: "the input is empty",
  INPUT_BINARY: "the input is binary, not text",
  INPUT_TOO_LARGE: "the input is larger than this command reads",
  INPUT_UNRECOGNISED: "nothing in the input looks like an HTTP response, error body or CLI error",
  HAR_INVALID: "the HAR file is not valid JSON or has no log.entries",
  NO_DENIAL: "the input holds no 403 (or a neighbour that may hide one)",
  UNKNOWN_ID: "no responder or cause has this id",
  INPUT_IS_LOG: "the input is a server or CDN log, which why403 logs triages",
  PORT_IN_USE: "the port is already in use",
  CATALOG_INVALID: "the knowledge catalog failed validation",
  USAGE: "the command line is not valid",
  HOST_NOT_FOUND: "the host name does not resolve",
  CONNECTION_FAILED: "no connection could be made, or it broke",
  TLS_FAILED: "the TLS handshake failed",
  TIMEOUT: "no answer in time",
  PROXY_FAILED: "the proxy refused or failed the request",
  SERVER_ERROR: "the server answered with a server error (5xx), not a denial",
  AWS_CREDENTIALS: "no AWS credentials could be loaded for --aws-sigv4",
  AWS_UNAVAILABLE: "the AWS API could not be reached or refused the call",
  CONFIG_INVALID: "the configuration file is not what the AWS CLI prints for this command",
  TOKEN_UNRECOGNISED: "nothing in the input looks like a signed URL, signed cookie, SigV4 header or JWT",
  POLICY_INVALID: "a policy document is not valid IAM policy JSON",
  SIMULATE_INVALID: "the simulate input is not valid",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The error every parser and loader throws for bad input: `code` says what went wrong
 * (see {@link ERROR_CODES}), `message` says it in words.
 *
 * @example
 * ```ts
 * import { diagnose, WhyError } from "why403";
 * try {
 *   diagnose("");
 * } catch (e) {
 *   if (e instanceof WhyError) console.error(e.code, e.message); // "INPUT_EMPTY" "the input is empty"
 * }
 * ```
 */
export class WhyError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, data: Record<string, unknown> = {}) {
    super(message ?? ERROR_CODES[code]);
    this.name = "WhyError";
    this.code = code;
    this.data = data;
  }
}

/**
 * True for a WhyError, also one from another copy of this module: the bundled CLI loads
 * `why403 serve`'s server from its own files, whose WhyError class is not the bundle's.
 */
export const isWhyError = (e: unknown): e is WhyError => {
  if (e instanceof WhyError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && e.name === "WhyError" && typeof code === "string" && code in ERROR_CODES;
};
