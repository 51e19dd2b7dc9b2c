// A one-line progress bar on stderr for long reads: share done, items and items per second,
// bytes. Drawn only on a terminal (the caller decides) and at most ten times a second.
import type { Io } from "./io.js";

export interface ProgressOptions {
  write: (s: string) => void;
  /** Total bytes when known (a file), for the bar and the share; may be set later. */
  total?: number;
  /** What is counted: "entries", "lines". */
  unit: string;
  /** How counts and rates are written (default: 12,345). */
  format?: (n: number) => string;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;
const WIDTH = 30;

export class ProgressBar {
  total: number | undefined;
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;

  constructor(private readonly opts: ProgressOptions) {
    this.total = opts.total;
  }

  /** Bytes and items done so far (totals, not increments). */
  update(bytes: number, items: number): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const fmt = this.opts.format ?? ((n: number) => Math.round(n).toLocaleString("en-US"));
    const share = this.total ? Math.min(1, bytes / this.total) : 0;
    const bar = "#".repeat(Math.round(share * WIDTH)).padEnd(WIDTH, ".");
    const unit = this.opts.unit;
    const size = this.total ? `${mb(bytes)}/${mb(this.total)}` : mb(bytes);
    this.opts.write(`\r[${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${fmt(items)} ${unit}  ${fmt(items / secs)} ${unit}/s  ${size} `);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.opts.write("\r\u001b[2K");
  }
}

/** Inputs smaller than this finish before a bar would help. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/** A bar for reading one input of `size` bytes, when stderr is a terminal and the input is big. */
export const progressFor = (io: Io, size: number | undefined, unit: string): ProgressBar | undefined =>
  io.errIsTTY && (size ?? Infinity) >= PROGRESS_MIN_BYTES ? new ProgressBar({ write: io.err, unit, ...(size ? { total: size } : {}) }) : undefined;
