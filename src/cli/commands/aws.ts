// `why403 aws …`: AWS verdicts from policies and configuration. Each subcommand lives in its own
// module under ./aws/ and adds one line to AWS_SUBCOMMANDS.
import type { RegisterCommand } from "../io.js";
import { registerAwsApiGateway } from "./aws/apigateway.js";
import { registerAwsCloudFront } from "./aws/cloudfront.js";
import { registerAwsDecode } from "./aws/decode.js";
import { registerAwsS3 } from "./aws/s3.js";
import { registerAwsSimulate } from "./aws/simulate.js";

/** A subcommand registers itself on the `aws` command (same shape as a top-level command). */
const AWS_SUBCOMMANDS: RegisterCommand[] = [registerAwsSimulate, registerAwsS3, registerAwsDecode, registerAwsCloudFront, registerAwsApiGateway];

const AWS_HELP = `
Examples:
  why403 aws simulate request.json             which policy and statement allow or deny a request
  why403 aws simulate --json request.json      the verdict as JSON: {decision, deciding, explain}
  why403 aws simulate details.json --principal arn:aws:iam::111122223333:user/alice \\
      --action s3:GetObject --resource arn:aws:s3:::bucket/key --resource-policy bucket-policy.json
  why403 aws s3 s3://bucket/key --profile dev  read the live configuration and explain the verdict
  why403 aws decode error.txt                  explain an "Encoded authorization failure message"
  why403 aws cloudfront https://www.example.com/a.png --config dist.json --bucket-policy policy.json
  why403 aws apigateway https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets --config ./apigw-outputs/`;

export const registerAws: RegisterCommand = (program, io, setExit) => {
  const aws = program
    .command("aws")
    .description("AWS verdicts from policies and configuration: simulate, CloudFront and API Gateway checks")
    .addHelpText("after", AWS_HELP);
  for (const register of AWS_SUBCOMMANDS) register(aws, io, setExit);
};
