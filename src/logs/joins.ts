// What joins two sources: the shared request id, named as the people who read these logs know it.
import type { LogFormatId } from "./formats/format.js";

const PAIRS: readonly [LogFormatId, LogFormatId, string][] = [
  ["cloudfront", "waf", "x-amz-cf-id"],
  ["alb", "waf", "X-Amzn-Trace-Id"],
  ["apigateway", "waf", "apigateway-request-id"],
  ["s3-access", "cloudtrail", "x-amz-request-id"],
  ["nginx-combined", "nginx-error", "client+request+time"],
  ["apache-combined", "apache-error", "client+time"],
];

/** Sources present that `src` joins with. */
export const partnersOf = (src: LogFormatId, sources: readonly LogFormatId[]): LogFormatId[] =>
  PAIRS.flatMap(([a, b]) => (a === src && sources.includes(b) ? [b] : b === src && sources.includes(a) ? [a] : []));

export const joinKeyName = (sources: readonly LogFormatId[]): string => {
  const names = PAIRS.filter(([a, b]) => sources.includes(a) && sources.includes(b)).map(([, , k]) => k);
  return names.length ? names.join("+") : "request-id";
};
