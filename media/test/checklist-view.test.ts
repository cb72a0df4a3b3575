// The checklist webview in headless Chromium (Debian `chromium`, driven by playwright-core), with a
// stub acquireVsCodeApi and REAL server output: the corpus projects are scanned by the server's
// Workspace + ChecklistService, and attestations go through the real attest() on a temp copy.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { fromWebviewSchema, type ChecklistPayload, type FromWebview, type ToWebview } from "../../protocol";
import { ANALYZERS } from "../../server/src/checklist/analyzers";
import { ChecklistService, SwitchableCache } from "../../server/src/checklist/service";
import { defineRule } from "../../server/src/engine/rule";
import { stringValue } from "../../server/src/languages/common";
import { initParsers } from "../../server/src/languages/parser";
import { Workspace } from "../../server/src/lsp/workspace";
import { prepare } from "../../server/test/harness";
import { webviewHtml } from "../src/html";
import { THEMES } from "./themes";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];
const ROOT = process.cwd();
const OUT = join(ROOT, ".test-output");
const MEDIA = join(ROOT, "dist", "media");
const CORPUS = join(ROOT, "..", "shared", "corpus");
const XSS_NAME = "<img src=x onerror=alert(1)>.py";

/**
 * Stand-in for the route inventory a colleague is building (facts of kind "route"): Express-style
 * `router.get("/path", …)` calls, so that the Endpoints section has real server-shaped rows.
 */
const routeFacts = defineRule({
  id: "test-route-facts",
  checklistItem: "input-validation",
  severity: "info",
  languages: ["ts"],
  fixable: false,
  description: "test: route facts",
  detectors: {
    ts(ctx) {
      for (const call of ctx.nodes("call_expression")) {
        const m = /\.(get|post|put|patch|delete)$/.exec(call.childForFieldName("function")?.text ?? "");
        const args = call.childForFieldName("arguments")?.namedChildren ?? [];
        const path = stringValue(args[0], "ts");
        if (!m || path === undefined || !path.startsWith("/")) continue;
        const rest = args.slice(1).map((a) => a?.text ?? "");
        ctx.fact("route", call, {
          method: m[1]!.toUpperCase(),
          path,
          handler: rest.length ? rest[rest.length - 1]!.split("\n")[0]!.slice(0, 40) : "",
          auth: rest.some((a) => /auth/i.test(a)),
          validated: m[1] === "get" ? null : rest.some((a) => /parse|validate/i.test(a)),
          paginationBounded: m[1] === "get" ? /limit/.test(call.text) : null,
        });
      }
    },
  },
});

interface Server {
  ws: Workspace;
  service: ChecklistService;
  payload(): ChecklistPayload;
}

async function server(folders: string[]): Promise<Server> {
  await initParsers();
  const cache = new SwitchableCache();
  const ws = new Workspace([...ANALYZERS, routeFacts], cache);
  ws.folders = folders.map((p) => ({ path: p, uri: pathToFileURL(p).href }));
  await ws.scanAll({});
  for (const s of ws.projects.values()) ws.runProjectPhase(s);
  const service = new ChecklistService(ws, { send: () => undefined, log: () => undefined });
  service.useStorage(mkdtempSync(join(tmpdir(), "bc-storage-")), cache, ANALYZERS);
  service.scanFinished();
  return { ws, service, payload: () => JSON.parse(JSON.stringify(service.payload())) as ChecklistPayload };
}

