// Files shipped next to the logs modules (the scan worker, the line kernel's .wasm), found from
// dist/src/logs/ itself or from the CLI bundle in dist/src/cli/, one level over.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const besideModule = (name: string): URL | undefined => {
  for (const rel of [`./${name}`, `../logs/${name}`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
};
