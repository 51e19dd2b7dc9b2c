// Politeness by construction: every request passes here before it is sent. One at a time, only
// GET/HEAD/OPTIONS (the user's own other method once, unchanged), never another scheme/host/port
// than the user's URL, never more than --max-requests, nothing more after a 429.
import type { ProbeRequest } from "./client.js";

export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** A request the guard refused: a bug in a probe, never something to send anyway. */
export class GuardRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GuardRefusal";
  }
}

const sameRequest = (a: ProbeRequest, b: ProbeRequest): boolean =>
  a.method === b.method && a.url.href === b.url.href && a.body === b.body && a.route === b.route && a.hostHeader === b.hostHeader;

export class Guard {
  private sent = 0;
  private inFlight = false;
  private replayed = false;
  /** Why no further request may be sent (429, a transport failure), once that is so. */
  stopped: string | undefined;

  constructor(
    private readonly baseline: ProbeRequest,
    readonly maxRequests: number,
  ) {}

  get requestsSent(): number {
    return this.sent;
  }

  get remaining(): number {
    return this.stopped ? 0 : Math.max(0, this.maxRequests - this.sent);
  }

  /** Checks a request and counts it as sent; throws GuardRefusal when it must not go. */
  admit(req: ProbeRequest): void {
    if (this.inFlight) throw new GuardRefusal("a request is already in flight: probes are sequential");
    if (this.stopped) throw new GuardRefusal(`probing has stopped: ${this.stopped}`);
    if (this.sent >= this.maxRequests) throw new GuardRefusal(`the budget of ${this.maxRequests} requests is spent`);
    if (req.url.origin !== this.baseline.url.origin) throw new GuardRefusal(`${req.url.origin} is not the user's ${this.baseline.url.origin}`);
    if (!SAFE_METHODS.has(req.method)) {
      // the user's own request with another method is replayed once, exactly as given
      if (this.replayed || !sameRequest(req, this.baseline)) throw new GuardRefusal(`${req.method} may only be the user's own request, sent once`);
      this.replayed = true;
    }
    this.sent++;
    this.inFlight = true;
  }

  /** Marks the request done; a 429, a 503 asking to retry later, or a broken connection ends probing. */
  done(status: number | undefined, stop?: string, retryAfter?: string): void {
    this.inFlight = false;
    if (status === 429) this.stopped = "the server answered 429 Too Many Requests";
    else if (status === 503 && retryAfter !== undefined) this.stopped = `the server answered 503 with Retry-After: ${retryAfter}`;
    else if (stop) this.stopped = stop;
  }
}
