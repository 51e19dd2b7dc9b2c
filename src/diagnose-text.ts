// The pipeline end to end for one input: text → (redaction) → exchanges → report.
import { loadCatalog } from "./knowledge/catalog.js";
import type { InputKind } from "./model/exchange.js";
import type { Report } from "./model/report.js";
import { denialExchanges, diagnoseParsed } from "./engine/diagnose.js";
import { extractFacts, type Facts } from "./signals/facts.js";
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
}

export const diagnoseText = (raw: string, opts: DiagnoseTextOptions = {}): Report => {
  const catalog = loadCatalog();
  const redactor = new Redactor(!opts.showSecrets);
  const normalised = normaliseText(raw);
  const kind = opts.inputKind ?? detectInputKind(normalised);
  let parsed;
  if (kind === "har") {
    // JSON first, then the exchanges: a HAR's secrets sit in JSON strings
    const p = parseInput(normalised, kind);
    parsed = { ...p, text: "", exchanges: p.exchanges.map((x) => redactor.exchange(x)) };
  } else {
    parsed = parseInput(redactor.rawText(normalised), kind);
  }
  const report = diagnoseParsed(parsed, catalog, { file: opts.file ?? "-" });
  report.redacted = redactor.redacted;
  return report;
};

/**
 * The facts (principal, action, resource, policyKind …) of the denial a report explains: the last
 * denial exchange of the input, read as diagnoseText reads it (secrets redacted first).
 */
export const factsOfText = (raw: string, opts: DiagnoseTextOptions = {}): Facts => {
  const redactor = new Redactor(!opts.showSecrets);
  const normalised = normaliseText(raw);
  const kind = opts.inputKind ?? detectInputKind(normalised);
  const parsed = kind === "har" ? parseInput(normalised, kind) : parseInput(redactor.rawText(normalised), kind);
  const denial = denialExchanges(parsed.exchanges).at(-1) ?? parsed.exchanges.at(-1);
  return denial ? extractFacts(denial) : {};
};
