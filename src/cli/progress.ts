// A one-line progress bar on stderr for long reads: bytes, share done and items per second.
// Drawn only on a terminal and at most ten times a second; cleared when done.

export interface ProgressOptions {
  write: (s: string) => void;
  /** Total bytes when known (a file), for the bar and the share. */
  total?: number;
  /** What is counted: "entries", "lines". */
  unit: string;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export class ProgressBar {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly opts: ProgressOptions) {}

  update(bytes: number, items: number): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(items / secs).toLocaleString("en-US");
    const total = this.opts.total;
    let bar = "";
    if (total && total > 0) {
      const share = Math.min(1, bytes / total);
      const width = 24;
      const full = Math.round(share * width);
      bar = `[${"#".repeat(full)}${"-".repeat(width - full)}] ${String(Math.floor(share * 100)).padStart(3)}% ${mb(bytes)}/${mb(total)}`;
    } else bar = mb(bytes);
    this.opts.write(`\r${bar}  ${items.toLocaleString("en-US")} ${this.opts.unit}, ${rate} ${this.opts.unit}/s `);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.opts.write("\r\u001b[2K");
  }
}

/** Inputs smaller than this finish before a bar would help. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
