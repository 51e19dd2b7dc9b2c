// `why403 URL [curl flags]` (also `why403 probe URL`): live differential probing. The probe
// modules (undici, the AWS signer) load only when this command runs.
import { Option } from "commander";
import type { Report, ReportProbe } from "../../model/report.js";
import { renderJson } from "../../render/render-json.js";
import { formatOf, printReport, type Format } from "../print-report.js";
import type { ProbeFlags } from "../../probe/spec.js";
import { describeError, EXIT, formatFailure } from "../errors.js";
import type { Io, RegisterCommand } from "../io.js";

const PROBE_HELP = `
It replays your request, then sends the few experiments that best separate the remaining causes
(without credentials, the CORS preflight, HEAD vs GET, a missing sibling path, the site root, the
directory index, the other host name, the origin behind the CDN, another User-Agent), one at a
time, and stops as soon as the cause is decided. Every request is listed with why it was sent.

Safety: requests are sequential, to your URL's scheme, host and port only, GET/HEAD/OPTIONS
only (a request of yours with another method is sent once, exactly as given), no redirects
followed, nothing more after a 429, never more than --max-requests.

Examples:
  why403 https://example.com/admin/
  why403 https://api.example.com/v1/items -H 'Authorization: Bearer eyJ...' --json
  why403 https://cdn.example.com/a.png -e https://other.example/ -A 'python-requests/2.31'
  why403 https://app.example.com/api --origin https://www.example.com
  why403 https://www.example.com/x --connect-to www.example.com:443:origin.example.com:443
  why403 https://bucket.s3.us-east-1.amazonaws.com/key --aws-sigv4 aws:amz:us-east-1:s3
  why403 https://example.com/form -d 'a=1' --dry-run

Exit codes: 0 diagnosed, 1 no denial to explain or the request failed, 2 usage error.
Credentials given here (-u, -H Authorization, -b, SigV4) never appear in the output.`;

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

interface ProbeCliOptions extends ProbeFlags {
  json?: boolean;
  format?: Format;
  showSecrets?: boolean;
  color?: boolean;
  debug?: boolean;
}

const progressLine = (p: ReportProbe): string =>
  `why403: ${p.n}. ${p.method} ${p.url}${p.host ? ` (Host: ${p.host})` : ""} → ${p.status ?? "no answer"}  [${p.variant}]\n`;

const runProbeCommand = async (url: string, opts: ProbeCliOptions, io: Io): Promise<number> => {
  const format = formatOf(opts);
  try {
    const [{ buildSpec }, { runProbe, planProbe }] = await Promise.all([import("../../probe/spec.js"), import("../../probe/run.js")]);
    const spec = buildSpec(url, opts);
    const showSecrets = opts.showSecrets ? { showSecrets: true } : {};
    if (spec.dryRun) {
      const plan = planProbe(spec, showSecrets);
      if (format === "json") io.out(JSON.stringify(plan) + "\n");
      else {
        const lines = [`would send, at most ${plan.maxRequests} requests, one at a time:`, `  1. ${plan.baseline.method} ${plan.baseline.url}   replay the request as given`];
        for (const h of plan.baseline.headers) lines.push(`       ${h}`);
        lines.push("then, depending on the answers, some of:");
        for (const c of plan.candidates) lines.push(`  - ${c.method} ${c.url}${c.always ? "   (always)" : ""}\n      ${c.why}`);
        io.out(lines.join("\n") + "\n");
      }
      return EXIT.ok;
    }
    const report: Report = await runProbe(spec, { ...showSecrets, ...(io.errIsTTY && format === "text" ? { onRequest: (p) => io.err(progressLine(p)) } : {}) });
    printReport(report, { format, ...(opts.color !== undefined ? { color: opts.color } : {}) }, io);
    return EXIT.ok;
  } catch (e) {
    const f = describeError(e, "probe");
    if (opts.debug && e instanceof Error) io.err(`${e.stack ?? e.message}\n`);
    // the URL may carry a signature or token: never echo it unredacted
    const { Redactor } = await import("../../redact/redactor.js");
    const shown = new Redactor(!opts.showSecrets).text(url);
    io.err(formatFailure(shown, { ...f, message: new Redactor(!opts.showSecrets).text(f.message) }) + "\n");
    if (format === "json") io.out(renderJson({ file: shown, error: { code: f.code, message: f.message } }) + "\n");
    return f.code === "USAGE" ? EXIT.usage : EXIT.failed;
  }
};

export const registerProbe: RegisterCommand = (program, io, setExit) => {
  program
    .command("probe")
    .description("probe a URL live: replay the request, run a few telling variations, explain the 403 (also: why403 URL ...)")
    .argument("<url>", "the http(s) URL that answers 403")
    .option("-X, --request <method>", "the request method (default GET, POST with -d)")
    .option("-H, --header <line>", "a request header, \"Name: value\" (repeatable)", collect)
    .option("-d, --data <data>", "a request body (repeatable, joined with &); implies POST", collect)
    .option("-b, --cookie <data>", "cookies, \"name=value; ...\", or a Netscape cookie file")
    .option("-u, --user <user:password>", "Basic credentials")
    .option("-A, --user-agent <ua>", "the User-Agent to send")
    .option("-e, --referer <url>", "the Referer to send")
    .option("-I, --head", "send HEAD")
    .option("-k, --insecure", "do not verify the TLS certificate")
    .option("--resolve <host:port:addr>", "connect to ADDR for HOST:PORT instead of resolving it (repeatable)", collect)
    .option("--connect-to <host:port:to-host:to-port>", "the origin behind the CDN, for the direct-to-origin comparison (repeatable)", collect)
    .option("-x, --proxy <url>", "send through this HTTP proxy")
    .option("--aws-sigv4 <aws:amz[:region[:service]]>", "sign with AWS SigV4 using the usual credential chain")
    .option("--profile <name>", "the AWS profile for --aws-sigv4")
    .option("--region <region>", "the AWS region for --aws-sigv4")
    .option("--origin <origin>", "the web page's origin, for the CORS checks (https://app.example.com)")
    .option("--max-requests <n>", "the most requests to send, 1-20 (default 8)")
    .option("-m, --max-time <seconds>", "the longest wait for one answer (default 20)")
    .option("--connect-timeout <seconds>", "the longest wait for a connection (default 10)")
    .option("--dry-run", "print the plan and send nothing")
    .option("--json", "print the report as JSON (spec/report.md), with probes and requestsSent")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--show-secrets", "keep credentials, cookies and tokens in the output")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", PROBE_HELP)
    .action(async (url: string, opts: ProbeCliOptions) => setExit(await runProbeCommand(url, opts, io)));
};
