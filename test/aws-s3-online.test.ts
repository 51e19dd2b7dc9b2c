// `why403 aws s3` against moto_server: real SDK calls, real S3 403/404 answers, the same verdict.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { motoAvailable, startMoto, type Moto } from "./helpers/moto.js";

const bin = fileURLToPath(new URL("../../bin/why403.js", import.meta.url));
const skip = motoAvailable() ? false : "moto_server is not installed (pip install 'moto[server]')";

interface Out {
  decision: string;
  cause?: string;
  headStatus?: number;
  deciding: { policy: string; statement?: string }[];
  gathered: string[];
}

describe("why403 aws s3 (online, against moto_server)", { skip }, () => {
  let moto: Moto;
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  const why = (args: string[]) => spawnSync(process.execPath, [bin, "aws", "s3", ...args, "--endpoint-url", moto.endpoint, "--region", "us-east-1"], { encoding: "utf8", env });

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    moto = await startMoto();
    dir = mkdtempSync(join(tmpdir(), "why403-s3-online-"));
    const admin = { region: "us-east-1", endpoint: moto.endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
    const iam = new IAMClient(admin);
    await iam.send(new CreateUserCommand({ UserName: "alice" }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const read = { Version: "2012-10-17", Statement: [{ Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }] };
    await iam.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "read-objects", PolicyDocument: JSON.stringify(read) }));
    const s3 = new S3Client({ ...admin, forcePathStyle: true });
    for (const Bucket of ["https-only", "plain"]) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket: "https-only", Key: "reports/q1.csv", Body: "a,b\n" }));
    const httpsOnly = {
      Version: "2012-10-17",
      Statement: [{ Sid: "HttpsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::https-only", "arn:aws:s3:::https-only/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: "https-only", Policy: JSON.stringify(httpsOnly) }));
    env = {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: key.AccessKey!.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: key.AccessKey!.SecretAccessKey,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: join(dir, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
      NO_COLOR: "1",
    };
  });
  after(() => {
    moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("names the bucket policy statement behind S3's real 403 over plain HTTP", () => {
    const r = why(["s3://https-only/reports/q1.csv", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as Out;
    assert.equal(v.headStatus, 403, "moto answered HeadObject with 403");
    assert.equal(v.decision, "ExplicitDeny");
    assert.equal(v.cause, "resource-policy-deny");
    assert.deepEqual([v.deciding[0]?.policy, v.deciding[0]?.statement], ["bucket policy of https-only", "HttpsOnly"]);
  });

  it("explains a missing key hidden behind 403 when the caller may not list the bucket", () => {
    const r = why(["s3://plain/nothing-here.csv", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as Out;
    assert.equal(v.headStatus, 404);
    assert.equal(v.decision, "ImplicitDeny");
    assert.equal(v.cause, "object-missing-masked");
  });

  it("saves the gathered input, which aws simulate evaluates to the same verdict offline", () => {
    const saved = join(dir, "gathered.json");
    const online = JSON.parse(why(["s3://https-only/reports/q1.csv", "--json", "--save-input", saved]).stdout) as Out;
    const input = JSON.parse(readFileSync(saved, "utf8")) as { request: { principal: string } };
    assert.equal(input.request.principal, "arn:aws:iam::123456789012:user/alice");
    const offline = spawnSync(process.execPath, [bin, "aws", "simulate", "--json", saved], { encoding: "utf8" });
    assert.equal((JSON.parse(offline.stdout) as Out).decision, online.decision);
  });

  it("fails with one line when the endpoint cannot be reached", () => {
    const r = spawnSync(process.execPath, [bin, "aws", "s3", "s3://plain/x", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"], { encoding: "utf8", env });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^why403: error\[AWS_UNAVAILABLE\]: s3:\/\/plain\/x: /);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  });
});
