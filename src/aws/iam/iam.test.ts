import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { arnMatch, splitArn } from "./arn.js";
import { fromAuthorizationDetails, type AuthorizationDetails } from "./authorization-details.js";
import { readContext } from "./context.js";
import { evaluate } from "./evaluate.js";
import { globMatch, literal } from "./glob.js";
import { inCidr, parseCidr, parseIp } from "./ip.js";
import { parsePolicy } from "./parse.js";
import type { SimulateInput } from "./types.js";
import { substitute } from "./variables.js";
import { WhyError } from "../../model/errors.js";
import { renderVerdict } from "../../render/render-verdict.js";

const USER = "arn:aws:iam::111122223333:user/alice";
const OBJ = "arn:aws:s3:::example-bucket/reports/q1.csv";

const input = (over: Partial<SimulateInput["policies"]>, context: Record<string, string> = {}): SimulateInput => ({
  request: { principal: USER, action: "s3:GetObject", resource: OBJ, resourceAccount: "111122223333", context },
  policies: { identity: [], resource: null, scp: [], rcp: [], boundary: null, session: null, ...over },
});

describe("glob and ARN matching", () => {
  it("matches * across any run and ? as one character", () => {
    assert.ok(globMatch("a*c", "abbbc"));
    assert.ok(globMatch("a?c", "abc"));
    assert.ok(!globMatch("a?c", "abbc"));
    assert.ok(globMatch("*", ""));
    assert.ok(!globMatch("abc", "abcd"));
  });
  it("treats substituted values' * and ? as literal characters", () => {
    assert.ok(globMatch(`home/${literal("a*")}`, "home/a*"));
    assert.ok(!globMatch(`home/${literal("a*")}`, "home/abc"));
  });
  it("matches ARNs component by component", () => {
    assert.deepEqual(splitArn("arn:aws:s3:::b/k:with:colons")?.resource, "b/k:with:colons");
    assert.ok(arnMatch("arn:aws:sqs:*:111122223333:q", "arn:aws:sqs:eu-west-1:111122223333:q"));
    assert.ok(!arnMatch("arn:aws:sqs:*:q", "arn:aws:sqs:eu-west-1:111122223333:q"));
    assert.equal(splitArn("s3://bucket"), undefined);
  });
});

describe("IP ranges", () => {
  it("reads IPv4, IPv6 and embedded IPv4 and checks prefixes", () => {
    assert.ok(inCidr(parseCidr("10.0.0.0/8")!, parseIp("10.200.3.4")!));
    assert.ok(!inCidr(parseCidr("10.0.0.0/9")!, parseIp("10.200.3.4")!));
    assert.ok(inCidr(parseCidr("2001:db8::/32")!, parseIp("2001:db8:ffff::1")!));
    assert.ok(inCidr(parseCidr("::ffff:192.0.2.0/120")!, parseIp("::ffff:192.0.2.9")!));
    assert.ok(!inCidr(parseCidr("0.0.0.0/0")!, parseIp("::1")!));
    assert.equal(parseCidr("10.0.0.0/40"), undefined);
  });
});

describe("policy variables", () => {
  it("substitutes keys case-insensitively, defaults and escapes", () => {
    const ctx = readContext({ "aws:username": "alice" });
    assert.equal(substitute("home/${AWS:UserName}/", ctx), "home/alice/");
    assert.equal(substitute("${aws:PrincipalTag/team, 'all'}", ctx), "all");
    assert.equal(substitute("${aws:PrincipalTag/team}", ctx), undefined);
    assert.equal(substitute("cost$${$}", ctx), "cost$$");
  });
});

describe("policy validation errors name the policy, statement and field", () => {
  const fails = (doc: unknown, pattern: RegExp) =>
    assert.throws(() => parsePolicy({ name: "p.json", document: doc as never }, "identity", "identity[0]"), (e: unknown) => e instanceof WhyError && e.code === "POLICY_INVALID" && pattern.test(e.message));
  it("rejects unknown operators with a suggestion", () =>
    fails({ Version: "2012-10-17", Statement: [{ Sid: "S1", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEqualz: { k: "v" } } }] }, /"p\.json", statement S1, field Condition\.StringEqualz: unknown condition operator "StringEqualz" \(did you mean StringEquals\?\)/));
  it("rejects a statement list that is not objects", () => fails({ Statement: ["x"] }, /Statement\[0\]/));
  it("rejects a missing Statement", () => fails({ Version: "2012-10-17" }, /Statement: missing/));
  it("rejects an empty Action list", () => fails({ Statement: [{ Effect: "Allow", Action: [], Resource: "*" }] }, /Action: is an empty list/));
  it("reads URL-encoded documents as IAM returns them", () => {
    const p = parsePolicy({ name: "enc", document: encodeURIComponent('{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}') }, "identity", "x");
    assert.equal(p.statements.length, 1);
  });
  it("never allows when a policy is malformed, even if another allows", () => {
    assert.throws(() => evaluate(input({ identity: [{ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, { name: "bad", document: "{" }] })), /bad/);
  });
});

