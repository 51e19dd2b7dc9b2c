// Lab plumbing: free ports, starting real servers as child processes, stopping them by PID.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { existsSync } from "node:fs";
import { createServer, connect } from "node:net";
import { fileURLToPath } from "node:url";

// Lab ports come from below the kernel's ephemeral range (32768+), so an outgoing connection
// cannot take one between the pick and the server's bind, and never twice from one process:
// two nginx server blocks handed the same port would share it and the first would answer both.
const handedOut = new Set<number>();
const LAB_PORTS = { low: 20_000, high: 32_000 };

const canBind = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/** A free TCP port on 127.0.0.1, distinct from every other this process handed out (the lab binds it right after). */
export const freePort = async (): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LAB_PORTS.low + Math.floor(Math.random() * (LAB_PORTS.high - LAB_PORTS.low));
    if (handedOut.has(port)) continue;
    if (await canBind(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port on 127.0.0.1 between ${LAB_PORTS.low} and ${LAB_PORTS.high}`);
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const c = connect({ host: "127.0.0.1", port });
    c.once("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.once("error", () => resolve(false));
  });

export const waitForPort = async (port: number, what: string, child?: ChildProcess, ms = 20_000): Promise<void> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before listening on ${port}`);
    if (await canConnect(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${ms} ms`);
};

/** The servers this process started, to stop by PID. */
export class Procs {
  private readonly children: { name: string; child: ChildProcess; stderr: string[] }[] = [];

  start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    // a process group of its own: Apache signals its whole group when it stops, which must not be ours
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env }, detached: true });
    const stderr: string[] = [];
    child.stdout?.on("data", (d: Buffer) => stderr.push(d.toString()));
    child.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
    this.children.push({ name, child, stderr });
    return child;
  }

  /** What a server printed (moto logs each request on stderr). */
  output(name: string): string {
    return this.children.filter((c) => c.name === name).flatMap((c) => c.stderr).join("");
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.children.map(async ({ child }) => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        try {
          process.kill(child.pid, "SIGTERM");
        } catch {
          return;
        }
        const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
        if (timedOut) {
          try {
            process.kill(child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }),
    );
  }
}

const INSTALL = fileURLToPath(new URL("../../../test/lab/install.sh", import.meta.url));

/** Installs the lab's packages when missing; returns why they cannot run, or undefined when they can. */
export const ensureLabPackages = (): string | undefined => {
  if (process.getuid?.() !== 0) return "the lab installs and runs nginx, apache2, squid as root";
  const r = spawnSync("sh", [INSTALL], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) return `apt-get could not install the lab servers: ${(r.stderr || r.stdout || "").trim().split("\n").pop() ?? ""}`;
  for (const bin of ["/usr/sbin/nginx", "/usr/sbin/apache2", "/usr/sbin/squid"]) if (!existsSync(bin)) return `${bin} is missing after install`;
  for (const cmd of ["moto_server", "faketime", "python3"]) if (spawnSync("sh", ["-c", `command -v ${cmd}`]).status !== 0) return `${cmd} is not on PATH`;
  return undefined;
};

/** An in-process HTTP server on a free 127.0.0.1 port (the replay and the application). */
export const serveLocally = async (handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ port: number; close(): Promise<void> }> => {
  const server = createHttpServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  return {
    port: typeof addr === "object" && addr ? addr.port : 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
