import type { Command } from "commander";

// What a command needs from the process: where to write, whether stdout is a terminal.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
  /** stderr is a terminal: progress bars go there and only then */
  errIsTTY?: boolean;
}

/** A command registers itself on the program and reports its exit code through setExit. */
export type RegisterCommand = (program: Command, io: Io, setExit: (code: number) => void) => void;

export const useColor = (io: Io, flag: boolean | undefined): boolean =>
  flag ?? (io.isTTY && !process.env.NO_COLOR && process.env.TERM !== "dumb");
