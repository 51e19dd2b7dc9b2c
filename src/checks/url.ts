// The request URL of a check: http(s) only, with a usage error otherwise.
import { WhyError } from "../model/errors.js";

export const parseRequestUrl = (raw: string): URL => {
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
    return u;
  } catch {
    throw new WhyError("USAGE", `"${raw}" is not an http(s) URL`);
  }
};
