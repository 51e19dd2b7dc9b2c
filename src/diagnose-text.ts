// The pipeline end to end for one input: text → (redaction) → exchanges → report.
// Two steps so that callers that show the input (the web page) or summarise exchanges first
// (HAR timelines) work on the same redacted, parsed input the report was built from.
import { loadCatalog } from "./knowledge/catalog.js";
import type { InputKind, ParsedInput } from "./model/exchange.js";
import type { ProbeFact } from "./model/probe-facts.js";
import type { Report } from "./model/report.js";
import { diagnoseParsed, isDenial } from "./engine/diagnose.js";
import { extractFacts, type Facts } from "./signals/facts.js";
import { detectInputKind, parseInput } from "./input/parse-input.js";
import { normaliseText } from "./input/normalise.js";
import { Redactor } from "./redact/redactor.js";

/**
 * Options of {@link diagnoseText} (exported from the package as `diagnose`).
 *
 * @example
 * ```ts
 * import { diagnose, type DiagnoseOptions } from "why403";
 * const opts: DiagnoseOptions = { file: "session.har", inputKind: "har" };
 * const report = diagnose(harText, opts);
 * ```
 */
export interface DiagnoseTextOptions {
  /** Name shown in the report; defaults to "-". */
  file?: string;
  /** Force the input kind instead of detecting it. */
  inputKind?: InputKind;
  /** Keep secrets in the output (default: redacted). */
  showSecrets?: boolean;
  /** Multi-exchange inputs (HAR): list every denial in `denials`. */
  all?: boolean;
  /** Facts a live probe observed around this answer (catalog examples of probe signals). */
  probeFacts?: readonly ProbeFact[];
}

/** Attaches facts a live probe observed to every exchange of a parsed input. */
export const withProbeFacts = (parsed: ParsedInput, facts: readonly ProbeFact[] | undefined): ParsedInput =>
  !facts?.length
    ? parsed
    : { ...parsed, exchanges: parsed.exchanges.map((x) => ({ ...x, probeFacts: facts.map((fact) => ({ fact, probe: 0, detail: fact })) })) };

/** An input after redaction and parsing: `parsed.text` is what evidence line/column point into. */
export interface PreparedInput {
  file: string;
  parsed: ParsedInput;
  /** The kinds of secret hidden so far. */
  redacted: string[];
  /** List every denial of a multi-exchange input. */
  all?: boolean;
}

/** Redacts and parses one input; no diagnosis yet. */
export const prepareInput = (raw: string, opts: DiagnoseTextOptions = {}): PreparedInput => {
  const redactor = new Redactor(!opts.showSecrets);
  const normalised = normaliseText(raw);
  const kind = opts.inputKind ?? detectInputKind(normalised);
  let parsed: ParsedInput;
  if (kind === "har") {
    // JSON first, then the exchanges: a HAR's secrets sit in JSON strings
    const p = parseInput(normalised, kind);
    parsed = { ...p, text: "", exchanges: p.exchanges.map((x) => redactor.exchange(x)) };
  } else {
    parsed = parseInput(redactor.rawText(normalised), kind);
  }
  return { file: opts.file ?? "-", parsed: withProbeFacts(parsed, opts.probeFacts), redacted: redactor.redacted, ...(opts.all ? { all: true } : {}) };
};

/** Diagnoses a prepared input. */
export const diagnosePrepared = (input: PreparedInput): Report => {
  const report = diagnoseParsed(input.parsed, loadCatalog(), { file: input.file, ...(input.all ? { all: true } : {}) });
  report.redacted = input.redacted;
  return report;
};

/**
 * Diagnoses one input: a raw HTTP response, `curl -i`/`curl -v` output, a HAR, a bare body or
 * a CLI/SDK error. Secrets are redacted unless `showSecrets`.
 *
 * @throws {WhyError} `INPUT_EMPTY`, `HAR_INVALID`, `NO_DENIAL`… for input it cannot read.
 * @example
 * ```ts
 * import { diagnose } from "why403";
 * const report = diagnose("HTTP/1.1 403 Forbidden\nServer: AmazonS3\n\n<Error><Code>AccessDenied</Code></Error>");
 * console.log(report.responder.id, report.causes[0]?.id); // "aws-s3" "no-allow"
 * ```
 */
export const diagnoseText = (raw: string, opts: DiagnoseTextOptions = {}): Report => diagnosePrepared(prepareInput(raw, opts));

/**
 * The facts (principal, action, resource, policyKind …) of the denial a prepared input holds: its
 * last denial exchange, as redacted and parsed for the report.
 */
export const factsOfPrepared = (input: PreparedInput): Facts => {
  const denial = input.parsed.exchanges.filter(isDenial).at(-1) ?? input.parsed.exchanges.at(-1);
  return denial ? extractFacts(denial) : {};
};
