// Files of the installed package. This module and the CLI bundle (bin.bundle.mjs) both sit in
// dist/src/cli/, so the same relative URL finds the package root from either.
import { readFileSync } from "node:fs";

export const packageFile = (rel: string): URL => new URL(`../../../${rel}`, import.meta.url);

export const packageVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "0.0.0-unknown";
  }
};