describe("verdict fixes", () => {
  it("names the failing condition and its context value", () => {
    const v = evaluate(input({ identity: [{ Version: "2012-10-17", Statement: [{ Sid: "Office", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }] }] }, { "aws:SourceIp": "198.51.100.9" }));
    assert.equal(v.decision, "ImplicitDeny");
    assert.equal(v.fix?.kind, "satisfy-condition");
    assert.equal(v.fix?.condition?.contextValue, "198.51.100.9");
    assert.match(v.fix?.simulateCommand ?? "", /simulate-principal-policy[\s\S]*--policy-source-arn arn:aws:iam::111122223333:user\/alice[\s\S]*ContextKeyName=aws:SourceIp,ContextKeyValues=198\.51\.100\.9,ContextKeyType=ip/);
  });
  it("proposes the statement to add, with a Principal for a resource policy", () => {
    const v = evaluate({ ...input({}), request: { principal: "arn:aws:iam::444455556666:user/carol", action: "s3:GetObject", resource: OBJ, resourceAccount: "111122223333" }, policies: { identity: [{ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }] } });
    assert.equal(v.fix?.kind, "add-statement");
    assert.equal(v.fix?.policyType, "resource");
    assert.deepEqual(v.fix?.statement?.Principal, { AWS: "arn:aws:iam::444455556666:user/carol" });
  });
  it("lists every layer that must change when several lack an Allow", () => {
    const v = evaluate(input({ boundary: { Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] } }));
    assert.deepEqual(v.deciding.map((d) => d.policyType), ["identity", "boundary"]);
    assert.equal(v.fix?.also?.length, 1);
  });
  it("tells which NotPrincipal entries are missing", () => {
    const v = evaluate(input({ identity: [{ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }], resource: { Statement: [{ Effect: "Deny", NotPrincipal: { AWS: USER }, Action: "s3:*", Resource: "*" }] } }));
    assert.equal(v.decision, "ExplicitDeny");
    assert.match(v.fix?.summary ?? "", /add arn:aws:iam::111122223333:root to NotPrincipal/);
  });
});

describe("renderVerdict", () => {
  it("reads like a compiler diagnostic with help and verify lines", () => {
    const v = evaluate(input({ resource: { name: "bucket-policy.json", document: { Version: "2012-10-17", Statement: [{ Sid: "HttpsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] } } }, { "aws:SecureTransport": "false" }));
    const text = renderVerdict(v, { color: false });
    assert.match(text, /^error\[ExplicitDeny\]: arn:aws:iam::111122223333:user\/alice → s3:GetObject on/);
    assert.match(text, /--> bucket-policy\.json: statement "HttpsOnly" \(resource-based policy, Deny\)/);
    assert.match(text, /Condition Bool aws:SecureTransport "false" — request "false" → true/);
    assert.match(text, /= help: /);
    assert.match(text, /= verify: aws iam simulate-principal-policy/);
  });
});

describe("get-account-authorization-details", () => {
  const details: AuthorizationDetails = {
    UserDetailList: [{ UserName: "alice", Arn: USER, GroupList: ["readers"], UserPolicyList: [{ PolicyName: "inline", PolicyDocument: { Statement: [{ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] } }], AttachedManagedPolicies: [], PermissionsBoundary: { PermissionsBoundaryArn: "arn:aws:iam::111122223333:policy/Boundary" }, Tags: [{ Key: "team", Value: "data" }] }],
    GroupDetailList: [{ GroupName: "readers", GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: "Read", PolicyArn: "arn:aws:iam::111122223333:policy/Read" }] }],
    RoleDetailList: [],
    Policies: [
      { PolicyName: "Read", Arn: "arn:aws:iam::111122223333:policy/Read", PolicyVersionList: [{ IsDefaultVersion: false, Document: { Statement: [] } }, { IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/${aws:PrincipalTag/team}/*" }] })) }] },
      { PolicyName: "Boundary", Arn: "arn:aws:iam::111122223333:policy/Boundary", PolicyVersionList: [{ IsDefaultVersion: true, Document: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }] },
    ],
  };
  it("gathers user, group and managed policies and the boundary, with principal tags", () => {
    const sim = fromAuthorizationDetails(details, { principal: USER, action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/data/x.csv" });
    assert.equal(sim.policies.identity?.length, 2);
    assert.ok(sim.policies.boundary);
    const v = evaluate(sim);
    assert.equal(v.decision, "Allow");
    assert.ok(v.deciding.some((d) => d.policy.includes("managed policy Read") && d.statement === "ReadReports"));
  });
  it("fails clearly when an attached managed policy's document is missing", () => {
    assert.throws(() => fromAuthorizationDetails({ ...details, Policies: [] }, { principal: USER, action: "s3:GetObject", resource: OBJ }), /without --filter/);
  });
});
