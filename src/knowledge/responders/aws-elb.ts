import { defineResponder } from "../schema.js";

const DOCS_ALB_LOG = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html";
const DOCS_TROUBLE = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html";

export default defineResponder({
  id: "aws-elb",
  name: "AWS Elastic Load Balancing (ALB/CLB)",
  layer: "load-balancer",
  summary:
    "An Application or Classic Load Balancer is in the path. The load balancer itself answers 403 only for an AWS WAF block or a listener rule with a fixed-response action; any other 403 through it was written by the target and passed on.",
  howToTell: [
    "`Server: awselb/2.0` is only on responses the ALB generated itself (a WAF block, see aws-waf); a target's 403 keeps the target's headers and body.",
    "`AWSALB` / `AWSALBCORS` / `AWSALBTG` (ALB) and `AWSELB` (Classic) stickiness cookies only say a load balancer is in the path.",
    "The access log separates the two: `elb_status_code` 403 with `target_status_code` `-` was answered by the load balancer (`actions_executed` says `waf` or `fixed-response`); 403 in both columns came from the target.",
  ],
  sources: [DOCS_TROUBLE, DOCS_ALB_LOG, "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#fixed-response-actions"],
  signals: [
    {
      id: "stickiness-cookie",
      role: "presence",
      when: [{ on: "cookie", name: /^(?:AWSALB(?:CORS|TG|TGCORS)?|AWSELB(?:CORS)?|AWSALBAPP-\d+)$/ }],
      weight: 0.4,
      detail: "an ELB stickiness cookie: a load balancer is in the path",
    },
    {
      id: "log-fixed-response",
      role: "decision",
      when: [{ on: "body", match: /(?:^|\n)(?:https?|h2|wss?|grpcs?) \S+ \S+ \S+ - -1 -1 -1 403 - [^\n]*"fixed-response"/ }],
      weight: 0.85,
      causes: { "path-blocked": 0.7 },
      detail: "ALB access log: a listener rule's fixed-response action answered 403 (no target was called)",
      sources: [DOCS_ALB_LOG],
    },
    {
      id: "log-target-403",
      role: "hint",
      when: [{ on: "body", match: /(?:^|\n)(?:https?|h2|wss?|grpcs?) \S+ \S+ \S+ [\d.:a-f[\]]+ [\d.-]+ [\d.-]+ [\d.-]+ 403 403 /i }],
      weight: 0,
      causes: { "origin-denied": 0.8 },
      detail: "ALB access log: the target answered 403 and the load balancer passed it on",
    },
    {
      id: "log-line-403",
      role: "presence",
      when: [{ on: "body", match: /(?:^|\n)(?:https?|h2|wss?|grpcs?) \d{4}-\d\d-\d\dT[\d:.]+Z app\/[\w-]+\/[0-9a-f]+ /i }],
      weight: 0.5,
      detail: "an ALB access log line",
    },
  ],
  causes: {
    "origin-denied": {
      prior: 0.4,
      title: "The target behind the load balancer wrote the 403",
      note: "The load balancer only forwards: with no ALB-generated page or header, the 403 came from the registered target (the application or its web server).",
      fix: ["Look at the target's own logs for the request (match the `X-Amzn-Trace-Id` header the ALB adds), or call a target directly from inside the VPC: `curl -sv http://TARGET_IP:PORT{path|/PATH} -H 'Host: {host|HOST}'`."],
      verify: ["curl -sI http://TARGET_IP:PORT{path|/PATH} -H 'Host: {host|HOST}' (the same 403 without the ALB means the target decides)"],
    },
    "waf-rule": {
      prior: 0.3,
      fix: ["WAF console → Web ACLs (the ALB's region) → the ACL associated with the load balancer → Sampled requests: find the blocked request and add an exception for the matching rule."],
      verify: ["aws wafv2 get-web-acl-for-resource --resource-arn ALB_ARN (shows the associated web ACL)"],
    },
    "path-blocked": {
      prior: 0.2,
      title: "A listener rule answers 403 with a fixed response",
      fix: ["EC2 console → Load balancers → the ALB → Listeners → View/edit rules: change or reorder the rule with the fixed-response 403 action that matches {path|the path} / {host|the host}."],
      verify: ["aws elbv2 describe-rules --listener-arn LISTENER_ARN --query \"Rules[?Actions[?Type=='fixed-response']].[Priority,Conditions]\"", "curl -sI {url|URL} (expect the target's answer)"],
    },
    "ip-denied": {
      prior: 0.05,
      fix: ["A fixed-response rule on `source-ip` or a WAF IP set may refuse the client: check the rule conditions for the client's address."],
      verify: ["aws elbv2 describe-rules --listener-arn LISTENER_ARN"],
    },
  },
  examples: [
    {
      name: "ALB access log: a fixed-response rule answered 403",
      source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html",
      input:
        "https 2024-05-06T10:00:00.123456Z app/my-alb/50dc6c495c0c9188 198.51.100.7:52000 - -1 -1 -1 403 - 154 349 \"GET https://api.example.com:443/admin HTTP/1.1\" \"curl/8.4.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"api.example.com\" \"arn:aws:acm:us-east-1:123456789012:certificate/12345678\" 1 2024-05-06T10:00:00.120000Z \"fixed-response\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"",
      expect: { responder: "aws-elb", cause: "path-blocked" },
    },
    {
      name: "ALB access log: the target answered 403",
      source: "https://github.com/wazuh/wazuh/pull/17648",
      input:
        "http 2020-11-23T23:57:06.780380Z app/ALB-framework-dev/959dfdbaed241613 192.0.2.10:51444 10.0.1.20:80 0.001 0.001 0.000 403 403 136 5173 \"GET http://52.52.208.49:80/ HTTP/1.1\" \"Mozilla/5.0 (compatible; Nimbostratus-Bot/v1.3.2; http://cloudsystemnetworks.com)\" - - arn:aws:elasticloadbalancing:us-west-1:166157441623:targetgroup/EC2/a7985a8385b86dc0 \"Root=1-5fbc4c52-5a3a21203a0b9d20551c0535\" \"-\" \"-\" 0 2020-11-23T23:57:06.778000Z \"forward\" \"-\" \"-\"",
      expect: { responder: "aws-elb", cause: "origin-denied" },
    },
    {
      name: "a target's plain 403 behind an ALB (stickiness cookies only)",
      source: "https://github.com/skoruba/IdentityServer4.Admin/issues/823",
      input:
        "HTTP/1.1 403 Forbidden\r\nDate: Thu, 15 Apr 2021 10:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nSet-Cookie: AWSALB=Zx9kQ1n2; Expires=Thu, 22 Apr 2021 10:00:00 GMT; Path=/\r\nSet-Cookie: AWSALBCORS=Zx9kQ1n2; Expires=Thu, 22 Apr 2021 10:00:00 GMT; Path=/; SameSite=None; Secure\r\n\r\nForbidden",
      expect: { responder: "aws-elb", cause: "origin-denied" },
    },
    {
      name: "an app's 403 behind an ALB (stickiness cookie only)",
      source: "https://github.com/skoruba/IdentityServer4.Admin/issues/823",
      input:
        "HTTP/1.1 403 Forbidden\r\nDate: Thu, 15 Apr 2021 10:00:00 GMT\r\nContent-Type: application/json\r\nSet-Cookie: AWSALB=Zx9kQ1n2; Expires=Thu, 22 Apr 2021 10:00:00 GMT; Path=/\r\nSet-Cookie: AWSALBCORS=Zx9kQ1n2; Expires=Thu, 22 Apr 2021 10:00:00 GMT; Path=/; SameSite=None; Secure\r\n\r\n{\"error\":\"insufficient_scope\"}",
      expect: { notResponder: "aws-elb" },
    },
    {
      name: "WAF default block on an ALB is the WAF's answer",
      source: "https://github.com/magenx/Magento-2-aws-cluster-terraform/issues/12",
      input:
        "HTTP/1.1 403 Forbidden\r\nServer: awselb/2.0\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n</body>\r\n</html>\r\n",
      expect: { notResponder: "aws-elb" },
    },
  ],
});
