import { defineCause } from "../schema.js";

export default defineCause({
  id: "unknown",
  title: "The input does not say why access was refused",
  why: "The 403 carries no vendor page, error code, header or log line that names a reason: an empty body, a bare \"Forbidden\", or a client library that dropped the response. Guessing from that alone would be a coin toss between authentication, permissions, WAF, IP and CORS causes, so the honest answer is to collect the evidence that decides.",
  fix: [
    "Capture the whole exchange: `curl -sv {url|URL} -o body.html 2> trace.txt` (add the same method, headers, cookies and credentials as the failing client), then paste trace.txt and body.html.",
    "In a browser: DevTools > Network > the failing request > Save all as HAR (or copy as cURL) and include the response headers and body.",
    "In code: log the response status, headers and body instead of only the exception message (e.g. `err.response.headers` and `err.response.data` for axios, `e.response.text` for requests).",
    "If you own the server, read its access and error log (or the CDN/WAF log) for the same time and path: the denying layer usually names the rule.",
  ],
  verify: ["why403 diagnose trace.txt (a diagnosis that names a responder and a specific cause)"],
  separate:
    "Compare headers of the 403 with those of a 200 from the same host: headers present only on the 403 (Server, Via, cf-ray, x-amz-*, x-cache, x-azure-ref, a WAF cookie) name the layer that answered; then its logs name the rule.",
  mistakes: [
    "Pasting only the exception text (\"Request failed with status code 403\"): the status code alone says nothing about which layer refused or why.",
    "Retrying with random changes (new token, different headers) before capturing the response that explains the refusal.",
  ],
  sources: [
    "https://www.rfc-editor.org/rfc/rfc9110.html#name-403-forbidden",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403",
    "https://curl.se/docs/manpage.html#-v",
    "https://developer.chrome.com/docs/devtools/network/reference#save-as-har",
  ],
  signals: [
    {
      id: "empty-403",
      role: "hint",
      when: [{ on: "fact", name: "no-body" }, { on: "status", in: [403] }],
      weight: 0,
      causes: { unknown: 0.25 },
      responders: ["unknown"],
      detail: "a 403 with no body and no header that names a layer: nothing says why",
    },
    {
      id: "bare-forbidden-body",
      role: "hint",
      when: [{ on: "body", match: /^\s*(?:<[^>]{0,200}>\s*){0,12}(?:HTTP\/\d(?:\.\d)? )?(?:Error:? )?(?:403[ :.-]*)?(?:Forbidden|Access Denied|Access is denied|Access forbidden|Not allowed|Permission denied)\.?\s*(?:<[^>]{0,200}>\s*){0,12}$/i }],
      weight: 0,
      causes: { unknown: 0.25 },
      responders: ["unknown"],
      detail: "the body is a bare \"Forbidden\" with nothing that names a layer or a reason",
    },
  ],
  examples: [
    {
      name: "status line and nothing else",
      source: "https://github.com/axios/axios/issues/2897",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
      expect: { cause: "unknown" },
    },
    {
      name: "a one-word body",
      source: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403",
      input: "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nForbidden",
      expect: { cause: "unknown" },
    },
    {
      name: "a page that names its reason is not unknown",
      source: "https://github.com/tobami/codespeed/issues/289",
      input: "<h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>",
      expect: { notCause: "unknown" },
    },
  ],
});
