// Starts moto_server (the AWS emulator, preinstalled) on 127.0.0.1 and a free port for a test
// file, and stops it by PID. moto is plumbing for SDK calls and real S3 error answers only.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "../lab/procs.js";

export interface Moto {
  endpoint: string;
  stop: () => void;
}

export const motoAvailable = (): boolean => spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;

/** Waits until moto answers HTTP (it accepts connections before it serves requests well). */
export const motoReady = async (endpoint: string, child: ChildProcess, ms = 30_000): Promise<void> => {
  for (let i = 0; i < ms / 100; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not start within ${ms / 1000} s`);
};

export const startMoto = async (): Promise<Moto> => {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid);
  };
  try {
    await motoReady(endpoint, child);
  } catch (e) {
    stop();
    throw e;
  }
  return { endpoint, stop };
};
