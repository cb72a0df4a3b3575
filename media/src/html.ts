// The webview's HTML shell, shared by the extension (client/src/checklistView.ts) and the headless
// Chromium test: nonce CSP with default-src 'none', local styles/fonts/script only, no inline code.
export interface WebviewHtmlOptions {
  /** webview.cspSource (or the test's origin). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function webviewHtml(o: WebviewHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `img-src ${o.cspSource} data:`,
    `script-src 'nonce-${o.nonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.styleUris.map((u) => `<link rel="stylesheet" href="${attr(u)}">`).join("\n")}
<title>Backend Checklist</title>
</head>
<body>
<div id="app" aria-busy="true"></div>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
