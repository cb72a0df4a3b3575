// The checklist through the language server (dist/server.js over stdio): work-done progress during
// the background scan, partial results streamed, requests answered while it runs, updates from edits
// and file-watcher events without a rescan, attest over LSP, and the result cache in the storage
// folder the client names (never the user's repo).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { checklistPayloadSchema, ChecklistMethods, Methods, type ChecklistPayload } from "../../protocol";

const SERVER = join(process.cwd(), "dist", "server.js");

interface Session {
  proc: ChildProcess;
  conn: MessageConnection;
  payloads: ChecklistPayload[];
  progress: Array<{ kind: string; percentage?: number; message?: string }>;
  logs: string[];
  close(): Promise<void>;
}

async function start(folder: string, storagePath: string): Promise<Session> {
  const proc = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const s: Session = {
    proc,
    conn,
    payloads: [],
    progress: [],
    logs: [],
    async close() {
      await conn.sendRequest("shutdown");
      conn.sendNotification("exit");
      await new Promise((r) => proc.once("exit", r));
      conn.dispose();
    },
  };
  conn.onNotification(Methods.checklistChanged, (p: unknown) => {
    s.payloads.push(checklistPayloadSchema.parse(p));
  });
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onRequest("client/registerCapability", () => null);
  conn.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onNotification("$/progress", (p: { value: { kind: string; percentage?: number; message?: string } }) => {
    s.progress.push(p.value);
  });
  conn.onNotification("window/logMessage", (p: { message: string }) => {
    s.logs.push(p.message);
  });
  proc.stderr!.on("data", (d: Buffer) => s.logs.push(`stderr: ${d.toString()}`));
  conn.onNotification("textDocument/publishDiagnostics", () => undefined);
  conn.listen();
  const uri = pathToFileURL(folder).href;
  await conn.sendRequest("initialize", {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "ws" }],
    initializationOptions: { storagePath },
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  conn.sendNotification("initialized", {});
  return s;
}

