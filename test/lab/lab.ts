// The lab: real servers on 127.0.0.1 ports in a temporary directory, their access logs, and a
// way to run the CLI against them. Started once per test file, stopped by PID in after().
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startApp, type App } from "./app.js";
import { ensureLabPackages, Procs } from "./procs.js";
import { startReplay, type LogLine, type Replay } from "./replay.js";
import { startApache, startMoto, startNginx, startSquid, writeSite, type ApachePorts, type MotoKeys, type NginxPorts } from "./servers.js";

export interface Lab {
  dir: string;
  nginx: NginxPorts;
  apache: ApachePorts;
  squid: number;
  moto: { port: number; keys: MotoKeys };
  replay: Replay;
  app: App;
  procs: Procs;
  /** Every request every lab server logged so far. */
  logs(): LogLine[];
  /** A mark in every server's log: what it returns lists the requests logged since. */
  mark(): () => LogLine[];
  stop(): Promise<void>;
}

const witness = (server: string, path: string): LogLine[] => {
  if (!existsSync(path)) return [];
  const out: LogLine[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^(\d+) (\S+) "([^"]*)" "([^"]*)" (\d+)$/.exec(line.trim());
    if (m) out.push({ server: `${server}:${m[1]}`, method: m[2]!, host: m[3]!, url: m[4]!, status: Number(m[5]) });
  }
  return out;
};

/** Squid's native log: time elapsed client code/status bytes METHOD URL ... */
const squidLog = (path: string): LogLine[] => {
  if (!existsSync(path)) return [];
  const out: LogLine[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    const status = Number(f[3]?.split("/")[1]);
    let host = "";
    try {
      host = new URL(f[6]!).host;
    } catch {
      host = f[6] ?? "";
    }
    out.push({ server: "squid", method: f[5]!, host, url: f[6]!, status });
  }
  return out;
};

/** moto (werkzeug) logs each request on stderr: "GET /path HTTP/1.1" 403 */
const motoLog = (text: string): LogLine[] =>
  [...text.matchAll(/"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/g)].map((m) => ({ server: "moto", method: m[1]!, host: "", url: m[2]!, status: Number(m[3]) }));

export const startLab = async (): Promise<Lab> => {
  const reason = ensureLabPackages();
  if (reason) throw new LabUnavailable(reason);
  const dir = mkdtempSync(join(tmpdir(), "why403-lab-"));
  // nginx workers (nobody) and Apache (www-data) must traverse to the site
  chmodSync(dir, 0o755);
  writeSite(join(dir, "www"));
  const procs = new Procs();
  let app: App | undefined;
  let replay: Replay | undefined;
  try {
    app = await startApp();
    // allSettled: when one server fails, the others have still started and must be stopped too
    const started = await Promise.allSettled([startNginx(dir, procs, app.port), startApache(dir, procs), startSquid(dir, procs), startMoto(procs)] as const);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const [nginx, apache, squid, moto] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [NginxPorts, ApachePorts, number, { port: number; keys: MotoKeys }];
    replay = await startReplay({ nginxOrigin: nginx.origin, motoPort: moto.port, motoKeys: moto.keys });
    const r = replay;
    const a = app;
    const sources = (): LogLine[][] => [
      witness("nginx", join(dir, "nginx-access.log")),
      witness("apache", join(dir, "apache", "access.log")),
      squidLog(join(dir, "squid", "access.log")),
      motoLog(procs.output("moto")),
      r.log,
      a.log,
    ];
    return {
      dir,
      nginx,
      apache,
      squid,
      moto,
      replay: r,
      app: a,
      procs,
      logs: () => sources().flat(),
      mark: () => {
        const at = sources().map((s) => s.length);
        return () => sources().flatMap((s, i) => s.slice(at[i]));
      },
      stop: async () => {
        await procs.stopAll();
        await r.close();
        await a.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await procs.stopAll();
    await replay?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
};

export class LabUnavailable extends Error {}

const BIN = fileURLToPath(new URL("../../../bin/why403.js", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI (asynchronously: the lab's in-process servers must keep answering). */
export const runCli = (args: string[], opts: { env?: NodeJS.ProcessEnv; wrap?: string[] } = {}): Promise<CliRun> =>
  new Promise((resolve) => {
    const [cmd, ...pre] = opts.wrap ? [...opts.wrap, process.execPath] : [process.execPath];
    execFile(
      cmd,
      [...pre, BIN, ...args],
      // no AWS config from this machine leaks in, and no instance-metadata lookup leaves it
      { env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", NO_COLOR: "1", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", ...opts.env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