function viewUrl(): string {
  // The webview's own HTML, with the test's file: origin as the CSP source.
  const dir = join(OUT, "webview");
  mkdirSync(dir, { recursive: true });
  const html = webviewHtml({
    cspSource: "file:",
    nonce: randomBytes(24).toString("base64url"),
    scriptUri: pathToFileURL(join(MEDIA, "main.js")).href,
    styleUris: [pathToFileURL(join(MEDIA, "codicon.css")).href, pathToFileURL(join(MEDIA, "checklist.css")).href],
  });
  const file = join(dir, "index.html");
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

/** Install the stub VS Code API; `state` seeds getState (a reloaded webview). */
async function openView(browser: Browser, theme: keyof typeof THEMES = "dark", state?: unknown, viewport = { width: 400, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript((seed) => {
    const w = window as unknown as Record<string, unknown>;
    w.__posted = [];
    w.__violations = [];
    w.__alerts = 0;
    let st: unknown = seed ?? undefined;
    w.__state = () => st;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__posted as unknown[]).push(m),
      getState: () => st,
      setState: (s: unknown) => {
        st = s;
      },
    });
    document.addEventListener("securitypolicyviolation", (e) => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    window.alert = () => {
      w.__alerts = (w.__alerts as number) + 1;
    };
  }, state ?? null);
  page.on("dialog", (d) => void d.dismiss());
  await page.goto(viewUrl());
  await page.evaluate((t) => {
    document.body.className = t.bodyClass;
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
  }, THEMES[theme]);
  await page.waitForFunction(() => ((window as unknown as { __posted: unknown[] }).__posted ?? []).length > 0);
  return page;
}

async function post(page: Page, message: ToWebview): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, "*"), message);
  await page.waitForTimeout(20);
}

async function posted(page: Page): Promise<FromWebview[]> {
  const raw = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
  return raw.map((m) => fromWebviewSchema.parse(m)); // every outgoing message matches its schema
}

