// Prints one report in the format asked for: text (rustc style), JSON (one line) or Markdown.
import type { Report } from "../model/report.js";
import { renderJson } from "../render/render-json.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { renderText } from "../render/render-text.js";
import { useColor, type Io } from "./io.js";

export type Format = "text" | "json" | "markdown";

export interface PrintOptions {
  json?: boolean;
  format?: Format;
  color?: boolean;
}

export const formatOf = (opts: PrintOptions): Format => (opts.json ? "json" : (opts.format ?? "text"));

export const printReport = (report: Report, opts: PrintOptions, io: Io): void => {
  const format = formatOf(opts);
  if (format === "json") io.out(renderJson(report) + "\n");
  else io.out(format === "markdown" ? renderMarkdown(report) : renderText(report, { color: useColor(io, opts.color) }));
};
