// Values captured from the input fill the fix; the input's own file name fills only {file}
// (the command to re-run), never a path the server logged.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { diagnoseText } from "../diagnose-text.js";

describe("placeholders in fixes", () => {
  it("puts the path Apache logged into the fix, not the name of the pasted file", () => {
    const input = "[Sun Aug 05 04:03:42.258364 2018] [authz_core:error] [pid 15732] [client 198.51.100.7:19185] AH01630: client denied by server configuration: /srv/app/site.wsgi\n";
    const r = diagnoseText(input, { file: "pasted-error.log" });
    const fix = r.causes[0]!.fix.join("\n");
    assert.match(fix, /<Directory "\/srv\/app\/site\.wsgi">/);
    assert.doesNotMatch(fix, /pasted-error\.log/);
  });

  it("falls back to the placeholder's default when the log names no path", () => {
    const r = diagnoseText("Forbidden\nYou don't have permission to access / on this server.\n\nAH01630: client denied by server configuration\n", { file: "pasted.txt" });
    const fix = r.causes.find((c) => c.id === "no-allow")!.fix.join("\n");
    assert.doesNotMatch(fix, /pasted\.txt/);
    assert.match(fix, /\/path\/to\/docroot/);
  });
});
