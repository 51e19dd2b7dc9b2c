import { defineCause } from "../schema.js";

export default defineCause({
  id: "account-disabled",
  title: "The account, project, key or API behind this request is disabled or suspended",
  why: "Providers refuse every request, whatever the permissions, when the owning account or project is not in good standing or the service is switched off: a suspended or closed account, a disabled billing account, an API that was never enabled for the project, a disabled key, or an object/bucket the provider has blocked (`AllAccessDisabled`). Granting roles does not help until the account or API is enabled again.",
  fix: [
    "Google Cloud: enable the API for the project named in the message: `gcloud services enable SERVICE.googleapis.com --project {project|PROJECT_ID}` (or the link in the error), and check the project is linked to an open billing account: `gcloud billing projects describe {project|PROJECT_ID}`.",
    "AWS: check the account's state and any notices (Billing and Cost Management console, AWS Health, support cases); `AllAccessDisabled`/`AccountProblem` from S3 need AWS Support or the account owner, not an IAM change.",
    "Azure: check the subscription's state (`az account show --query state`); a Disabled or Warned subscription must be reactivated (billing) before resources answer again.",
    "SaaS APIs: sign in to the provider's dashboard, resolve the suspension/billing notice, or re-enable / re-issue the disabled key.",
  ],
  verify: [
    "gcloud services list --enabled --project {project|PROJECT_ID} | grep SERVICE (the API is listed), then repeat the call (expect 200)",
    "Repeat the original request once the account/API shows as active (expect 200)",
  ],
  separate:
    "Run a harmless read-only call with the same credentials against a different service or resource of the same account (`aws sts get-caller-identity`, `gcloud projects describe`, `az account show`): if everything in the account fails or the state shows disabled/suspended, it is the account or API state; if only this action fails, it is a permission.",
  mistakes: [
    "Adding IAM roles or recreating keys when the project's API is simply not enabled.",
    "Enabling the API in a different project than the one the credentials belong to (the error names the project number).",
    "Not waiting a few minutes after enabling an API or re-linking billing; the change propagates with a delay.",
  ],
  sources: [
    "https://cloud.google.com/service-usage/docs/enable-disable",
    "https://cloud.google.com/billing/docs/how-to/modify-project",
    "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList",
    "https://learn.microsoft.com/en-us/azure/cost-management-billing/manage/subscription-disabled",
  ],
  signals: [
    {
      id: "api-not-enabled",
      role: "hint",
      when: [{ on: "body", match: /has not been used in project (?<project>[\w-]+) before or it is disabled|\bSERVICE_DISABLED\b|\baccessNotConfigured\b|API (?:has been|is) disabled\b/ }],
      weight: 0,
      causes: { "account-disabled": 0.9 },
      detail: "the API is not enabled for the project",
    },
    {
      id: "billing-disabled",
      role: "hint",
      when: [{ on: "body", match: /billing account (?:for the owning project )?is disabled|\bBILLING_DISABLED\b|billing (?:is )?(?:not enabled|disabled) for (?:this|the) project|ReadOnlyDisabledSubscription|\bDisabledSubscription\b|subscription (?:is )?(?:disabled|suspended|not active)/i }],
      weight: 0,
      causes: { "account-disabled": 0.85 },
      detail: "billing or the subscription is disabled",
    },
    {
      id: "all-access-disabled",
      role: "hint",
      when: [{ on: "body", match: /\bAllAccessDisabled\b|All access to this (?:object|bucket|resource) has been disabled|<Code>AccountProblem<\/Code>|There is a problem with your AWS account/ }],
      weight: 0,
      causes: { "account-disabled": 0.9 },
      detail: "the provider disabled all access to the resource or the account has a problem",
    },
    {
      id: "account-suspended-text",
      role: "hint",
      when: [{ on: "body", match: /\b(?:your |this |the )?(?:account|project|organi[sz]ation|tenant|workspace|user|api key|key) (?:has been|is|was) (?:suspended|deactivated|disabled|terminated|banned)\b|\baccount (?:is )?(?:not active|inactive|on hold)\b|\bSUSPENDED_ACCOUNT\b|\bACCOUNT_DISABLED\b/i }],
      weight: 0,
      causes: { "account-disabled": 0.8 },
      detail: "the response says the account, project or key is suspended or disabled",
    },
  ],
  examples: [
    {
      name: "Google API not enabled for the project",
      source: "https://cloud.google.com/service-usage/docs/enable-disable",
      input: "googleapi: Error 403: Compute Engine API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/compute.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry., accessNotConfigured",
      expect: { cause: "account-disabled" },
    },
    {
      name: "S3 AllAccessDisabled on a public object",
      source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList",
      input: "$ curl -i https://example-datasets.s3.amazonaws.com/old/archive.tar.gz\nHTTP/1.1 403 Forbidden\nx-amz-request-id: 7F3B2A1C0D9E8F7A\nContent-Type: application/xml\nServer: AmazonS3\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AllAccessDisabled</Code><Message>All access to this object has been disabled</Message><RequestId>7F3B2A1C0D9E8F7A</RequestId></Error>",
      expect: { cause: "account-disabled" },
    },
    {
      name: "project suspended by the provider",
      source: "https://github.com/iron-io/docs/issues/223",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{\"msg\":\"Your project has been suspended\"}",
      expect: { cause: "account-disabled" },
    },
    {
      name: "Azure subscription disabled",
      source: "https://learn.microsoft.com/en-us/azure/cost-management-billing/manage/subscription-disabled",
      input: "(ReadOnlyDisabledSubscription) The subscription '00000000-1111-2222-3333-444444444444' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.\nCode: ReadOnlyDisabledSubscription\nStatus Code: 403",
      expect: { cause: "account-disabled" },
    },
    {
      name: "missing IAM permission is not a disabled account",
      source: "https://cloud.google.com/storage/docs/access-control/iam-permissions",
      input: "AccessDeniedException: 403 ci-runner@example-project.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).",
      expect: { notCause: "account-disabled" },
    },
  ],
});
