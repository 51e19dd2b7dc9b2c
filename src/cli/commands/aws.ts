// `why403 aws …`: checks that read AWS configuration, one module per subcommand in ./aws/.
import type { RegisterCommand } from "../io.js";
import { registerAwsApiGateway } from "./aws/apigateway.js";
import { registerAwsCloudFront } from "./aws/cloudfront.js";

/** Every `aws` subcommand; a new one adds one line here. */
const AWS_SUBCOMMANDS: RegisterCommand[] = [registerAwsCloudFront, registerAwsApiGateway];

export const registerAws: RegisterCommand = (program, io, setExit) => {
  const aws = program
    .command("aws")
    .description("check AWS configuration against a request (CloudFront, API Gateway)")
    .showHelpAfterError("(why403 aws --help lists the checks)");
  for (const register of AWS_SUBCOMMANDS) register(aws, io, setExit);
};
