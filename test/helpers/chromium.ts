// Debian's chromium for the browser tests: installed with apt-get when missing, never a
// downloaded browser build. Returns the binary, or why the tests must skip.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const aptInstall = (): boolean => {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "ignore", env, timeout: 600_000 }).status === 0;
  if (install()) return true;
  spawnSync("apt-get", ["update"], { stdio: "ignore", env, timeout: 300_000 });
  return install();
};

/** The chromium binary, installing it if needed; `skip` says why there is none. */
export const ensureChromium = (): { path: string; skip?: undefined } | { path?: undefined; skip: string } => {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (process.platform !== "linux") return { skip: `Debian chromium is only installed on Linux (this is ${process.platform})` };
  aptInstall();
  return existsSync(CHROMIUM) ? { path: CHROMIUM } : { skip: "apt-get install chromium failed, so there is no /usr/bin/chromium" };
};
