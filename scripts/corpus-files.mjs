// Writes the inputs of a labelled corpus (cases as in ../shared/corpus) to temporary files,
// named as score-corpus.mjs names them, for the benchmark and the calibration report.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const defaultCorpus = join(import.meta.dirname, "..", "..", "shared", "corpus", "dev");

const walk = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith(".json") ? [p] : [];
  });

/** { cases, files, cleanup }: files[i] holds cases[i].input. */
export const writeCorpusFiles = (corpus) => {
  const cases = walk(corpus).map((p) => JSON.parse(readFileSync(p, "utf8")));
  const work = mkdtempSync(join(tmpdir(), "why403-corpus-"));
  const files = cases.map((c) => {
    const f = join(work, `${c.id}${c.input_kind === "har" ? ".har" : ".txt"}`);
    writeFileSync(f, c.input);
    return f;
  });
  return { cases, files, cleanup: () => rmSync(work, { recursive: true, force: true }) };
};
