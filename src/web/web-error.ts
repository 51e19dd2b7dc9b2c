// Errors as the page shows them. Messages that may quote the input (a JSON parser's excerpt of a
// HAR) are replaced by the code's generic text: the server never echoes raw input.
import { describeError } from "../cli/errors.js";
import { ERROR_CODES, type ErrorCode } from "../model/errors.js";
import type { AnalysisError } from "./api-types.js";

/** Codes whose messages are built from counts and statuses only, never from input text. */
const SAFE_MESSAGES: ReadonlySet<string> = new Set(["NO_DENIAL", "INPUT_TOO_LARGE", "INPUT_EMPTY", "INPUT_BINARY", "INPUT_IS_LOG"]);

export const webError = (e: unknown): AnalysisError => {
  const f = describeError(e);
  const generic = ERROR_CODES[f.code as ErrorCode] as string | undefined;
  const message = SAFE_MESSAGES.has(f.code) ? f.message : (generic ?? "the input could not be analysed");
  return { code: f.code, message, ...(f.hint ? { hint: f.hint } : {}) };
};
