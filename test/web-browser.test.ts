// `why403 serve` in a real browser: Debian's chromium, headless, driven by playwright-core.
// Screenshots of each state go to test-output/screenshots/ for review.
// The callbacks given to page.evaluate run in the page: they are typed against the DOM.
/// <reference lib="dom" />
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { diagnose } from "why403";
import { CHROMIUM_ARGS, ensureChromium } from "./helpers/chromium.js";
import { generateHar, type GeneratedHar } from "./helpers/gen-har.js";
import { startServe, type ServeProcess } from "./helpers/serve-process.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "test-output", "screenshots");
const browser = ensureChromium();

/** A labelled case of the shared dev corpus, or the project's own example when it is absent. */
const pasteCase = (): { name: string; input: string; responder?: string; cause?: string } => {
  const file = join(root, "..", "shared", "corpus", "dev", "web", "dev-web-004.json");
  if (existsSync(file)) {
    const c = JSON.parse(readFileSync(file, "utf8")) as { id: string; input: string; expected: { responder: string; causes: string[] } };
    return { name: c.id, input: c.input, responder: c.expected.responder, cause: c.expected.causes[0]! };
  }
  return { name: "example", input: readFileSync(join(root, "examples", "s3-cloudfront-access-denied.txt"), "utf8") };
};

const S3 = `HTTP/1.1 403 Forbidden
x-amz-request-id: 9A0D5596C066E400
Content-Type: application/xml
Server: AmazonS3

<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>9A0D5596C066E400</RequestId></Error>`;

