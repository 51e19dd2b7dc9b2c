// What the configuration-check and inspect commands share: output options, -H, the online SDK
// options, reading a JSON file with the file named in errors, and printing the report.
import { Option, type Command } from "commander";
import { decodeInput } from "../input/normalise.js";
import { WhyError } from "../model/errors.js";
import type { Report } from "../model/report.js";
import { describeError, EXIT, reportFailure } from "./errors.js";
import type { Io } from "./io.js";
import { printReport, type Format } from "./print-report.js";
import { readInput } from "../io/open-input.js";

export interface OutputOptions {
  json?: boolean;
  format?: Format;
  color?: boolean;
  showSecrets?: boolean;
  debug?: boolean;
}

export interface SdkCliOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const addOutputOptions = (cmd: Command): Command =>
  cmd
    .option("--json", "the report as one JSON object (spec/report.md)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--show-secrets", "keep credentials, cookies and tokens in the output")
    .option("--color", "colour the text output even when not a terminal")
    .option("--no-color", "never colour the text output")
    .option("--debug", "print stack traces of internal errors");

export const addHeaderOption = (cmd: Command): Command =>
  cmd.option("-H, --header <line>", "a request header, 'Name: value' (repeatable)", collect, [] as string[]);

export const addSdkOptions = (cmd: Command): Command =>
  cmd
    .option("--region <region>", "AWS region for online mode (default: AWS_REGION)")
    .option("--profile <name>", "AWS profile for online mode")
    .option("--endpoint-url <url>", "send the online calls to this endpoint (an emulator such as moto_server)");

export const sdkOptionsOf = (o: SdkCliOptions): SdkCliOptions => ({
  ...(o.region ? { region: o.region } : {}),
  ...(o.profile ? { profile: o.profile } : {}),
  ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
});

/** Reads a JSON file (or - for standard input); errors name the file. */
export const readJsonFile = async (file: string): Promise<unknown> => {
  const text = decodeInput(await readInput(file));
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WhyError("CONFIG_INVALID", `${file}: not JSON: ${(e as Error).message}`);
  }
};

/** Runs a check and prints its report; a failure is one line on stderr (and a JSON error object with --json). */
export const runCheck = async (subject: string, opts: OutputOptions, io: Io, check: () => Promise<Report>): Promise<number> => {
  try {
    printReport(await check(), opts, io);
    return EXIT.ok;
  } catch (e) {
    if (opts.json || opts.format === "json") {
      const f = describeError(e);
      io.out(JSON.stringify({ file: subject, error: { code: f.code, message: f.message } }) + "\n");
    }
    return reportFailure(io.err, subject, e, opts.debug);
  }
};
