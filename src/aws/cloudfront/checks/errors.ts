// Custom error responses: a 403 or 404 from the origin rewritten to another page and status,
// or another error turned into a 403. Either way the 403 seen is not the origin's own.
import { show } from "../../../checks/show.js";
import type { CloudFrontContext } from "../context.js";

export const checkCustomErrors = (ctx: CloudFrontContext): void => {
  const items = ctx.dist.config.CustomErrorResponses?.Items ?? [];
  const base = "DistributionConfig.CustomErrorResponses";
  let found = false;
  for (const [i, r] of items.entries()) {
    const path = `${base}.Items[${i}]`;
    const code = Number(r.ErrorCode);
    const to = r.ResponseCode ? Number(r.ResponseCode) : undefined;
    const page = r.ResponsePagePath ?? "";
    if (to === 403 && code !== 403) {
      found = true;
      ctx.rec.fail({
        cause: "error-page-remap",
        confidence: 0.6,
        decider: "aws-cloudfront",
        check: "custom-error-responses",
        path,
        value: show(r),
        detail: `the origin's ${code} is turned into a 403${page ? ` with ${page}` : ""}: the 403 you see may be a ${code} at the origin`,
        fix: [`Look at the origin's real answer (CloudFront access logs show the origin status), or remove ${path} so the ${code} shows as it is.`],
      });
    } else if (code === 403 || code === 404) {
      found = true;
      ctx.rec.fail({
        cause: "error-page-remap",
        confidence: 0.4,
        decider: "aws-cloudfront",
        check: "custom-error-responses",
        path,
        value: show(r),
        detail: `the origin's ${code} is replaced by ${page || "the default page"}${to ? ` with status ${to}` : ""}: the page you see is not the origin's error, and if ${page || "that page"} is itself not readable the viewer gets 403 again`,
        fix: [
          `Check that ${page || "the error page"} exists and is readable through the distribution (curl -sI https://${ctx.req.url.host}${page || "/"}), and read the origin's own status in the CloudFront access logs before fixing the rewritten one.`,
        ],
      });
    }
  }
  if (!found) ctx.rec.pass("custom-error-responses", items.length === 0 ? "no custom error responses" : "no custom error response rewrites 403 or 404", base);
};
