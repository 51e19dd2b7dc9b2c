// Online mode: the distribution (by id, alternate domain name or *.cloudfront.net name) and the
// S3 origin's bucket policy, read with the AWS SDK. Imported lazily by the command.
import { WhyError } from "../../model/errors.js";
import { clientConfig, must, quietSdk, read, type AwsOptions } from "../online/sdk.js";
import { aliasMatches } from "./match.js";
import type { DistributionConfig, LoadedDistribution } from "./types.js";

export interface FoundDistribution {
  dist: LoadedDistribution;
  notes: string[];
}

export const fetchDistribution = async (host: string, id: string | undefined, o: AwsOptions): Promise<FoundDistribution> => {
  quietSdk();
  const cf = await import("@aws-sdk/client-cloudfront");
  // CloudFront is global: its API lives in us-east-1
  const client = new cf.CloudFrontClient(clientConfig({ ...o, region: "us-east-1" }));
  const notes: string[] = [];
  let distId = id;
  if (!distId) {
    let marker: string | undefined;
    do {
      const page = await must("cloudfront ListDistributions", () => client.send(new cf.ListDistributionsCommand(marker ? { Marker: marker } : {})));
      const items = page.DistributionList?.Items ?? [];
      const hit = items.find((d) => d.DomainName?.toLowerCase() === host.toLowerCase() || (d.Aliases?.Items ?? []).some((a) => aliasMatches(a, host)));
      if (hit?.Id) distId = hit.Id;
      marker = page.DistributionList?.IsTruncated ? page.DistributionList.NextMarker : undefined;
    } while (!distId && marker);
    if (!distId) {
      throw new WhyError("AWS_UNAVAILABLE", `no distribution of this account lists ${host} as an alternate domain name: it is served by another account's distribution, or the alias is missing (give --id DISTRIBUTION_ID to check one)`);
    }
    notes.push(`distribution ${distId} found by ListDistributions for ${host}`);
  }
  const got = await must("cloudfront GetDistribution", () => client.send(new cf.GetDistributionCommand({ Id: distId })));
  const d = got.Distribution;
  if (!d?.DistributionConfig) throw new WhyError("AWS_UNAVAILABLE", `GetDistribution ${distId} returned no DistributionConfig`);
  return {
    dist: {
      config: d.DistributionConfig as unknown as DistributionConfig,
      id: d.Id ?? distId,
      ...(d.ARN ? { arn: d.ARN } : {}),
      ...(d.DomainName ? { domainName: d.DomainName } : {}),
      shape: "get-distribution",
    },
    notes,
  };
};

/** The bucket policy, an empty policy when the bucket has none, or a note when it cannot be read. */
export const fetchBucketPolicy = async (bucket: string, region: string | undefined, o: AwsOptions): Promise<{ policy?: unknown; note?: string }> => {
  quietSdk();
  const s3 = await import("@aws-sdk/client-s3");
  const client = new s3.S3Client({ ...clientConfig({ ...o, region: region ?? o.region ?? "us-east-1" }), ...(o.endpointUrl ? { forcePathStyle: true } : {}) });
  const r = await read(() => client.send(new s3.GetBucketPolicyCommand({ Bucket: bucket })), ["NoSuchBucketPolicy"]);
  if (r.ok) {
    try {
      return { policy: JSON.parse(r.value.Policy ?? "{}") as unknown };
    } catch {
      return { note: `the bucket policy of ${bucket} is not JSON` };
    }
  }
  if (r.absent) return { policy: { Version: "2012-10-17", Statement: [] } };
  return { note: `GetBucketPolicy ${bucket}: ${r.error}; the bucket policy check is skipped` };
};
