// Loaded by bench/activation.mjs as the extensionTestsPath of a real VS Code extension host whose
// workspace holds no backend files, so the extension is not active yet: time its activation as the
// host performs it (module load + activate()).
const { performance } = require("node:perf_hooks");

exports.run = async function run() {
  const vscode = require("vscode");
  const ext = vscode.extensions.getExtension("backend-checklist.backend-checklist");
  if (!ext) throw new Error("extension not found in the host");
  const wasActive = ext.isActive;
  const t0 = performance.now();
  await ext.activate();
  const ms = performance.now() - t0;
  // After activation (not part of it): the language client library loads and the server starts.
  await ext.exports.ready;
  const readyMs = performance.now() - t0;
  // The extension host's own performance marks around loading and activating this extension.
  const all = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
  const marks = Object.fromEntries(all.filter((m) => m.name.includes(ext.id)).map((m) => [m.name.replace(`/${ext.id}`, ""), m.startTime]));
  console.log(`BENCH_ACTIVATION ${JSON.stringify({ ms, readyMs, wasActive, marks })}`);
};
