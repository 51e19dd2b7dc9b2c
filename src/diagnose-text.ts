// The pipeline end to end for one input: text → (redaction) → exchanges → report.
import { loadCatalog } from "./knowledge/catalog.js";
import type { InputKind } from "./model/exchange.js";
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
  /** Multi-exchange inputs (HAR): list every denial in `denials`. */
  all?: boolean;
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
  const report = diagnoseParsed(parsed, catalog, { file: opts.file ?? "-", ...(opts.all ? { all: true } : {}) });
  report.redacted = redactor.redacted;
  return report;
};
