#!/usr/bin/env node
// UI smoke check — what a person sees: install the built .vsix into code-server (the way a user
// installs it), open examples/ in headless Chromium, and save screenshots of a squiggle with its hover,
// the lightbulb menu, the Problems panel and the checklist sidebar, in a light and a dark theme, under
// docs/images/. Look at them before committing. Needs the host (scripts/install-vscode-host.sh) and
// the .vsix (`npm run package`; `npm run ui-smoke` does both).
// Usage: node scripts/ui-smoke.mjs [--vsix path] [--folder path] [--file rel/path] [--out docs/images] [--keep]
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM, HOST_DIR, NODE24, WORKBENCH_SETTINGS, killGroup, launchChromium } from "../client/test/run-code-server.mjs";
import { spawn } from "node:child_process";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (n) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const vsix = resolve(opt("--vsix") ?? join(repo, `${pkg.name}-${pkg.version}.vsix`));
const outDir = resolve(opt("--out") ?? join(repo, "docs/images"));
const CODE_SERVER = join(HOST_DIR, "cs/node_modules/code-server/out/node/entry.js");
const themes = (opt("--themes") ?? "light,dark").split(",");

function exampleFolder() {
  const given = opt("--folder");
  if (given) return resolve(given);
  const examples = join(repo, "examples");
  if (existsSync(examples) && readdirSync(examples).length) return examples;
  return join(repo, "client/test/workspace"); // until examples/ exists
}

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function shoot(page, name) {
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`ui-smoke: ${path}`);
}

/** Open the quick input with `key` (retrying: a key press during a layout change can be lost). */
async function quickInput(page, key) {
  const input = page.locator(".quick-input-widget input.input").first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: "visible", timeout: 3000 });
      await sleep(200);
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
      await page.keyboard.press("Escape");
      await sleep(500);
    }
  }
}

/** Run a command by its title from the command palette. */
async function palette(page, title) {
  await quickInput(page, "F1");
  await page.keyboard.type(title);
  await sleep(500);
  await page.keyboard.press("Enter");
  await sleep(800);
}

async function openFile(page, rel) {
  const base = rel.split("/").pop();
  await quickInput(page, "Control+P");
  await page.keyboard.type(rel);
  // File search answers asynchronously: wait for the row, or Enter picks nothing.
  await page.locator(".quick-input-list .monaco-list-row", { hasText: base }).first().waitFor({ state: "visible", timeout: 15_000 });
  await sleep(300);
  await page.keyboard.press("Enter");
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).first().waitFor({ state: "visible", timeout: 15_000 });
  await sleep(300);
}

