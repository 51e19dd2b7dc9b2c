// The AWS SDK for JavaScript v3, loaded only when an online command runs (the CLI bundle keeps
// @aws-sdk/* external, so `why403 diagnose` never pays for it). One place builds client config.
import { WhyError } from "../../model/errors.js";

export interface AwsOptions {
  profile?: string;
  region?: string;
  /** A custom endpoint (an emulator such as moto, or a VPC endpoint URL). */
  endpointUrl?: string;
}

/**
 * A fixed endpoint for services whose endpoint rules put the account id in the host name
 * (S3 Control): with a custom endpoint the request must go to that endpoint as given.
 */
export const fixedEndpoint = (o: AwsOptions): Record<string, unknown> =>
  o.endpointUrl ? { endpointProvider: () => ({ url: new URL(o.endpointUrl!) }) } : {};

export const clientConfig = (o: AwsOptions): Record<string, unknown> => ({
  ...(o.region ? { region: o.region } : {}),
  ...(o.profile ? { profile: o.profile } : {}),
  ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
  maxAttempts: 2,
});

/** The SDK warns on stderr about future Node versions; that is not the user's problem here. */
export const quietSdk = (): void => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
};

export const loadSdk = async () => {
  quietSdk();
  const [s3, s3control, sts, iam, kms] = await Promise.all([
    import("@aws-sdk/client-s3"),
    import("@aws-sdk/client-s3-control"),
    import("@aws-sdk/client-sts"),
    import("@aws-sdk/client-iam"),
    import("@aws-sdk/client-kms"),
  ]);
  return { s3, s3control, sts, iam, kms };
};

export type Sdk = Awaited<ReturnType<typeof loadSdk>>;

interface AwsError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** What became of one configuration read: its value, absent (not configured), or denied. */
export type Read<T> = { ok: true; value: T } | { ok: false; absent: boolean; error: string; status?: number };

const NETWORK = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|socket hang up/;

/**
 * Runs one SDK call; "not configured" answers (NoSuchBucketPolicy …) and denials become Read
 * values, while an unreachable endpoint or missing credentials/region stop the command.
 */
export const read = async <T>(call: () => Promise<T>, absentNames: string[] = []): Promise<Read<T>> => {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    const err = e as AwsError;
    const name = err.name ?? err.code ?? "Error";
    const message = `${name}: ${err.message ?? ""}`.replace(/\s+/g, " ").trim();
    if (NETWORK.test(message) || NETWORK.test(String(err.code))) throw new WhyError("AWS_UNAVAILABLE", `cannot reach the AWS endpoint (${message})`);
    if (/Region is missing/i.test(message)) throw new WhyError("AWS_UNAVAILABLE", "no region: pass --region or set AWS_REGION");
    if (/CredentialsProviderError|Could not load credentials|credential/i.test(name)) throw new WhyError("AWS_UNAVAILABLE", `no usable credentials (${err.message ?? name})`);
    const status = err.$metadata?.httpStatusCode;
    return { ok: false, absent: absentNames.includes(name) || (status === 404 && absentNames.includes("404")), error: status ? `${message} (HTTP ${status})` : message, ...(status ? { status } : {}) };
  }
};

/** Runs one SDK call that the command cannot do without: any failure stops it, naming the call. */
export const must = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
  const r = await read(call);
  if (!r.ok) throw new WhyError("AWS_UNAVAILABLE", `${name} failed: ${r.error}`);
  return r.value;
};
