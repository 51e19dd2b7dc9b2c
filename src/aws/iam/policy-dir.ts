// Reads a policies directory (diagnose --policies DIR) into what a simulate input needs besides the
// request. Layout (every part optional):
//   authorization-details.json   aws iam get-account-authorization-details output
//   identity/*.json | identity.json
//   resource.json | bucket-policy.json | key-policy.json
//   scp/*.json, rcp/*.json       one file per level, in name order (root, OU…, account)
//   boundary.json, session.json
//   context.json                 request context keys; settings.json: SimulateSettings
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { WhyError } from "../../model/errors.js";
import { fromAuthorizationDetails, isAuthorizationDetails, type AuthorizationDetails } from "./authorization-details.js";
import type { ContextValue, NamedPolicy, SimulateInput, SimulateSettings } from "./types.js";

export interface PolicyDirectory {
  dir: string;
  details?: AuthorizationDetails;
  identity: NamedPolicy[];
  resource: NamedPolicy | null;
  scp: NamedPolicy[];
  rcp: NamedPolicy[];
  boundary: NamedPolicy | null;
  session: NamedPolicy | null;
  context: Record<string, ContextValue>;
  settings?: SimulateSettings;
  /** policy name → file path, for evidence. */
  files: Map<string, string>;
}

const json = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (e) {
    throw new WhyError("POLICY_INVALID", `${path}: not valid JSON: ${(e as Error).message}`, { file: path });
  }
};

export const loadPolicyDirectory = (dir: string): PolicyDirectory => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new WhyError("FILE_NOT_FOUND", `--policies ${dir}: not a directory`);
  const files = new Map<string, string>();
  const policy = (path: string): NamedPolicy => {
    const name = path.slice(dir.length + 1);
    files.set(name, path);
    return { name, document: readFileSync(path, "utf8") };
  };
  const one = (...names: string[]): NamedPolicy | null => {
    const hit = names.map((n) => join(dir, n)).find((p) => existsSync(p));
    return hit ? policy(hit) : null;
  };
  const many = (sub: string): NamedPolicy[] => {
    const d = join(dir, sub);
    const single = `${d}.json`;
    const list = existsSync(d) && statSync(d).isDirectory() ? readdirSync(d).filter((n) => n.endsWith(".json")).sort().map((n) => policy(join(d, n))) : [];
    return existsSync(single) ? [policy(single), ...list] : list;
  };
  const detailsPath = join(dir, "authorization-details.json");
  const details = existsSync(detailsPath) ? json(detailsPath) : undefined;
  if (details !== undefined && !isAuthorizationDetails(details)) throw new WhyError("POLICY_INVALID", `${detailsPath}: not get-account-authorization-details output`);
  const contextPath = join(dir, "context.json");
  const settingsPath = join(dir, "settings.json");
  return {
    dir,
    ...(details ? { details } : {}),
    identity: many("identity"),
    resource: one("resource.json", "bucket-policy.json", "key-policy.json"),
    scp: many("scp"),
    rcp: many("rcp"),
    boundary: one("boundary.json"),
    session: one("session.json"),
    context: existsSync(contextPath) ? (json(contextPath) as Record<string, ContextValue>) : {},
    ...(existsSync(settingsPath) ? { settings: json(settingsPath) as SimulateSettings } : {}),
    files,
  };
};

/** The simulate input for one request against the directory's policies. */
export const inputFromDirectory = (d: PolicyDirectory, request: { principal: string; action: string; resource: string; context?: Record<string, ContextValue> }): SimulateInput => {
  const context = { ...request.context, ...d.context };
  const base: SimulateInput = d.details
    ? fromAuthorizationDetails(d.details, { ...request, context, resourcePolicy: d.resource, scp: d.scp, rcp: d.rcp, session: d.session })
    : { request: { ...request, context }, policies: { identity: [], resource: d.resource, scp: d.scp, rcp: d.rcp, boundary: d.boundary, session: d.session } };
  base.policies.identity = [...(base.policies.identity ?? []), ...d.identity];
  if (d.boundary) base.policies.boundary = d.boundary;
  if (d.settings) base.settings = d.settings;
  return base;
};
