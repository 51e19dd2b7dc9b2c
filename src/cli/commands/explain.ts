// `why403 explain ID`: the knowledge page of a cause or responder.
import { loadCatalog } from "../../knowledge/catalog.js";
import { explainId } from "../../knowledge/explain-page.js";
import { isCauseId, isResponderId, CAUSE_SUMMARY, RESPONDER_SUMMARY } from "../../model/taxonomy.js";
import { renderCausePage, renderResponderPage } from "../../render/render-explain.js";
import { EXIT } from "../errors.js";
import { useColor, type Io, type RegisterCommand } from "../io.js";

const EXPLAIN_HELP = `
Examples:
  why403 explain no-allow          what "no policy allows" means, how to fix and verify it
  why403 explain aws-cloudfront    how to tell CloudFront wrote a 403, and the causes it produces
  why403 explain --list            every responder and cause id`;

const runExplain = (id: string | undefined, opts: { list?: boolean; json?: boolean; color?: boolean }, io: Io): number => {
  const catalog = loadCatalog();
  if (opts.list || !id) {
    if (opts.json) {
      io.out(JSON.stringify({ responders: [...catalog.responders.keys()].sort(), causes: [...catalog.causes.keys()].sort() }) + "\n");
      return EXIT.ok;
    }
    const lines = ["Responders (who said no):"];
    for (const r of [...catalog.responders.keys()].sort()) lines.push(`  ${r.padEnd(24)} ${RESPONDER_SUMMARY[r]}`);
    lines.push("", "Causes (why):");
    for (const c of [...catalog.causes.keys()].sort()) lines.push(`  ${c.padEnd(24)} ${CAUSE_SUMMARY[c]}`);
    io.out(lines.join("\n") + "\n");
    return id || opts.list ? EXIT.ok : EXIT.usage;
  }
  const color = useColor(io, opts.color);
  const cause = isCauseId(id) ? catalog.causes.get(id) : undefined;
  const responder = isResponderId(id) ? catalog.responders.get(id) : undefined;
  if (opts.json && (cause || responder)) {
    io.out(JSON.stringify(cause ?? responder, (_k, v: unknown) => (v instanceof RegExp ? v.source : v)) + "\n");
    return EXIT.ok;
  }
  const page = explainId(id);
  // an id that is both a responder and a cause ("unknown") shows both pages
  if (page.responder) io.out(renderResponderPage(page.responder, color));
  if (page.cause) {
    if (page.responder) io.out("\n");
    io.out(renderCausePage(page.cause, color));
  }
  return EXIT.ok;
};

export const registerExplain: RegisterCommand = (program, io, setExit) => {
  program
    .command("explain")
    .description("the knowledge page of a cause or responder id")
    .argument("[id]", "a cause or responder id (see --list)")
    .option("--list", "list every id")
    .option("--json", "the catalog entry as JSON")
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour")
    .addHelpText("after", EXPLAIN_HELP)
    .action((id: string | undefined, opts: Parameters<typeof runExplain>[1]) => setExit(runExplain(id, opts, io)));
};
