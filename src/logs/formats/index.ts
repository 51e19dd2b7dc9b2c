// Every supported log format, in detection order (more specific first).
import { alb } from "./alb.js";
import { apigateway } from "./apigateway.js";
import { cloudfront } from "./cloudfront.js";
import { cloudtrail } from "./cloudtrail.js";
import { apacheCombined, nginxCombined } from "./combined.js";
import { apacheError, nginxError } from "./error-logs.js";
import type { LogFormat, LogFormatId } from "./format.js";
import { s3Access } from "./s3-access.js";
import { waf } from "./waf.js";

export const FORMATS: readonly LogFormat[] = [cloudfront, waf, cloudtrail, apigateway, alb, s3Access, nginxError, apacheError, nginxCombined, apacheCombined];

export const formatById = (id: LogFormatId): LogFormat => {
  const f = FORMATS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown format ${id}`);
  return f;
};
