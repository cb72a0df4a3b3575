// The checklist: statuses of corpus projects against expectations written by reading them, the
// status rules of CHECKLIST.md on synthetic findings, project discovery (monorepo, multi-root),
// manifest-level evidence, the persistent cache and the score history.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChecklistService } from "../src/checklist/service";
import { buildChecklists, computeItem, score } from "../src/checklist";
import { ANALYZERS } from "../src/checklist/analyzers";
import { evidence } from "../src/checklist/evidence";
import { CHECKLIST } from "../src/checklist/items";
import { History, PersistentCache } from "../src/checklist/storage";
import type { FileResult } from "../src/engine/analyze";
import type { Rule } from "../src/engine/rule";
import { Workspace } from "../src/lsp/workspace";
import { scanWorkspace } from "../src/project/scan";
import { initParsers } from "../src/languages/parser";
import type { ChecklistPayload } from "../../protocol";
import { prepare } from "./harness";

const CORPUS = join(process.cwd(), "..", "shared", "corpus");

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "bc-checklist-"));
}

function write(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function checklistOf(dir: string, rules: readonly Rule[] = [evidence]) {
  const scan = await scanWorkspace([dir], { rules });
  return buildChecklists(scan, dir);
}

const def = (id: string) => CHECKLIST.find((d) => d.id === id)!;
const f = (rule = "r") => ({ file: "a.ts", line: 1, rule });
const ev = (part?: string) => ({ file: "a.ts", line: 1, text: "x", part });
const base = { languages: ["typescript" as const], hasApi: true, usesDb: true, fileCount: 3 };

describe("checklist", function () {
  this.timeout(120000);

  describe("corpus projects (expected statuses written by reading them)", () => {
    const expected = JSON.parse(readFileSync(join(process.cwd(), "server", "test", "checklist-expected.json"), "utf8")) as Record<string, Record<string, string> | string>;
    let projects: Awaited<ReturnType<typeof checklistOf>> = [];
    before(async function () {
      if (!existsSync(CORPUS)) {
        if (process.env.CI) assert.fail(`${CORPUS} not found`);
        this.skip();
      }
      projects = await checklistOf(prepare(CORPUS).dir);
    });
    for (const [path, items] of Object.entries(expected)) {
      if (typeof items === "string") continue;
      it(path, () => {
        const p = projects.find((x) => x.path === path);
        assert.ok(p, `project ${path} not found among ${projects.map((x) => x.path).join(", ")}`);
        const actual = Object.fromEntries(Object.keys(items).map((id) => [id, p.items.find((i) => i.id === id)?.status]));
        assert.deepEqual(actual, items);
        assert.equal(p.items.length, 16);
        // Every not-applicable item says why.
        for (const i of p.items) if (i.status === "not-applicable") assert.match(i.reason ?? "", /statically typed|no rule/i);
      });
    }
    it("cites evidence with a file and a line inside the project", () => {
      const p = projects.find((x) => x.path === "go/echo-api")!;
      const rl = p.items.find((i) => i.id === "rate-limiting")!;
      assert.ok(rl.evidence.some((e) => e.file === "go/echo-api/main.go" && e.line === 33 && /RateLimiter/.test(e.text)), JSON.stringify(rl.evidence));
      // Go module paths ending in /v5 are no versioned routes.
      const v = p.items.find((i) => i.id === "api-versioning")!;
      assert.ok(v.evidence.every((e) => !/github\.com/.test(e.text)), JSON.stringify(v.evidence));
    });
  });

  describe("status rules (CHECKLIST.md)", () => {
    it("evidence items: met / partial / not-met / unknown", () => {
      const d = def("rate-limiting");
      assert.equal(computeItem({ ...base, def: d, findings: [], evidence: [ev()] }).status, "met");
      assert.equal(computeItem({ ...base, def: d, findings: [f()], evidence: [ev()] }).status, "partial");
      assert.equal(computeItem({ ...base, def: d, findings: [f()], evidence: [] }).status, "not-met");
      assert.equal(computeItem({ ...base, def: d, findings: [], evidence: [] }).status, "not-met");
      assert.equal(computeItem({ ...base, hasApi: false, def: d, findings: [], evidence: [] }).status, "unknown");
    });
    it("items needing two kinds of evidence are partial with one", () => {
      const r = computeItem({ ...base, def: def("tests"), findings: [], evidence: [ev("unit")] });
      assert.deepEqual(r, { status: "partial", reason: "Missing HTTP-level integration tests." });
      assert.equal(computeItem({ ...base, def: def("tests"), findings: [], evidence: [ev("unit"), ev("integration")] }).status, "met");
    });
    it("absence items: met when there is something to judge, unknown otherwise", () => {
      assert.equal(computeItem({ ...base, def: def("error-handling"), findings: [], evidence: [] }).status, "met");
      assert.equal(computeItem({ ...base, def: def("error-handling"), findings: [f()], evidence: [] }).status, "not-met");
      assert.equal(computeItem({ ...base, def: def("error-handling"), findings: [f()], evidence: [ev()] }).status, "partial");
      assert.equal(computeItem({ ...base, usesDb: false, def: def("query-optimization"), findings: [], evidence: [] }).status, "unknown");
      assert.equal(computeItem({ ...base, hasApi: false, def: def("input-validation"), findings: [], evidence: [] }).status, "unknown");
      assert.equal(computeItem({ ...base, fileCount: 0, def: def("secrets-in-env"), findings: [], evidence: [] }).status, "unknown");
    });
    it("not-applicable where no rule of the item applies to the project's languages", () => {
      assert.deepEqual(computeItem({ ...base, languages: ["go"], def: def("async-io"), findings: [], evidence: [] }), { status: "not-applicable", reason: "No rule of this item applies to Go." });
      assert.equal(computeItem({ ...base, languages: ["java"], def: def("type-annotations"), findings: [], evidence: [] }).status, "not-applicable");
      assert.equal(computeItem({ ...base, languages: ["javascript"], def: def("type-annotations"), findings: [], evidence: [] }).status, "not-applicable");
      assert.equal(computeItem({ ...base, languages: ["javascript", "typescript"], def: def("type-annotations"), findings: [], evidence: [] }).status, "met");
      assert.equal(computeItem({ ...base, languages: ["rust"], def: def("async-io"), findings: [], evidence: [ev()] }).status, "met");
    });
    it("progress: met, done and not-applicable count 1, partial half", () => {
      assert.equal(score(["met", "done", "not-applicable", "partial"]), 0.875);
      assert.equal(score(["not-met", "unknown"]), 0);
      assert.equal(score([...Array(16)].map(() => "partial" as const)), 0.5);
    });
  });

  describe("projects and manifest evidence", () => {
    it("tracks every project of a monorepo separately, files in the deepest project", async () => {
      const root = write(tmp(), {
        "package.json": JSON.stringify({ name: "mono", private: true, devDependencies: { typescript: "5" } }),
        "services/api/package.json": JSON.stringify({ name: "api", dependencies: { express: "4", helmet: "7", "express-rate-limit": "7" } }),
        "services/api/src/app.ts": 'import express from "express";\nimport helmet from "helmet";\nconst app = express();\napp.use(helmet());\napp.get("/v1/x", (_q, r) => r.json({}));\n',
        "services/worker/go.mod": "module example.com/worker\n\ngo 1.22\n",
        "services/worker/main.go": "package main\n\nfunc main() {}\n",
        "tools/script.py": "print('x')\n",
      });
      const projects = await checklistOf(root);
      assert.deepEqual(projects.map((p) => [p.name, p.path]), [["mono", "."], ["api", "services/api"], ["example.com/worker", "services/worker"]]);
      const api = projects.find((p) => p.name === "api")!;
      assert.equal(api.items.find((i) => i.id === "security-headers")!.status, "met");
      assert.ok(api.items.find((i) => i.id === "security-headers")!.evidence.some((e) => e.file === "services/api/src/app.ts" && e.line === 2));
      const worker = projects.find((p) => p.path === "services/worker")!;
      assert.deepEqual(worker.languages, ["go"]);
      assert.equal(worker.items.find((i) => i.id === "rate-limiting")!.status, "unknown", "no HTTP API: nothing to judge");
      assert.deepEqual(projects.find((p) => p.name === "mono")!.languages, ["python"]);
    });

    it("tracks every folder of a multi-root workspace (server)", async () => {
      await initParsers();
      const a = write(tmp(), { "requirements.txt": "fastapi\n", "app.py": "from fastapi import FastAPI\napp = FastAPI()\n" });
      const b = write(tmp(), { "Cargo.toml": '[package]\nname = "b"\n[dependencies]\naxum = "0.7"\n', "src/main.rs": "fn main() {}\n" });
      const ws = new Workspace(ANALYZERS);
      ws.folders = [a, b].map((p) => ({ path: p, uri: "file://" + p }));
      await ws.scanAll({});
      const sent: ChecklistPayload[] = [];
      const service = new ChecklistService(ws, { send: (p) => sent.push(p), log: () => undefined });
      const payload = service.payload();
      assert.deepEqual(payload.projects.map((p) => [p.name, p.path, p.root, p.base]), [
        [a.split("/").pop(), ".", a, a],
        ["b", ".", b, b],
      ].sort((x, y) => String(x[2]).localeCompare(String(y[2]))));
      assert.equal(payload.projects.find((p) => p.root === a)!.items.find((i) => i.id === "openapi-contract")!.status, "met");
    });

    it(".env: evidence when git-ignored, a finding when not; tsconfig strict; Python annotation share", async () => {
      const ignored = write(tmp(), { "package.json": '{"name":"a","dependencies":{"express":"4"}}', ".gitignore": "node_modules\n.env\n", ".env": "X=1\n", "tsconfig.json": '{ "compilerOptions": { "strict": true } }', "a.ts": "export const x = 1;\n" });
      const [p1] = await checklistOf(ignored);
      const sec = p1!.items.find((i) => i.id === "secrets-in-env")!;
      assert.ok(sec.evidence.some((e) => e.text === ".env is git-ignored" && e.file === ".gitignore" && e.line === 2), JSON.stringify(sec.evidence));
      assert.ok(p1!.items.find((i) => i.id === "type-annotations")!.evidence.some((e) => e.file === "tsconfig.json" && /strict/.test(e.text)));

      const exposed = write(tmp(), { "requirements.txt": "flask\n", ".env": "SECRET=1\n", "app.py": "def f(a: int) -> int:\n    return a\n\ndef g(b):\n    return b\n" });
      const [p2] = await checklistOf(exposed);
      const sec2 = p2!.items.find((i) => i.id === "secrets-in-env")!;
      assert.equal(sec2.status, "not-met");
      assert.deepEqual(sec2.findings.map((x) => [x.file, x.rule]), [[".env", "env-file-not-git-ignored"]]);
      const ta = p2!.items.find((i) => i.id === "type-annotations")!;
      assert.match(ta.evidence[0]!.text, /^50% of Python functions annotated \(1\/2\)/);
    });

    it("an attestation overrides the computed status, is shown beside it and marked when contradicted", async () => {
      const root = write(tmp(), {
        "package.json": '{"name":"a","dependencies":{"express":"4"}}',
        "backend-checklist.json": JSON.stringify({ checklist: { "rate-limiting": { status: "done", note: "at the gateway", by: "Ann", at: "2026-01-02" }, "error-handling": { status: "not-applicable", note: "n/a", by: "Ann", at: "2026-01-02" } } }),
        "a.ts": "import express from 'express';\nconst app = express();\n",
      });
      const fake: Rule = { ...evidence, id: "fake-error", checklistItem: "error-handling", detectors: { ts: (ctx) => ctx.report({ node: ctx.file.tree.rootNode, message: "x" }) } };
      const [p] = await checklistOf(root, [evidence, fake]);
      const rl = p!.items.find((i) => i.id === "rate-limiting")!;
      assert.deepEqual([rl.status, rl.computedStatus, rl.contradicted, rl.attestation?.note], ["done", "not-met", false, "at the gateway"]);
      const eh = p!.items.find((i) => i.id === "error-handling")!;
      assert.deepEqual([eh.status, eh.computedStatus, eh.contradicted], ["not-applicable", "not-met", true]);
    });

    it("a broken backend-checklist.json is reported with its place", async () => {
      await initParsers();
      const root = write(tmp(), { "package.json": '{"name":"a"}', "backend-checklist.json": '{\n  "checklist": {\n    "auth": { "status": "dne" }\n  }\n}\n', "a.ts": "export {};\n" });
      const ws = new Workspace(ANALYZERS);
      ws.folders = [{ path: root, uri: "file://" + root }];
      await ws.scanAll({});
      const payload = new ChecklistService(ws, { send: () => undefined, log: () => undefined }).payload();
      const problem = payload.projects[0]!.configProblem;
      assert.ok(problem);
      assert.equal(problem.file, "backend-checklist.json");
      assert.match(problem.message, /checklist\.auth\.status/);
    });
  });

  describe("server service", () => {
    it("streams partial results while scanning and records history only for settled states", async () => {
      await initParsers();
      const root = write(tmp(), { "package.json": '{"name":"a","dependencies":{"express":"4"}}', "a.ts": "export {};\n", "b.ts": "export {};\n" });
      const ws = new Workspace(ANALYZERS);
      ws.folders = [{ path: root, uri: "file://" + root }];
      const sent: ChecklistPayload[] = [];
      const storage = tmp();
      const service = new ChecklistService(ws, { send: (p) => sent.push(p), log: () => undefined, partialEveryMs: 0 });
      service.useStorage(storage, { attach: () => undefined } as never, ANALYZERS);
      await ws.scanAll({ onProgress: (d, t) => service.scanProgress(d, t) });
      assert.ok(sent.length >= 1 && sent.every((p) => p.scanning && p.scanning.total === 2), JSON.stringify(sent.map((p) => p.scanning)));
      assert.equal(service.history.entries(root).length, 0, "partial states are not history");
      service.scanFinished();
      const last = sent[sent.length - 1]!;
      assert.equal(last.scanning, null);
      assert.equal(service.history.entries(root).length, 1);
      assert.deepEqual(last.projects[0]!.history, [last.projects[0]!.progress]);
      service.payload();
      assert.equal(service.history.entries(root).length, 1, "unchanged: not recorded again");
      service.dispose();
      assert.ok(existsSync(join(storage, "history.json")));
      assert.equal(new History(storage).entries(root).length, 1);
    });
  });

  describe("storage", () => {
    const result = (n: number): FileResult => ({ findings: [], facts: [{ kind: "evidence", file: `/f${n}`, range: { start: { line: n, character: 0 }, end: { line: n, character: 1 } }, data: { item: "auth", text: "x".repeat(100) } }], suppressions: { lines: {}, file: [] }, errors: {} });

    it("keeps results across restarts, bounded, and only for the same key", () => {
      const dir = tmp();
      const c = new PersistentCache(dir, { key: "k1", maxEntries: 50, maxBytes: 8000 });
      for (let i = 0; i < 100; i++) c.set(`h${i}`, result(i));
      c.save();
      assert.ok(readFileSync(c.path, "utf8").length <= 8000);
      const again = new PersistentCache(dir, { key: "k1" });
      assert.ok(again.size > 0 && again.size <= 50, String(again.size));
      assert.deepEqual(again.get("h99"), result(99));
      assert.equal(again.get("h0"), undefined);
      assert.equal(new PersistentCache(dir, { key: "k2" }).size, 0);
    });

    it("ignores a corrupt or foreign cache file with a notice", () => {
      const dir = tmp();
      writeFileSync(join(dir, "results-cache.json"), '{"format":1,"key":"k","entries":[["a",{"nope":1}]]');
      const c = new PersistentCache(dir, { key: "k" });
      assert.equal(c.size, 0);
      assert.match(c.notice ?? "", /corrupt/);
      writeFileSync(join(dir, "results-cache.json"), '{"format":1,"key":"k","entries":[["a",{"nope":1}]]}');
      const d = new PersistentCache(dir, { key: "k" });
      assert.equal(d.size, 0);
      assert.match(d.notice ?? "", /unexpected shape/);
    });

    it("history: only changes, capped, corrupt file ignored", () => {
      const dir = tmp();
      const h = new History(dir, 3);
      const st = CHECKLIST.map(() => "met" as const);
      assert.equal(h.record("/p", 1, st), true);
      assert.equal(h.record("/p", 1, st), false);
      for (let i = 0; i < 5; i++) h.record("/p", i / 10, st);
      assert.deepEqual(h.scores("/p"), [0.2, 0.3, 0.4]);
      assert.match(h.entries("/p")[0]!.items, /^m{16}$/);
      h.save();
      assert.deepEqual(new History(dir).scores("/p"), [0.2, 0.3, 0.4]);
      writeFileSync(join(dir, "history.json"), "{oops");
      const broken = new History(dir);
      assert.deepEqual(broken.scores("/p"), []);
      assert.match(broken.notice ?? "", /corrupt/);
    });
  });
});