describe("why403 serve in headless chromium", { skip: browser.skip }, () => {
  let serve: ServeProcess;
  let context: BrowserContext;
  let dir = "";
  let har: GeneratedHar;
  const harPath = (): string => join(dir, "session.har");

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  const openPage = async (hash = "#/"): Promise<Page> => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // a Content-Security-Policy violation or a failed asset shows up as a console error
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(serve.url + hash);
    await page.waitForSelector("main h1");
    return page;
  };
  const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

  before(async () => {
    mkdirSync(shots, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "why403-web-"));
    [serve, har] = await Promise.all([startServe(), generateHar(harPath(), 50 * 1024 * 1024)]);
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: browser.path!,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 900 },
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serve.origin });
  });

  after(async () => {
    await context?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the responder, the ranked causes and the evidence marked in a pasted dev-corpus case", async () => {
    const c = pasteCase();
    const expected = diagnose(c.input);
    if (c.responder) assert.equal(expected.responder.id, c.responder, "the labelled case is diagnosed as labelled");
    const page = await openPage();
    await page.fill("#paste", c.input);
    await page.click("button[type=submit]");
    const title = page.locator("[data-testid=responder]");
    await title.waitFor();
    assert.equal(await title.getAttribute("data-responder"), expected.responder.id);
    assert.equal(await page.locator("[data-testid=top-cause]").textContent(), expected.causes[0]!.id);
    // every cause of the report, in the same order
    assert.deepEqual(await page.locator("details.cause").evaluateAll((els) => els.map((e) => e.getAttribute("data-cause"))), expected.causes.map((x) => x.id));
    // evidence with a line is marked in the user's own input, at that line
    const located = [...expected.responder.evidence, ...expected.causes.flatMap((x) => x.evidence)].filter((e) => e.line !== undefined);
    assert.ok(located.length > 0);
    const marks = await page.locator("pre.input mark.ev").evaluateAll((els) => els.map((e) => ({ line: Number(e.closest(".line")?.getAttribute("data-line")), text: e.textContent })));
    assert.ok(marks.length > 0, "the input shows marks");
    for (const m of marks) assert.ok(located.some((e) => e.line === m.line), `mark on line ${m.line} matches evidence`);
    // fix and verify each come with a copy button; the cause links to its explain page
    const first = page.locator("details.cause").first();
    assert.ok((await first.locator("button.copy").count()) >= expected.causes[0]!.fix.length + expected.causes[0]!.verify.length);
    assert.equal(await first.locator(`a[href="#/kb/${expected.causes[0]!.id}"]`).count(), 1);
    // clicking an evidence location moves focus to its mark
    const jump = page.locator("button.jump").first();
    if ((await jump.count()) > 0) {
      await jump.click();
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "MARK");
    }
    await shot(page, "1-pasted-case-report");
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it("summarises a dropped 50 MB HAR without freezing the page, then shows its groups and chart", async () => {
    assert.ok(har.bytes >= 50 * 1024 * 1024 - 4096, `the HAR is ${har.bytes} bytes`);
    const page = await openPage();
    // a file input made by the test (not the page) hands the browser a File backed by the disk
    await page.evaluate(() => {
      const i = document.createElement("input");
      i.type = "file";
      i.id = "test-source";
      i.hidden = true;
      document.body.append(i);
    });
    await page.setInputFiles("#test-source", harPath());
    const progressShown = await page.evaluate(() => {
      // the longest gap between timer ticks is how long the page was unresponsive
      const w = window as unknown as { maxGap: number; stopGap: () => void };
      let last = performance.now();
      w.maxGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        w.maxGap = Math.max(w.maxGap, now - last);
        last = now;
      }, 20);
      w.stopGap = () => clearInterval(timer);
      const file = (document.getElementById("test-source") as HTMLInputElement).files![0]!;
      const data = new DataTransfer();
      data.items.add(file);
      const zone = document.querySelector("[data-testid=dropzone]")!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      return !(document.querySelector("[data-testid=progress]") as HTMLElement).hidden;
    });
    assert.ok(progressShown, "progress shows as soon as the file is dropped");
    await page.waitForSelector("[data-testid=summary]", { timeout: 120_000 });
    await shot(page, "2-har-first-result");
    await page.waitForSelector("[data-testid=groups]", { timeout: 120_000 });
    const timing = await page.evaluate(() => {
      const at = (n: string) => performance.getEntriesByName(`why403:${n}`).at(-1)!.startTime;
      const w = window as unknown as { maxGap: number; stopGap: () => void };
      w.stopGap();
      return { first: at("first-result") - at("start"), full: at("result") - at("start"), maxGap: w.maxGap };
    });
    console.log(
      `50 MB HAR (${(har.bytes / 1048576).toFixed(1)} MB, ${har.entries} entries, ${har.status403} 403s) in the browser: first result ${timing.first.toFixed(0)} ms, groups ${timing.full.toFixed(0)} ms, longest main-thread gap ${timing.maxGap.toFixed(0)} ms`,
    );
    const summary = await page.locator("[data-testid=summary]").first().textContent();
    assert.match(summary ?? "", new RegExp(`${har.entries} exchanges read, ${har.status403} answered 403`));
    const rows = await page.locator("[data-testid=groups] tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({ count: Number(tr.children[1]?.textContent), status: Number(tr.children[2]?.textContent), responder: tr.children[3]?.textContent ?? "" })),
    );
    const denied = rows.filter((r) => r.status === 403);
    assert.equal(denied.reduce((a, r) => a + r.count, 0), har.status403, "the 403 groups add up to every 403");
    for (const r of ["aws-s3", "nginx", "aws-apigateway"]) assert.ok(denied.some((d) => d.responder === r), `a group for ${r}`);
    const chart = page.locator("[data-testid=report] svg[data-testid=chart]");
    assert.match((await chart.getAttribute("aria-label")) ?? "", new RegExp(`^${har.status403} 403s from`));
    assert.ok((await chart.locator("rect.bar").count()) > 10, "403s are bucketed over time");
    await shot(page, "3-har-groups");
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it("refuses a request without the session token, with a body that says why", async () => {
    const page = await context.newPage();
    const res = await page.goto(`${serve.origin}/`);
    assert.equal(res?.status(), 403);
    assert.match((await page.textContent("body")) ?? "", /needs the session token/);
    await shot(page, "4-refused-without-token");
    const wrong = await page.goto(`${serve.origin}/${"A".repeat(32)}/`);
    assert.equal(wrong?.status(), 403);
    // nothing the page would load works without it either
    const api = await page.request.get(`${serve.origin}/api/kb`);
    assert.equal(api.status(), 403);
    await page.close();
  });

  it("works by keyboard: skip link, paste, Ctrl+Enter, copy buttons and the knowledge base", async () => {
    const page = await openPage();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : undefined;
        return { tag: el?.tagName, id: el?.id, text: el?.textContent?.trim().slice(0, 60), outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : "" };
      });
    await page.keyboard.press("Tab");
    const skip = await focused();
    assert.equal(skip.text, "Skip to content");
    assert.doesNotMatch(skip.outline, /^none|0px$/, "focus is visible");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).text, "Diagnose");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).text, "Knowledge base");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).id, "paste", "the paste box comes next");
    await page.keyboard.insertText(S3);
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector("[data-testid=responder]");
    assert.equal((await focused()).id, "report-title", "focus moves to the result");
    await shot(page, "5-keyboard-result");
    // Tab to the first copy button and press Enter: the fix is on the clipboard
    let onCopy = false;
    for (let i = 0; i < 30 && !onCopy; i++) {
      await page.keyboard.press("Tab");
      onCopy = await page.evaluate(() => document.activeElement?.classList.contains("copy") ?? false);
    }
    assert.ok(onCopy, "a copy button is reachable by Tab");
    const label = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    const text = await page.evaluate(() => document.activeElement?.closest("li")?.querySelector("code")?.textContent);
    await page.keyboard.press("Enter");
    await page.waitForSelector(".copy-status:text('Copied')");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, `${label} copies its text`);
    assert.doesNotMatch((await focused()).outline, /^none|0px$/, "the copy button shows focus");
    // to the knowledge base by keyboard, search it, open a page
    await page.reload();
    await page.waitForSelector("main h1");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).text, "Knowledge base");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=kb-index]");
    await page.keyboard.press("Tab");
    assert.equal((await focused()).id, "kb-search");
    await page.keyboard.type("cloudfront");
    const count = await page.textContent("#kb-count");
    assert.match(count ?? "", /^\d+ of \d+ shown$/);
    const [shown, total] = (count ?? "").match(/\d+/g)!.map(Number);
    assert.ok(shown! > 0 && shown! < total!, "the search narrows the index");
    await shot(page, "6-kb-search");
    await page.keyboard.press("Tab");
    const link = await focused();
    assert.equal(link.tag, "A");
    assert.match(link.text ?? "", /cloudfront/i);
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=kb-page]");
    assert.equal((await focused()).tag, "H2", "focus moves to the page title");
    assert.match((await page.textContent("[data-testid=kb-page] h2")) ?? "", /cloudfront/i);
    await shot(page, "7-kb-page");
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it("shows each cause's explain page from a link in the report", async () => {
    const page = await openPage();
    await page.fill("#paste", S3);
    await page.click("button[type=submit]");
    const cause = (await page.locator("[data-testid=top-cause]").textContent())!;
    await page.click(`details.cause[data-cause="${cause}"] a[href="#/kb/${cause}"]`);
    await page.waitForSelector("[data-testid=kb-page]");
    const headings = await page.locator("[data-testid=kb-page] h3").allTextContents();
    for (const h of ["What it means", "How to tell", "What to change", "How to verify", "Common mistakes"]) assert.ok(headings.includes(h), `explain page has "${h}"`);
    await page.close();
  });
});
