// Gateway responses that change a status code: the 403 seen may be another error (or a 403 may
// show up as something else).
import { show } from "../../../checks/show.js";
import type { ApiGatewayContext } from "../context.js";

/** The default status of each gateway response type (API Gateway developer guide). */
const DEFAULT_STATUS: Readonly<Record<string, string>> = {
  ACCESS_DENIED: "403",
  API_CONFIGURATION_ERROR: "500",
  AUTHORIZER_CONFIGURATION_ERROR: "500",
  AUTHORIZER_FAILURE: "500",
  BAD_REQUEST_PARAMETERS: "400",
  BAD_REQUEST_BODY: "400",
  EXPIRED_TOKEN: "403",
  INTEGRATION_FAILURE: "504",
  INTEGRATION_TIMEOUT: "504",
  INVALID_API_KEY: "403",
  INVALID_SIGNATURE: "403",
  MISSING_AUTHENTICATION_TOKEN: "403",
  QUOTA_EXCEEDED: "429",
  REQUEST_TOO_LARGE: "413",
  RESOURCE_NOT_FOUND: "404",
  THROTTLED: "429",
  UNAUTHORIZED: "401",
  UNSUPPORTED_MEDIA_TYPE: "415",
  WAF_FILTERED: "403",
};

export const checkGatewayResponses = (ctx: ApiGatewayContext): void => {
  const responses = ctx.cfg.gatewayResponses;
  if (!responses) {
    ctx.rec.skip("gateway-responses", "get-gateway-responses.json is missing", "responseType");
    return;
  }
  let found = false;
  for (const r of responses) {
    if (r.isDefault || !r.statusCode) continue;
    const normal = DEFAULT_STATUS[r.type];
    if (r.statusCode === "403" && normal !== "403") {
      found = true;
      ctx.rec.fail({
        cause: "error-page-remap",
        confidence: 0.55,
        decider: "aws-apigateway",
        check: "gateway-responses",
        path: `${r.source}.statusCode`,
        value: show({ responseType: r.type, statusCode: r.statusCode }),
        detail: `the gateway response ${r.type} (normally ${normal ?? "4XX/5XX"}) is changed to 403: the 403 seen may be that error`,
        fix: [`Check the API's execution log for the real error, or restore the status: aws apigateway delete-gateway-response --rest-api-id ${ctx.target.apiId ?? "API_ID"} --response-type ${r.type}`],
      });
    } else if (normal === "403" && r.statusCode !== "403") {
      ctx.rec.warn("gateway-responses", `${r.type} answers ${r.statusCode} instead of 403: that refusal does not show up as a 403 at all`, `${r.source}.statusCode`);
    }
  }
  if (!found) ctx.rec.pass("gateway-responses", "no gateway response is changed to 403", "get-gateway-responses.json:items[].statusCode");
};
