// Placeholder until the IAM evaluator is merged.
import type { ApiGatewayContext } from "../context.js";

export const checkResourcePolicy = (ctx: ApiGatewayContext): void => {
  if (ctx.api?.kind !== "REST") return;
  ctx.rec.skip("resource-policy", "the resource policy verdict needs the IAM evaluator", "policy");
};
