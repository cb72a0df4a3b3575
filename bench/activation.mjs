#!/usr/bin/env node
// Activation cost of the extension, in extension-host time. Budget: 50 ms.
// Route 1 (real): the code-server host (scripts/install-vscode-host.sh) — a fresh VS Code extension host
//   opens an empty folder (the extension stays inactive: activation is lazy), then
//   bench/activation-probe.cjs calls `extension.activate()` and reads the host's own performance marks:
//   the figure is code loading + the activate() call, which is what VS Code reports as the extension's
//   activation time (Developer: Show Running Extensions). Also printed: the wall time of
//   `extension.activate()`, which adds the host's per-extension context set-up (storage, secrets: the
//   same for any extension), and when the client was ready (server initialized). Median of N runs.
// Route 2 (fallback, when the host is missing): load dist/client.js in this Node with a stand-in `vscode`
//   module and time require + activate(). Less faithful (no host bookkeeping), said so in the output.
// Usage: node bench/activation.mjs [--runs N] [--json]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { CHROMIUM, NODE24, SERVER_MAIN, killGroup, launchChromium, startVsCodeServer } from "../client/test/run-code-server.mjs";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 3) || 3;
const BUDGET_MS = 50;

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function hostOnce() {
  const tmp = mkdtempSync(join(tmpdir(), "bc-activation-"));
  const folder = join(tmp, "empty");
  mkdirSync(folder);
  const port = await freePort();
  let server;
  let context;
  try {
    server = await startVsCodeServer({ port, dataDir: join(tmp, "data"), extensionsDir: join(tmp, "ext") });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ["extensionDevelopmentPath", remote(repo)],
      ["extensionTestsPath", remote(join(repo, "bench/activation-probe.cjs"))],
    ];
    context = await launchChromium(join(tmp, "chromium"));
    const page = context.pages()[0] ?? (await context.newPage());
    const result = new Promise((res, rej) => {
      page.on("console", (m) => {
        const hit = /BENCH_ACTIVATION (\{.*\})/.exec(m.text());
        if (hit) res(JSON.parse(hit[1]));
      });
      setTimeout(() => rej(new Error("no measurement within 120 s")), 120_000).unref();
    });
    await page.exposeFunction("codeAutomationExit", () => {});
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return await result;
  } finally {
    await context?.close().catch(() => {});
    await killGroup(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A stand-in for the `vscode` module: every property is a callable, constructible no-op. */
function standIn() {
  const handler = {
    get: (_t, p) => (p === "then" ? undefined : p === Symbol.toPrimitive ? () => "" : proxy),
    apply: () => proxy,
    construct: () => proxy,
  };
  const proxy = new Proxy(function () {}, handler);
  return proxy;
}

async function standInOnce() {
  const load = Module._load;
  const vscode = new Proxy(standIn(), { get: (t, p) => (p === "version" ? "1.91.0" : t[p]) });
  Module._load = function (request, ...rest) {
    return request === "vscode" ? vscode : load.call(this, request, ...rest);
  };
  const require = createRequire(import.meta.url);
  const path = join(repo, "dist/client.js");
  delete require.cache[path];
  const context = { subscriptions: [], asAbsolutePath: (p) => join(repo, p), storageUri: undefined, globalStorageUri: { fsPath: tmpdir() } };
  const t0 = performance.now();
  let ms;
  try {
    const ext = require(path);
    ext.activate(context);
    ms = performance.now() - t0;
    // The deferred part: the language client library loads in the next macrotask (the stand-in never
    // starts a server, so this stops at the library's load and the client's construction).
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 0));
  } finally {
    Module._load = load;
  }
  return { ms, wasActive: false };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const haveHost = existsSync(SERVER_MAIN) && existsSync(NODE24) && existsSync(CHROMIUM);
if (!existsSync(join(repo, "dist/client.js"))) {
  console.error("activation: dist/client.js missing — run npm run build");
  process.exit(2);
}
const route = haveHost ? "code-server extension host: code loading + activate() call, from the host's marks" : "stand-in vscode module in plain Node (host missing: bash scripts/install-vscode-host.sh for the real figure)";
const samples = [];
const ready = [];
const wall = [];
for (let i = 0; i < (haveHost ? runs : 1); i++) {
  const r = haveHost ? await hostOnce() : await standInOnce();
  if (r.wasActive) throw new Error("the extension was already active: activation is not lazy");
  const m = r.marks ?? {};
  const load = m["code/extHost/didLoadExtensionCode"] - m["code/extHost/willLoadExtensionCode"];
  const call = m["code/extHost/didActivateExtension"] - m["code/extHost/willActivateExtension"];
  samples.push(Number.isFinite(load + call) ? load + call : r.ms);
  wall.push(r.ms);
  if (r.readyMs !== undefined) ready.push(r.readyMs);
}
const ms = median(samples);
const readyMs = ready.length ? median(ready) : undefined;
const verdict = ms <= BUDGET_MS ? "within" : "OVER";
if (args.includes("--json")) console.log(JSON.stringify({ bench: "activation", route, ms, samples, wallMs: median(wall), readyMs, budgetMs: BUDGET_MS }));
else {
  console.log(`activation: ${ms.toFixed(1)} ms (median of ${samples.map((s) => s.toFixed(1)).join(", ")}) — ${verdict} the ${BUDGET_MS} ms budget [${route}]`);
  if (haveHost) console.log(`activation: extension.activate() wall time ${median(wall).toFixed(1)} ms, including the host's context set-up common to every extension`);
  if (readyMs !== undefined) console.log(`activation: language client loaded and server initialized ${readyMs.toFixed(0)} ms after activation began (deferred past activate(); not activation time)`);
}
process.exit(ms <= BUDGET_MS ? 0 : 1);
