// Process entry: runs the CLI and sets the exit code without cutting pending output short.
import { run } from "./main.js";

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});
process.exitCode = await run(process.argv);
