// The pipeline end to end for one input: text → (redaction) → exchanges → report.
import { loadCatalog } from "./knowledge/catalog.js";
import type { InputKind, ParsedInput } from "./model/exchange.js";
import type { ProbeFact } from "./model/probe-facts.js";
import type { Report } from "./model/report.js";
import { diagnoseParsed } from "./engine/diagnose.js";
import { detectInputKind, parseInput } from "./input/parse-input.js";
import { normaliseText } from "./input/normalise.js";
import { Redactor } from "./redact/redactor.js";

export interface DiagnoseTextOptions {
  /** Name shown in the report; defaults to "-". */
  file?: string;
  /** Force the input kind instead of detecting it. */
  inputKind?: InputKind;
  /** Keep secrets in the output (default: redacted). */
  showSecrets?: boolean;
  /** Facts a live probe observed around this answer (catalog examples of probe signals). */
  probeFacts?: readonly ProbeFact[];
}

/** Attaches facts a live probe observed to every exchange of a parsed input. */
export const withProbeFacts = (parsed: ParsedInput, facts: readonly ProbeFact[] | undefined): ParsedInput =>
  !facts?.length
    ? parsed
    : { ...parsed, exchanges: parsed.exchanges.map((x) => ({ ...x, probeFacts: facts.map((fact) => ({ fact, probe: 0, detail: fact })) })) };

export const diagnoseText = (raw: string, opts: DiagnoseTextOptions = {}): Report => {
  const catalog = loadCatalog();
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
  const report = diagnoseParsed(withProbeFacts(parsed, opts.probeFacts), catalog, { file: opts.file ?? "-" });
  report.redacted = redactor.redacted;
  return report;
};