async function until<T>(what: string, f: () => T | undefined, ms = 20000, debug?: () => string): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}${debug ? `\n${debug()}` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function workspace(files = 120): string {
  const root = mkdtempSync(join(tmpdir(), "bc-lsp-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "svc", dependencies: { express: "4" } }));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "app.ts"), 'import express from "express";\nexport const app = express();\napp.get("/v1/health", (_q, r) => r.json({}));\n');
  for (let i = 0; i < files; i++) writeFileSync(join(root, "src", `m${i}.ts`), `export async function f${i}(x: number): Promise<number> {\n  return x + ${i};\n}\n`);
  mkdirSync(join(root, "worker"));
  writeFileSync(join(root, "worker", "go.mod"), "module example.com/worker\n\ngo 1.22\n");
  writeFileSync(join(root, "worker", "main.go"), "package main\n\nfunc main() {}\n");
  return root;
}

const item = (p: ChecklistPayload | undefined, project: string, id: string) => p?.projects.find((x) => x.name === project)?.items.find((i) => i.id === id);

describe("checklist over LSP", function () {
  this.timeout(120000);
  before(function () {
    if (!existsSync(SERVER)) assert.fail(`${SERVER} missing: run node esbuild.mjs first`);
  });

  it("scans with progress, streams partial results, then follows edits, watcher events and attestations", async () => {
    const root = workspace();
    const storage = mkdtempSync(join(tmpdir(), "bc-storage-"));
    const s = await start(root, storage);
    try {
      // A request during the scan is answered at once (the scan yields between files).
      const t0 = Date.now();
      const during = checklistPayloadSchema.parse(await s.conn.sendRequest(Methods.checklist));
      const answeredIn = Date.now() - t0;
      assert.ok(answeredIn < 2000, `answered in ${answeredIn} ms`);
      void during;
      const settled = await until("the settled checklist", () => s.payloads.find((p) => !p.scanning), 20000, () => JSON.stringify({ logs: s.logs, payloads: s.payloads.length, progress: s.progress.length }).slice(0, 3000));
      const partial = s.payloads.find((p) => p.scanning);
      assert.ok(partial && partial.scanning!.total >= 120, "a partial result while scanning");
      assert.ok(s.progress.some((p) => p.kind === "begin") && s.progress.some((p) => p.kind === "report") && s.progress.some((p) => p.kind === "end"), JSON.stringify(s.progress.slice(0, 3)));
      assert.deepEqual(settled.projects.map((p) => p.name).sort(), ["example.com/worker", "svc"]);
      assert.equal(item(settled, "svc", "security-headers")?.status, "not-met");

      // An edit (not saved) is enough: helmet in the open document.
      const appUri = pathToFileURL(join(root, "src", "app.ts")).href;
      const text = readFileSync(join(root, "src", "app.ts"), "utf8");
      s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri: appUri, languageId: "typescript", version: 1, text } });
      s.conn.sendNotification("textDocument/didChange", {
        textDocument: { uri: appUri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import helmet from "helmet";\n' }],
      });
      const n = s.payloads.length;
      await until("security headers from the edit", () => s.payloads.slice(n).find((p) => item(p, "svc", "security-headers")?.status === "met"));
      const scansAfterEdit = s.progress.filter((p) => p.kind === "begin").length;

      // A file created on disk and announced by the watcher.
      writeFileSync(join(root, "src", "limits.ts"), 'import rateLimit from "express-rate-limit";\nexport const limiter = rateLimit({ windowMs: 60000, max: 100 });\n');
      const m = s.payloads.length;
      s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(root, "src", "limits.ts")).href, type: 1 }] });
      await until("rate limiting from the watcher", () => s.payloads.slice(m).find((p) => item(p, "svc", "rate-limiting")?.status === "met"));
      assert.equal(s.progress.filter((p) => p.kind === "begin").length, scansAfterEdit, "no rescan of the world");

      // Refresh re-reads the disk: a change no watcher reported is seen.
      writeFileSync(join(root, "src", "cors.ts"), 'import cors from "cors";\nexport const c = cors({ origin: ["https://a.example"] });\n');
      const refreshed = checklistPayloadSchema.parse(await s.conn.sendRequest(ChecklistMethods.refresh));
      assert.ok(item(refreshed, "svc", "cors")?.evidence.some((e) => e.file === "src/cors.ts"));

      // A root file the checklist reads (not a source file) is picked up from the watcher too.
      writeFileSync(join(root, "openapi.yaml"), "openapi: 3.1.0\n");
      const o = s.payloads.length;
      s.conn.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(root, "openapi.yaml")).href, type: 1 }] });
      await until("the OpenAPI document", () => s.payloads.slice(o).find((p) => item(p, "svc", "openapi-contract")?.status === "met"));

      // Attest over LSP: the project file is written, the checklist follows.
      const svc = s.payloads[s.payloads.length - 1]!.projects.find((p) => p.name === "svc")!;
      const k = s.payloads.length;
      const res = await s.conn.sendRequest(Methods.attest, { root: svc.root, item: "tests", status: "done", note: "contract tests in the platform repo" });
      assert.deepEqual(res, { ok: true });
      const attested = await until("the attestation", () => s.payloads.slice(k).find((p) => item(p, "svc", "tests")?.status === "done"));
      assert.equal(item(attested, "svc", "tests")?.attestation?.note, "contract tests in the platform repo");
      assert.ok(JSON.parse(readFileSync(join(root, "backend-checklist.json"), "utf8")).checklist.tests);
      const bad = await s.conn.sendRequest(Methods.attest, { root: svc.root, item: 42 });
      assert.equal((bad as { ok: boolean }).ok, false);
      // History: each settled change of the score, for the trend.
      assert.ok((attested.projects.find((p) => p.name === "svc")?.history?.length ?? 0) >= 3);
    } finally {
      await s.close();
    }
    // The cache lives in the storage folder, not in the repo.
    assert.ok(existsSync(join(storage, "cache", "results-cache.json")));
    assert.ok(existsSync(join(storage, "history.json")));
    assert.deepEqual(readdirSync(root).sort(), ["backend-checklist.json", "openapi.yaml", "package.json", "src", "worker"]);

    // A restart reuses the cached results.
    const again = await start(root, storage);
    try {
      await until("the settled checklist", () => again.payloads.find((p) => !p.scanning));
      const line = again.logs.find((l) => l.startsWith("storage:"));
      assert.match(line ?? "", /\((\d{3,}) cached file results\)/);
    } finally {
      await again.close();
    }
  });

  it("a corrupt cache in storage is ignored with a notice", async () => {
    const root = workspace(3);
    const storage = mkdtempSync(join(tmpdir(), "bc-storage-"));
    mkdirSync(join(storage, "cache"));
    writeFileSync(join(storage, "cache", "results-cache.json"), "\u0000garbage");
    writeFileSync(join(storage, "history.json"), "[1,2");
    const s = await start(root, storage);
    try {
      const settled = await until("the settled checklist", () => s.payloads.find((p) => !p.scanning));
      assert.equal(settled.projects.length, 2);
      assert.ok(s.logs.some((l) => /results-cache\.json is corrupt/.test(l)), s.logs.join("\n"));
      assert.ok(s.logs.some((l) => /history\.json is corrupt/.test(l)));
    } finally {
      await s.close();
    }
  });
});
