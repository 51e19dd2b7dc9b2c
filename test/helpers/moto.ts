// Starts moto_server (the AWS emulator, preinstalled) on 127.0.0.1 and a free port for a test
// file, and stops it by PID. moto is plumbing for SDK calls and real S3 error answers only.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface Moto {
  endpoint: string;
  stop: () => void;
}

export const motoAvailable = (): boolean => spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const ready = async (endpoint: string, child: ChildProcess): Promise<void> => {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("moto_server did not start within 15 s");
};

export const startMoto = async (): Promise<Moto> => {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid);
  };
  try {
    await ready(endpoint, child);
  } catch (e) {
    stop();
    throw e;
  }
  return { endpoint, stop };
};
