// The part of a CloudFront DistributionConfig the checks read, spelled as
// `aws cloudfront get-distribution-config` prints it (and as the SDK v3 returns it).

export interface CfList<T> {
  Quantity?: number;
  Items?: T[];
}

export interface CfSigners {
  Enabled?: boolean;
  Quantity?: number;
  Items?: string[];
}

export interface CfForwardedValues {
  QueryString?: boolean;
  Cookies?: { Forward?: string; WhitelistedNames?: CfList<string> };
  Headers?: CfList<string>;
}

export interface CfFunctionAssociation {
  EventType?: string;
  FunctionARN?: string;
  LambdaFunctionARN?: string;
}

export interface CfCacheBehavior {
  PathPattern?: string;
  TargetOriginId: string;
  TrustedSigners?: CfSigners;
  TrustedKeyGroups?: CfSigners;
  ViewerProtocolPolicy?: string;
  AllowedMethods?: CfList<string> & { CachedMethods?: CfList<string> };
  ForwardedValues?: CfForwardedValues;
  CachePolicyId?: string;
  OriginRequestPolicyId?: string;
  FunctionAssociations?: CfList<CfFunctionAssociation>;
  LambdaFunctionAssociations?: CfList<CfFunctionAssociation>;
}

export interface CfOrigin {
  Id: string;
  DomainName: string;
  OriginPath?: string;
  CustomHeaders?: CfList<{ HeaderName: string; HeaderValue?: string }>;
  S3OriginConfig?: { OriginAccessIdentity?: string };
  CustomOriginConfig?: { HTTPPort?: number; HTTPSPort?: number; OriginProtocolPolicy?: string };
  OriginAccessControlId?: string;
}

export interface CfOriginGroup {
  Id: string;
  Members?: CfList<{ OriginId: string }>;
  FailoverCriteria?: { StatusCodes?: CfList<number> };
}

export interface CfCustomErrorResponse {
  ErrorCode: number;
  ResponsePagePath?: string;
  ResponseCode?: string;
  ErrorCachingMinTTL?: number;
}

export interface DistributionConfig {
  CallerReference?: string;
  Aliases?: CfList<string>;
  DefaultRootObject?: string;
  Origins: CfList<CfOrigin>;
  OriginGroups?: CfList<CfOriginGroup>;
  DefaultCacheBehavior: CfCacheBehavior;
  CacheBehaviors?: CfList<CfCacheBehavior>;
  CustomErrorResponses?: CfList<CfCustomErrorResponse>;
  Comment?: string;
  Enabled?: boolean;
  Restrictions?: { GeoRestriction?: { RestrictionType?: string; Quantity?: number; Items?: string[] } };
  WebACLId?: string;
  ViewerCertificate?: Record<string, unknown>;
}

/** A distribution as the checks see it: the configuration plus what only get-distribution prints. */
export interface LoadedDistribution {
  config: DistributionConfig;
  /** Present in get-distribution / list output or given by --distribution-id / online mode. */
  id?: string;
  arn?: string;
  domainName?: string;
  /** What the file was: get-distribution-config, get-distribution or a bare DistributionConfig. */
  shape: "get-distribution-config" | "get-distribution" | "distribution-config";
}
