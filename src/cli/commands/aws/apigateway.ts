// `why403 aws apigateway URL`: why would API Gateway answer this request with 403? Offline from a
// directory of AWS CLI outputs, or online with the SDK.
import { checkApiGateway } from "../../../aws/apigateway/check.js";
import { readConfigDir } from "../../../aws/apigateway/load-dir.js";
import { parseHeaderOptions } from "../../../checks/headers.js";
import { parseRequestUrl } from "../../../checks/url.js";
import { decodeInput } from "../../../input/normalise.js";
import type { Report } from "../../../model/report.js";
import {
  addHeaderOption,
  addOutputOptions,
  addSdkOptions,
  runCheck,
  sdkOptionsOf,
  type OutputOptions,
  type SdkCliOptions,
} from "../../check-command.js";
import type { RegisterCommand } from "../../io.js";
import { readInput } from "../../../io/open-input.js";

const HELP = `
Offline: a directory with what the AWS CLI prints, one file per command, named after it
(a missing file only disables the checks that need it; AWS CLI v1 and v2 output both work):
  aws apigateway get-rest-apis                                   > get-rest-apis.json
  aws apigateway get-rest-api --rest-api-id ID                   > get-rest-api.json     (with the resource policy)
  aws apigateway get-resources --rest-api-id ID --embed methods  > get-resources.json
  aws apigateway get-stages --rest-api-id ID                     > get-stages.json
  aws apigateway get-domain-names                                > get-domain-names.json
  aws apigateway get-base-path-mappings --domain-name DOMAIN     > get-base-path-mappings.json   (or get-base-path-mappings.DOMAIN.json)
  aws apigateway get-authorizers --rest-api-id ID                > get-authorizers.json
  aws apigateway get-gateway-responses --rest-api-id ID          > get-gateway-responses.json
  aws apigateway get-api-keys --include-values                   > get-api-keys.json
  aws apigateway get-usage-plans                                 > get-usage-plans.json
  optional: get-usage-plan-keys[.PLAN_ID].json, describe-vpc-endpoints.json (aws ec2 describe-vpc-endpoints);
  HTTP APIs: aws apigatewayv2 get-api / get-apis / get-routes / get-stages / get-authorizers /
  get-domain-names / get-api-mappings, saved the same way.

Online (AWS SDK): leave out --config; the API comes from the execute-api host or the custom
domain's mappings.

What it checks: the stage, the default endpoint (disableExecuteApiEndpoint), private APIs and VPC
endpoints (x-apigw-api-id, private DNS), custom domain mappings and a stage kept in the URL, mutual
TLS (--client-cert/--truststore), AWS WAF, the resource and method, IAM (SigV4) / Lambda / Cognito /
JWT authorization, API keys and usage plans, the resource policy (--caller, --source-ip), and
gateway responses that change status codes.

Examples:
  why403 aws apigateway https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets --config ./apigw
  why403 aws apigateway https://api.example.com/v1/orders -X POST -H 'x-api-key: …' --config ./apigw --json
  why403 aws apigateway https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/pets --profile prod

Exit codes: 0 checked (the report says what was found), 1 the input or the AWS calls failed, 2 usage error.`;

interface ApiGatewayOptions extends OutputOptions, SdkCliOptions {
  config?: string;
  request?: string;
  header: string[];
  caller?: string;
  sourceIp?: string;
  clientCert?: string;
  truststore?: string;
}

const readText = async (file: string): Promise<string> => decodeInput(await readInput(file));

const runApiGateway = async (url: string, opts: ApiGatewayOptions): Promise<Report> => {
  const headers = parseHeaderOptions(opts.header);
  const requestUrl = parseRequestUrl(url);
  const extra = {
    url,
    headers,
    ...(opts.request ? { method: opts.request } : {}),
    ...(opts.caller ? { caller: opts.caller } : {}),
    ...(opts.sourceIp ? { sourceIp: opts.sourceIp } : {}),
    ...(opts.clientCert ? { clientCert: await readText(opts.clientCert) } : {}),
    ...(opts.truststore ? { truststore: await readText(opts.truststore) } : {}),
    ...(opts.showSecrets ? { showSecrets: true } : {}),
  };
  if (opts.config) {
    const cfg = await readConfigDir(opts.config, requestUrl.hostname.toLowerCase());
    return checkApiGateway({ ...extra, file: opts.config, cfg, ...(opts.region ? { region: opts.region } : {}) });
  }
  const online = await import("../../../aws/apigateway/online.js");
  const got = await online.fetchApiGatewayConfig(requestUrl, headers, sdkOptionsOf(opts));
  return checkApiGateway({ ...extra, file: got.cfg.origin, cfg: got.cfg, region: got.region, notes: got.notes });
};

export const registerAwsApiGateway: RegisterCommand = (aws, io, setExit) => {
  const cmd = aws
    .command("apigateway")
    .description("why would API Gateway answer this URL with 403? (REST and HTTP APIs, offline or online)")
    .argument("<url>", "the URL called (execute-api, VPC endpoint or custom domain)")
    .option("--config <dir>", "a directory of AWS CLI outputs (see below); without it, online")
    .option("-X, --request <method>", "the HTTP method (default GET)")
    .option("--caller <arn>", "the caller's IAM ARN for the resource policy (default: anonymous when unsigned)")
    .option("--source-ip <ip>", "the caller's public IP for aws:SourceIp conditions")
    .option("--client-cert <file>", "the client certificate (PEM) for a mutual TLS domain")
    .option("--truststore <file>", "the domain's truststore (PEM bundle, as uploaded to S3)");
  addHeaderOption(cmd);
  addSdkOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText("after", HELP).action(async (url: string, opts: ApiGatewayOptions) => setExit(await runCheck(opts.config ?? url, opts, io, () => runApiGateway(url, opts))));
};
