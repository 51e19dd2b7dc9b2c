// Reads the HTTP status out of free text: SDK lines, log lines, stack traces.
// Order matters: explicit "status code" phrasings beat a bare "403 Forbidden".

const PATTERNS: readonly RegExp[] = [
  /\bHTTP\/\d(?:\.\d)?\s+(\d{3})\b/,
  /\bstatus[ _-]?code["']?\s*[:=]?\s*(\d{3})\b/i,
  /\bhttpStatusCode["']?\s*[:=]\s*(\d{3})\b/,
  /\bStatus:\s*(\d{3})\b/,
  /\bstatus\s*[:=]\s*(\d{3})\b/i,
  /\b(?:HTTP )?Error:?\s+(\d{3})\b/i,
  /\bresponse code:?\s*(\d{3})\b/i,
  /\breturned error:\s*(\d{3})\b/i,
  /\bA client error \((\d{3})\)/,
  /["']?code["']?\s*:\s*(\d{3})\b/,
  /\b(\d{3})\s*[-:]?\s*(?:Forbidden|Unauthorized|Not Found|Too Many Requests|Precondition Failed)\b/i,
  /\b(\d{3})\s+(?:-\s+)?"?error code/i,
  /\bStatusCodeError:\s*(\d{3})\b/,
  /\(\s*(\d{3})\s*\)/,
];

const RELEVANT = (s: number): boolean => s >= 400 && s < 600;

/** The status written in the text and where, preferring 403 when several are mentioned. */
export const statusFromText = (text: string): { status: number; offset: number } | undefined => {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let first: { status: number; offset: number } | undefined;
  for (const re of PATTERNS) {
    const m = re.exec(sample);
    if (!m) continue;
    const status = Number(m[1]);
    if (!RELEVANT(status)) continue;
    const offset = m.index + m[0].indexOf(m[1]!);
    if (status === 403) return { status, offset };
    first ??= { status, offset };
  }
  return first;
};
