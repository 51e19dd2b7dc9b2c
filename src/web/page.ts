// The page shell and the headers every answer carries. All scripts and styles are our own
// files (assets/), so the Content-Security-Policy can forbid everything else.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  // the token is in the URL: never send it on in a Referer
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>why403</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/app.css">
<script type="module" src="assets/app.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
  <p class="brand"><span aria-hidden="true">403?</span> why403</p>
  <nav aria-label="Sections">
    <a href="#/" data-nav="diagnose">Diagnose</a>
    <a href="#/kb" data-nav="kb">Knowledge base</a>
  </nav>
</header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
<footer class="bottom">Runs on this machine only: no external assets or calls. Secrets are redacted before anything is shown.</footer>
</body>
</html>
`;
