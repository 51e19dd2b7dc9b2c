// 403s over time for the page's chart: equal buckets between the first and last 403.
import type { Timeline } from "./api-types.js";

const BUCKETS = 40;

/** A timeline of the given instants (ISO strings); undefined when none parses. */
export const timelineOf = (instants: Iterable<string | undefined>): Timeline | undefined => {
  const times: number[] = [];
  for (const at of instants) {
    const t = at ? Date.parse(at) : NaN;
    if (!Number.isNaN(t)) times.push(t);
  }
  if (times.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const bucketMs = Math.max(1000, Math.ceil((max - min + 1) / BUCKETS));
  const n = Math.min(BUCKETS, Math.floor((max - min) / bucketMs) + 1);
  const counts = new Array<number>(n).fill(0);
  for (const t of times) counts[Math.min(n - 1, Math.floor((t - min) / bucketMs))]! += 1;
  return { start: new Date(min).toISOString(), end: new Date(min + n * bucketMs).toISOString(), bucketMs, counts, total: times.length };
};
