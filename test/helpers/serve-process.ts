// Starts the real `why403 serve` process on a free port and reads the address it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../bin/why403.js", import.meta.url));

export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export const startServe = async (args: string[] = []): Promise<ServeProcess> => {
  const child = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`why403 serve printed no address: ${out} ${err}`)), 15_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^why403 serve: (http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`why403 serve exited with ${code}: ${err}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
};
