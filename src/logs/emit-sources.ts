// Which sources --emit-sql covers: the formats of the given paths, a --sources list, or all.
import { WhyError } from "../model/errors.js";
import { detectFormat } from "./detect.js";
import { expandInputs, isGzip, readHead } from "./files.js";
import { LOG_FORMATS, type LogFormatId } from "./formats/format.js";

export const sourcesFor = async (paths: readonly string[], list: string | undefined, forced: LogFormatId | undefined, apigwFormat: string | undefined): Promise<LogFormatId[]> => {
  if (list) {
    const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = ids.filter((s) => !(LOG_FORMATS as readonly string[]).includes(s));
    if (bad.length) throw new WhyError("USAGE", `unknown source ${bad.join(", ")} (one of ${LOG_FORMATS.join(", ")})`);
    return ids as LogFormatId[];
  }
  if (forced) return [forced];
  if (paths.length === 0) return [...LOG_FORMATS];
  const found = new Set<LogFormatId>();
  for (const file of expandInputs(paths)) {
    const f = detectFormat(await readHead(file, isGzip(file)), file, { apigwFormat });
    if (f) found.add(f.id);
  }
  if (found.size === 0) throw new WhyError("INPUT_UNRECOGNISED", "no input is a log format why403 reads");
  return LOG_FORMATS.filter((f) => found.has(f));
};