async function session({ theme, folder, file, others, tmp }) {
  const dataDir = join(tmp, `data-${theme}`);
  mkdirSync(join(dataDir, "User"), { recursive: true });
  writeFileSync(
    join(dataDir, "User/settings.json"),
    JSON.stringify({ ...WORKBENCH_SETTINGS, "workbench.colorTheme": theme === "dark" ? "Default Dark Modern" : "Default Light Modern", "editor.fontSize": 15, "window.commandCenter": false, "workbench.layoutControl.enabled": false, "editor.minimap.enabled": false, "editor.hover.delay": 200, "workbench.secondarySideBar.defaultVisibility": "hidden", "typescript.validate.enable": false, "javascript.validate.enable": false, "git.enabled": false }, null, 2),
  );
  const extensionsDir = join(tmp, "extensions");
  const port = await freePort();
  const server = spawn(NODE24, [CODE_SERVER, "--config", join(tmp, "config.yaml"), "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--user-data-dir", dataDir, "--extensions-dir", extensionsDir, "--disable-telemetry", "--disable-workspace-trust", "--disable-update-check", folder], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = [];
  server.stdout.on("data", (b) => log.push(String(b)));
  server.stderr.on("data", (b) => log.push(String(b)));
  let context;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 300) throw new Error(`code-server did not start: ${log.join("")}`);
      await sleep(200);
    }
    context = await launchChromium(join(tmp, `chromium-${theme}`));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector(".monaco-workbench .part.editor", { timeout: 60_000 });
    await sleep(2500);

    // Open a few files of other languages first: the Problems panel lists open files' findings.
    for (const f of others) {
      await openFile(page, f);
      await sleep(1500);
    }
    // 1. A squiggle and its hover.
    await openFile(page, file);
    const squiggle = await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 60_000 });
    await sleep(1000);
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await page.waitForSelector(".monaco-hover:not(.hidden) .hover-contents, .monaco-resizable-hover .monaco-hover", { timeout: 15_000 });
    await sleep(800);
    await shoot(page, `hover-${theme}`);

    // 2. The lightbulb menu (Ctrl+. with the cursor on the finding).
    await page.mouse.move(10, 10);
    await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await sleep(500);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget", { timeout: 15_000 });
    await sleep(800);
    await shoot(page, `lightbulb-${theme}`);
    await page.keyboard.press("Escape");

    // 3. The Problems panel.
    await palette(page, "View: Focus Problems");
    await page.waitForSelector(".markers-panel .monaco-list-row", { timeout: 15_000 });
    await sleep(800);
    await shoot(page, `problems-${theme}`);

    // 4. The checklist sidebar, when the manifest contributes one.
    const containers = pkg.contributes?.viewsContainers?.activitybar ?? [];
    if (containers.length) {
      await palette(page, "View: Close Panel");
      await palette(page, `View: Show ${containers[0].title}`);
      // The webview renders in nested iframes: wait for its document to have content.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const frames = page.frames().filter((f) => f !== page.mainFrame());
        let ready = false;
        for (const f of frames) {
          const n = await f.evaluate(() => document.body?.innerText?.trim().length ?? 0).catch(() => 0);
          if (n > 40 && !f.url().includes("index.html?")) ready = true;
        }
        if (ready || Date.now() > deadline) break;
        await sleep(500);
      }
      await sleep(1500);
      await shoot(page, `sidebar-${theme}`);
    } else {
      console.log("ui-smoke: no checklist view contributed yet: no sidebar screenshot");
    }
  } catch (e) {
    const page = context?.pages()[0];
    if (page) await page.screenshot({ path: join(tmp, `failure-${theme}.png`) }).catch(() => {});
    throw new Error(`${theme}: ${e instanceof Error ? e.message : String(e)} (screenshot: ${join(tmp, `failure-${theme}.png`)})`, { cause: e });
  } finally {
    await context?.close().catch(() => {});
    await killGroup(server);
  }
}

async function main() {
  if (!existsSync(CODE_SERVER) || !existsSync(NODE24) || !existsSync(CHROMIUM)) {
    const msg = "the code-server host is missing: bash scripts/install-vscode-host.sh";
    if (process.env.CI) throw new Error(msg);
    console.log(`ui-smoke: SKIPPED — ${msg}`);
    return;
  }
  if (!existsSync(vsix)) throw new Error(`${vsix} not found: npm run package`);
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "bc-ui-smoke-"));
  try {
    const folder = join(tmp, "examples");
    cpSync(exampleFolder(), folder, { recursive: true });
    // Install the .vsix exactly as a user would (code-server --install-extension).
    execFileSync(NODE24, [CODE_SERVER, "--config", join(tmp, "config.yaml"), "--extensions-dir", join(tmp, "extensions"), "--user-data-dir", join(tmp, "data-install"), "--install-extension", vsix], { stdio: "inherit" });
    // The file shown (the first error squiggle in it gets the hover and the lightbulb), and files of
    // other languages opened before it so the Problems panel lists several.
    const examples = existsSync(join(folder, "fastapi-app/app/main.py"));
    const file = opt("--file") ?? (examples ? "fastapi-app/app/main.py" : "ts/src/config.ts");
    const also = opt("--also") ?? (examples ? "express-api/src/app.ts,gin-api/main.go,spring-api/src/main/java/com/example/shop/CustomerController.java" : "py/app.py,go/main.go,java/src/main/java/com/example/App.java");
    if (!existsSync(join(folder, file))) throw new Error(`${file} not in ${folder}: give the file to open with --file rel/path`);
    const others = also.split(",").filter((f) => existsSync(join(folder, f)));
    for (const theme of themes) await session({ theme, folder, file, others, tmp });
  } finally {
    if (args.includes("--keep")) console.log(`ui-smoke: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`ui-smoke: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
