#!/usr/bin/env node
// Runs IAM conformance cases (test/iam-conformance by default, or any file/directory in the same
// format) through the evaluator and prints pass counts and every failure. Build first (npm run build).
//   node scripts/iam-conformance.mjs [PATH ...]
import { join } from "node:path";
import { loadConformanceCases, runConformanceCase } from "../dist/src/aws/iam/conformance.js";

const paths = process.argv.slice(2);
const cases = (paths.length ? paths : [join(import.meta.dirname, "..", "test", "iam-conformance")]).flatMap(loadConformanceCases);
const results = cases.map(runConformanceCase);
const failed = results.filter((r) => !r.pass);
for (const f of failed) console.log(`FAIL ${f.id} (${f.file}): ${f.problem}`);
console.log(`iam conformance: ${results.length - failed.length}/${results.length} passed`);
process.exitCode = failed.length ? 1 : 0;
