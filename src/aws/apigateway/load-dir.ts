// Offline input: the directory of AWS CLI outputs, read into the configuration.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { WhyError } from "../../model/errors.js";
import { buildConfig, CONFIG_FILE_NAMES } from "./load.js";
import type { ApiGatewayConfig } from "./model.js";

const readJson = async (path: string, name: string): Promise<unknown> => {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WhyError("CONFIG_INVALID", `${name}: not JSON: ${(e as Error).message}`);
  }
};

/** Per plan and per domain outputs: get-usage-plan-keys.PLAN_ID.json, get-base-path-mappings.DOMAIN.json. */
const PER_ITEM = /^(?:get-usage-plan-keys|get-base-path-mappings|get-api-mappings)\..+\.json$/;

/** Reads the command outputs found in DIR; `host` picks the per-domain mapping file. */
export const readConfigDir = async (dir: string, host: string): Promise<ApiGatewayConfig> => {
  const st = await stat(dir).catch(() => undefined);
  if (!st) throw new WhyError("FILE_NOT_FOUND", `${dir}: no such directory`);
  if (!st.isDirectory()) throw new WhyError("CONFIG_INVALID", `${dir}: --config expects a directory of AWS CLI outputs`);
  const names = await readdir(dir);
  const files = new Map<string, unknown>();
  for (const name of names) {
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || PER_ITEM.test(name)) files.set(name, await readJson(join(dir, name), name));
  }
  if (files.size === 0) {
    throw new WhyError("CONFIG_INVALID", `${dir} holds none of the expected files (${CONFIG_FILE_NAMES.slice(0, 4).join(", ")} …): see why403 aws apigateway --help`);
  }
  return buildConfig(files, dir, host);
};