describe("checklist webview (headless Chromium)", function () {
  this.timeout(180000);
  let browser: Browser;
  let corpus: string;
  let srv: Server;
  let payload: ChecklistPayload;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) assert.fail(`${CHROMIUM} is missing: apt-get install -y chromium`);
      console.warn(`  (skipped: ${CHROMIUM} not found — install it with: apt-get update && apt-get install -y chromium)`);
      this.skip();
    }
    if (!existsSync(join(MEDIA, "main.js"))) assert.fail("dist/media/main.js missing: run node esbuild.mjs first");
    if (!existsSync(CORPUS)) {
      if (process.env.CI) assert.fail(`${CORPUS} not found`);
      this.skip();
    }
    mkdirSync(OUT, { recursive: true });
    corpus = prepare(CORPUS).dir;
    // fastapi-shop gets a .env nobody ignores: a real finding that contradicts an attestation.
    writeFileSync(join(corpus, "python/fastapi-shop/.env"), "DATABASE_URL=postgres://localhost/shop\n");
    const folders = ["typescript/express-api", "python/fastapi-shop", "go/echo-api", "python/flask-notes"].map((p) => join(corpus, p));
    srv = await server(folders);
    // History, for the trend: each attestation changes the score, and the server records it.
    const shop = join(corpus, "python/fastapi-shop");
    const express = join(corpus, "typescript/express-api");
    assert.equal(srv.service.attest({ root: express, item: "rate-limiting", status: "done", note: "limited at the API gateway (Kong)" }).ok, true);
    assert.equal(srv.service.attest({ root: express, item: "openapi-contract", status: "not-applicable", note: "internal service, contract in the gateway repo" }).ok, true);
    assert.equal(srv.service.attest({ root: shop, item: "secrets-in-env", status: "done", note: "secrets come from Vault" }).ok, true);
    payload = srv.payload();
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
  });

  it("renders every status with an icon AND a text label", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    const labels = await page.$$eval(".item-row", (rows) =>
      rows.map((r) => ({ label: r.querySelector(".status-label")?.textContent ?? "", icon: r.querySelector(".status-icon")?.className ?? "", title: r.querySelector(".title")?.textContent ?? "" })),
    );
    assert.equal(labels.length, 16 * payload.projects.length);
    const seen = new Set(labels.map((l) => l.label));
    for (const s of ["Met", "Partial", "Not met", "Unknown", "Not applicable", "Done"]) assert.ok(seen.has(s), `status ${s} rendered: ${[...seen].join(", ")}`);
    for (const l of labels) {
      assert.ok(l.label && l.title, "text label and title on every row");
      assert.match(l.icon, /codicon-(pass-filled|pie-chart|error|question|circle-slash|verified-filled)/);
    }
    // progress bar with its figure, and the trend
    const first = payload.projects[0]!;
    const bar = await page.$eval(".progress", (e) => ({ now: e.getAttribute("aria-valuenow"), role: e.getAttribute("role") }));
    assert.deepEqual(bar, { now: String(Math.round(first.progress * 100)), role: "progressbar" });
    assert.ok((await page.$$(".spark polyline")).length >= 1, "a sparkline where the history has changes");
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    assert.deepEqual(violations, [], "no CSP violation");
    await page.context().close();
  });

  it("clicking evidence or a finding posts an open-file message with the range", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    const project = payload.projects.find((p) => p.name === "express-api")!;
    const auth = project.items.find((i) => i.id === "auth")!;
    await page.click(`.project[data-root="${project.root}"] .item-row:has-text("Proper authentication")`);
    await page.click(`.project[data-root="${project.root}"] .details .link:has-text("${auth.evidence[0]!.text}")`);
    const shop = payload.projects.find((p) => p.name === "fastapi-shop")!;
    const sec = shop.items.find((i) => i.id === "secrets-in-env")!;
    await page.click(`.project[data-root="${shop.root}"] .item-row:has-text("Secrets in environment")`);
    await page.click(`.project[data-root="${shop.root}"] .details .link:has-text("env-file-not-git-ignored")`);
    const opens = (await posted(page)).filter((m) => m.type === "open");
    const e = auth.evidence[0]!;
    const f = sec.findings[0]!;
    assert.deepEqual(opens, [
      { type: "open", base: project.base, file: e.file, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn },
      { type: "open", base: shop.base, file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn },
    ].map((o) => JSON.parse(JSON.stringify(o))));
    // the contradicted attestation is marked, in text
    assert.match((await page.textContent(`.project[data-root="${shop.root}"] .attestation`)) ?? "", /Contradicted: the code now has \d+ findings? for this item/);
    await page.context().close();
  });

  it("attest → message, real write, re-render; un-attest likewise", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    const project = payload.projects.find((p) => p.name === "fastapi-shop")!;
    const card = `.project[data-root="${project.root}"]`;
    await page.click(`${card} .item-row:has-text("Rate limiting")`);
    await page.click(`${card} button:has-text("Attest…")`);
    await page.click(`${card} label:has-text("Not applicable")`);
    await page.fill(`${card} textarea`, "rate limits enforced by the Envoy sidecar");
    await page.click(`${card} button:has-text("Save attestation")`);
    const msg = (await posted(page)).find((m) => m.type === "attest");
    assert.deepEqual(msg, { type: "attest", root: project.root, item: "rate-limiting", status: "not-applicable", note: "rate limits enforced by the Envoy sidecar" });
    assert.equal(await page.textContent(`${card} button.primary`), "Saving…");
    // what the extension does: forward to the server (real attest + reload), answer, push the update
    if (msg?.type !== "attest") throw new Error("no attest message");
    const result = srv.service.attest({ root: msg.root, item: msg.item, status: msg.status, note: msg.note });
    assert.equal(result.ok, true);
    await post(page, { type: "attestResult", root: msg.root, item: msg.item, result });
    await post(page, { type: "update", payload: srv.payload() });
    const row = await page.textContent(`${card} .item-row:has-text("Rate limiting")`);
    assert.match(row ?? "", /Not applicable/);
    assert.match((await page.textContent(`${card} .attestation`)) ?? "", /Attested not applicable by .+ on \d{4}-\d{2}-\d{2}: “?rate limits enforced by the Envoy sidecar/);
    await page.click(`${card} .attestation button:has-text("Remove attestation")`);
    const un = (await posted(page)).find((m) => m.type === "unattest");
    assert.deepEqual(un, { type: "unattest", root: project.root, item: "rate-limiting" });
    assert.equal(srv.service.attest({ root: project.root!, item: "rate-limiting", status: null }).ok, true);
    await post(page, { type: "update", payload: srv.payload() });
    assert.match((await page.textContent(`${card} .item-row:has-text("Rate limiting")`)) ?? "", /Not met/);
    await page.context().close();
  });

  it("shows a server-side attest error in the form, with its place", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    const project = payload.projects.find((p) => p.name === "express-api")!;
    const card = `.project[data-root="${project.root}"]`;
    await page.click(`${card} .item-row:has-text("Unit and integration tests")`);
    await page.click(`${card} button:has-text("Attest…")`);
    await page.click(`${card} button:has-text("Save attestation")`);
    assert.match((await page.textContent(`${card} .form-error`)) ?? "", /note is required/);
    await page.fill(`${card} textarea`, "e2e suite in another repo");
    await page.click(`${card} button:has-text("Save attestation")`);
    await post(page, { type: "attestResult", root: project.root!, item: "tests", result: { ok: false, error: "backend-checklist.json is not valid (invalid JSON); fix it first — it was not changed.", file: "/x/backend-checklist.json", line: 3, column: 5 } });
    assert.match((await page.textContent(`${card} .form-error`)) ?? "", /not valid .*\(\/x\/backend-checklist\.json:3:5\)/);
    assert.equal(await page.inputValue(`${card} textarea`), "e2e suite in another repo", "the draft is kept");
    await page.context().close();
  });

  it("works with the keyboard alone", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    await page.bringToFront();
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? document.activeElement?.tagName ?? "");
    // The first Tab may only bring focus into the document (headless window focus); the first stop is the first project.
    for (let i = 0; i < 2 && !/^p:/.test(await focused()); i++) await page.keyboard.press("Tab");
    assert.match(await focused(), /^p:/, "first stop: the first project");
    await page.keyboard.press("ArrowDown");
    assert.match(await focused(), /^i:.*\u0000openapi-contract$/);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.match(await focused(), /\u0000auth$/);
    await page.keyboard.press("ArrowRight"); // expand
    assert.equal(await page.getAttribute(".item-row[aria-expanded='true']", "aria-expanded"), "true");
    await page.keyboard.press("ArrowLeft"); // collapse
    assert.equal(await page.$(".item-row[aria-expanded='true']"), null);
    await page.keyboard.press("Enter"); // expand again
    await page.keyboard.press("Tab"); // → "Attest…"
    assert.match(await focused(), /\u0000attest$/);
    await page.keyboard.press("Enter");
    assert.match(await focused(), /\u0000note$/, "focus moves into the note");
    await page.keyboard.type("RBAC enforced by the gateway's OPA policy");
    await page.keyboard.press("Tab"); // → Save
    await page.keyboard.press("Enter");
    const msg = (await posted(page)).find((m) => m.type === "attest");
    assert.equal(msg?.type === "attest" && msg.note, "RBAC enforced by the gateway's OPA policy");
    assert.match(await focused(), /\u0000save$/, "focus stays on Save while saving");
    // Escape closes the form and returns to the item; End/Home jump between rows
    await page.keyboard.press("Escape");
    assert.match(await focused(), /^i:.*\u0000auth$/);
    await page.keyboard.press("End");
    assert.match(await focused(), /^r:/, "last row: the last project's endpoints");
    await page.keyboard.press("Home");
    assert.match(await focused(), /^p:/);
    await page.context().close();
  });

  it("renders a hostile file name and project name as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bc-xss-"));
    writeFileSync(join(dir, "pyproject.toml"), '[project]\nname = "<script>alert(3)</script>"\ndependencies = ["fastapi"]\n');
    writeFileSync(join(dir, XSS_NAME), 'import os\nfrom fastapi import FastAPI\n\napp = FastAPI()\nKEY = os.getenv("K")\n');
    const s = await server([dir]);
    const p = s.payload();
    assert.ok(JSON.stringify(p).includes(XSS_NAME), "the server output carries the name");
    const page = await openView(browser);
    await post(page, { type: "update", payload: p });
    await page.click(".item-row:has-text('Secrets in environment')");
    const links = await page.$$eval(".details .link .loc", (ls) => ls.map((l) => l.textContent));
    assert.ok(links.includes(`${XSS_NAME}:5`), JSON.stringify(links));
    assert.equal(await page.textContent(".project .name"), "<script>alert(3)</script>");
    assert.equal(await page.$$eval("img, script:not([src])", (n) => n.length), 0, "no element made from data");
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (window as unknown as { __alerts: number }).__alerts), 0);
    await page.context().close();
  });

  it("ignores malformed messages; shows the empty state; restores state after a reload", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload });
    await page.evaluate(() => window.postMessage({ type: "update", payload: { projects: "<img src=x onerror=alert(1)>" } }, "*"));
    await page.evaluate(() => window.postMessage({ type: "nope" }, "*"));
    await page.waitForTimeout(50);
    assert.equal((await page.$$(".project")).length, payload.projects.length, "still the last good render");
    await page.click(".item-row:has-text('Rate limiting')");
    const saved = await page.evaluate(() => (window as unknown as { __state: () => unknown }).__state());
    await page.context().close();

    // A re-created webview (hidden, then shown) renders from getState before any message.
    const again = await openView(browser, "dark", saved);
    assert.equal((await again.$$(".project")).length, payload.projects.length);
    assert.equal(await again.getAttribute(".item-row[aria-expanded='true'] .title", "class"), "title");
    await again.context().close();

    const empty = await openView(browser, "light");
    await post(empty, { type: "update", payload: { projects: [], routes: [], scanning: null } });
    assert.match((await empty.textContent(".empty")) ?? "", /No backend project found.*package\.json/s);
    await empty.click("button:has-text('Open Folder')");
    assert.ok((await posted(empty)).some((m) => m.type === "openFolder"));
    await empty.context().close();
  });

  it("filters open items only; shows scan progress", async () => {
    const page = await openView(browser);
    await post(page, { type: "update", payload: { ...payload, scanning: { done: 12, total: 40 } } });
    assert.match((await page.textContent(".status")) ?? "", /Scanning the workspace: 12 of 40 files/);
    await post(page, { type: "filter", openOnly: true });
    const statuses = await page.$$eval(".status-label", (ls) => ls.map((l) => l.textContent));
    assert.ok(statuses.length > 0 && statuses.every((s) => s === "Partial" || s === "Not met" || s === "Unknown"), statuses.join());
    await page.context().close();
  });

  it("takes light, dark and high-contrast screenshots", async () => {
    for (const theme of ["light", "dark", "hc"] as const) {
      const page = await openView(browser, theme, undefined, { width: 380, height: 600 });
      await post(page, { type: "update", payload });
      const express = payload.projects.find((p) => p.name === "express-api")!;
      const card = `.project[data-root="${express.root}"]`;
      // collapse the others, open a few things in express-api
      for (const p of payload.projects) if (p !== express) await page.click(`.project[data-root="${p.root}"] .project-toggle`);
      await page.click(`${card} .item-row:has-text("Proper authentication")`);
      await page.click(`${card} .item-row:has-text("Rate limiting")`);
      await page.click(`${card} .section-toggle`);
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      const file = join(OUT, `checklist-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(existsSync(file));
      await page.context().close();
    }
  });

  it("renders 50 projects (timed)", async () => {
    const many: ChecklistPayload = {
      routes: [],
      scanning: null,
      projects: Array.from({ length: 50 }, (_, i) => {
        const p = payload.projects[i % payload.projects.length]!;
        return { ...p, name: `${p.name}-${i}`, root: `${p.root}-${i}`, path: `${p.path}-${i}` };
      }),
    };
    const page = await openView(browser);
    const ms = await page.evaluate((data) => {
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent("message", { data }));
      void document.body.offsetHeight; // include layout
      return performance.now() - t0;
    }, { type: "update", payload: many } as ToWebview);
    assert.equal((await page.$$(".project")).length, 50);
    assert.equal((await page.$$(".item-row")).length, 800);
    console.log(`      50 projects (800 items) rendered in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 10000, "sanity bound");
    await page.context().close();
  });
});

