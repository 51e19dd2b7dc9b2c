// Paste or drop an input; see progress, an early summary for big files, then the report.
import { UPLOAD_LIMIT_BYTES, type AnalyseEvent } from "../api-types.js";
import { analyse } from "./api.js";
import { h } from "./dom.js";
import { reportView, summaryView } from "./report-view.js";

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

const PHASES: Record<string, string> = {
  parsing: "Reading the input on the server…",
  diagnosing: "Diagnosing…",
  clustering: "Grouping the denials…",
};

/** Marks the browser test reads: time from the input to the first and the full result. */
const mark = (name: "start" | "first-result" | "result"): void => void performance.mark(`why403:${name}`);

export const diagnoseView = (): HTMLElement => {
  const textarea = h("textarea", { id: "paste", name: "paste", rows: 10, spellcheck: "false", "aria-describedby": "paste-hint" });
  const submit = h("button", { type: "submit", class: "primary" }, "Diagnose");
  const form = h(
    "form",
    { class: "paste", "aria-labelledby": "paste-label" },
    h("label", { for: "paste", id: "paste-label" }, "Paste a response, curl -v output or a CLI error"),
    textarea,
    h("p", { id: "paste-hint", class: "hint" }, "Ctrl+Enter diagnoses. Secrets are redacted on the server before anything is shown."),
    submit,
  );
  const fileInput = h("input", { type: "file", id: "file", accept: ".har,.json,.txt,.log,.gz,text/*,application/json" });
  const drop = h(
    "div",
    { class: "dropzone", id: "drop", "data-testid": "dropzone" },
    h("p", {}, "Drop a HAR, a log or a saved response here"),
    h("label", { for: "file" }, "or choose a file: "),
    fileInput,
  );
  const progressBar = h("progress", { max: 1, "aria-label": "Progress" });
  const progressText = h("span", {});
  const progress = h("div", { class: "progress", role: "status", "aria-live": "polite", hidden: true, "data-testid": "progress" }, progressBar, " ", progressText);
  const results = h("div", { class: "results", id: "results" });
  let busy = false;

  const run = async (body: Blob | string, name: string, size: number): Promise<void> => {
    if (busy) return;
    mark("start");
    results.replaceChildren();
    if (size > UPLOAD_LIMIT_BYTES) {
      results.append(h("p", { class: "error", role: "alert" }, `${name} is ${mb(size)}; the page reads up to ${mb(UPLOAD_LIMIT_BYTES)}.`));
      return;
    }
    busy = true;
    submit.disabled = true;
    progress.hidden = false;
    progressBar.value = 0;
    progressText.textContent = `Sending ${name} (${mb(size)})…`;
    const t0 = performance.now();
    const ticker = setInterval(() => {
      if (!progressBar.hasAttribute("value")) progressText.textContent = `${progressText.dataset.phase ?? ""} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    }, 250);
    let shownFirst = false;
    const show = (el: HTMLElement, final: boolean): void => {
      results.replaceChildren(el);
      if (!shownFirst) mark("first-result");
      shownFirst = true;
      if (final) {
        progress.hidden = true;
        mark("result");
        el.querySelector<HTMLElement>("#report-title")?.focus();
      }
    };
    const onEvent = (e: AnalyseEvent): void => {
      if (e.type === "received" || e.type === "phase") {
        // the server has the whole input: from here on the wait is indeterminate
        progressBar.removeAttribute("value");
        progressText.dataset.phase = e.type === "phase" ? PHASES[e.phase] : "Received; analysing…";
        progressText.textContent = progressText.dataset.phase ?? "";
      } else if (e.type === "summary") {
        show(h("section", { class: "report partial", "aria-label": "Early summary" }, summaryView(e.summary), h("p", { class: "hint" }, "Diagnosing the denials…")), false);
      } else if (e.type === "result") {
        show(reportView(e.result), true);
      } else {
        progress.hidden = true;
        results.replaceChildren(
          h("div", { class: "error", role: "alert", "data-testid": "error" }, h("p", {}, h("strong", {}, `${e.error.code}: `), e.error.message), e.error.hint ? h("p", {}, `Hint: ${e.error.hint}`) : null),
        );
      }
    };
    await analyse(body, name, { onUpload: (loaded, total) => (progressBar.value = total > 0 ? loaded / total : 0), onEvent });
    clearInterval(ticker);
    progress.hidden = true;
    busy = false;
    submit.disabled = false;
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = textarea.value;
    if (text.trim() === "") {
      results.replaceChildren(h("p", { class: "error", role: "alert" }, "Paste a response, curl output or an error message first."));
      textarea.focus();
      return;
    }
    void run(text, "pasted input", new Blob([text]).size);
  });
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  const takeFile = (f: File | undefined): void => {
    if (f) void run(f, f.name, f.size);
  };
  fileInput.addEventListener("change", () => takeFile(fileInput.files?.[0]));
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    takeFile(e.dataTransfer?.files[0]);
  });

  return h(
    "div",
    { class: "diagnose" },
    h("h1", {}, "Why was it 403 Forbidden?"),
    h("p", { class: "lead" }, "Which layer said no, why, what to change and how to verify: the same report as ", h("code", {}, "why403 diagnose"), "."),
    form,
    drop,
    progress,
    results,
  );
};
