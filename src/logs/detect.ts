// Which format a file is in, from its first lines (and its name, for nginx vs Apache).
import { apigateway, matchesTemplate } from "./formats/apigateway.js";
import type { LogFormat, ReaderOptions } from "./formats/format.js";
import { FORMATS } from "./formats/index.js";

/** The best-scoring format, or undefined when none fits at least half of the sampled lines. */
export const detectFormat = (head: readonly string[], path: string, opts: ReaderOptions = {}): LogFormat | undefined => {
  // a CLF template for API Gateway looks like an access log: the user's template decides
  if (opts.apigwFormat && matchesTemplate(head, opts.apigwFormat) >= 0.5) return apigateway;
  let best: LogFormat | undefined;
  let score = 0.5;
  for (const f of FORMATS) {
    const s = f.detect(head, path);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
};
