// Shared settings for the AWS SDK v3 clients of the online checks. The SDK packages are imported
// lazily by each online module, so `why403 diagnose` never loads them.
import { WhyError } from "../model/errors.js";

export interface SdkOptions {
  region?: string;
  profile?: string;
  /** An endpoint for every service (an emulator such as moto_server); AWS_ENDPOINT_URL also works. */
  endpointUrl?: string;
}

export interface ClientConfig {
  region: string;
  profile?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  maxAttempts: number;
}

export const clientConfig = (o: SdkOptions, region?: string): ClientConfig => {
  const endpoint = o.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  return {
    region: region ?? o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(o.profile ? { profile: o.profile } : {}),
    // an emulator has no virtual-hosted bucket names
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    maxAttempts: 2,
  };
};

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export const errorName = (e: unknown): string => (e as SdkError)?.name ?? "Error";

/** An SDK failure as a one-line coded error. */
export const sdkFailure = (call: string, e: unknown): WhyError => {
  const err = e as SdkError;
  const status = err?.$metadata?.httpStatusCode;
  return new WhyError("AWS_UNAVAILABLE", `${call} failed: ${err?.name ?? "Error"}${status ? ` (HTTP ${status})` : ""}: ${(err?.message ?? String(e)).split("\n")[0]}`);
};

/** Runs one SDK call; a failure becomes AWS_UNAVAILABLE naming the call. */
export const call = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    throw sdkFailure(name, e);
  }
};

/** Runs one SDK call whose failure only disables some checks: returns the error name instead. */
export const tryCall = async <T>(f: () => Promise<T>): Promise<{ ok: T } | { error: string; message: string }> => {
  try {
    return { ok: await f() };
  } catch (e) {
    return { error: errorName(e), message: ((e as SdkError)?.message ?? String(e)).split("\n")[0] ?? "" };
  }
};
