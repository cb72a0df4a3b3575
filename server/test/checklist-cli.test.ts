// CLI output of the checklist: `checklist --format text|json|markdown` and `scan --checklist`.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CLI = join(process.cwd(), "dist", "cli.js");

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "bc-cli-"));
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "shop | api", dependencies: { express: "4", helmet: "7", pino: "9" } }),
    "src/app.ts": 'import express from "express";\nimport helmet from "helmet";\nconst app = express();\napp.use(helmet());\napp.get("/api/v1/orders", (_q, r) => r.json([]));\n',
    "backend-checklist.json": JSON.stringify({ checklist: { "rate-limiting": { status: "done", note: "gateway | nginx", by: "Ada", at: "2026-11-29" } } }, null, 2),
    "worker/go.mod": "module example.com/worker\n",
    "worker/main.go": "package main\n\nfunc main() {}\n",
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const run = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

describe("checklist CLI", function () {
  this.timeout(60000);
  before(function () {
    if (!existsSync(CLI)) assert.fail(`${CLI} missing: run node esbuild.mjs first`);
  });

  it("json: the shape of RULES.md, 16 items per project, paths relative to PATH", () => {
    const root = project();
    const out = JSON.parse(run("checklist", root, "--format", "json")) as { projects: Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }> };
    assert.deepEqual(out.projects.map((p) => [p.name, p.path]), [["shop | api", "."], ["example.com/worker", "worker"]]);
    for (const p of out.projects) {
      for (const k of ["name", "path", "languages", "frameworks", "progress", "items"]) assert.ok(k in p, k);
      assert.equal(p.items.length, 16);
      for (const i of p.items) for (const k of ["id", "title", "status", "evidence", "findings", "attestation"]) assert.ok(k in i, k);
    }
    const api = out.projects[0]!;
    const sh = api.items.find((i) => i.id === "security-headers")! as { status: string; evidence: Array<{ file: string; line: number; text: string }> };
    assert.equal(sh.status, "met");
    assert.ok(sh.evidence.some((e) => e.file === "src/app.ts" && e.line === 2));
    assert.ok(sh.evidence.some((e) => e.file === "package.json"));
    const rl = api.items.find((i) => i.id === "rate-limiting")!;
    assert.deepEqual(rl.attestation, { status: "done", note: "gateway | nginx", by: "Ada", at: "2026-11-29" });
    assert.equal(rl.status, "done");
    assert.ok(typeof api.progress === "number" && (api.progress as number) > 0 && (api.progress as number) <= 1);
  });

  it("text: one line per item with a status label", () => {
    const out = run("checklist", project());
    assert.match(out, /^shop \| api \(\.\) — \d+% \[express\]/m);
    assert.match(out, /✔ met +Security headers configured/);
    assert.match(out, /✔ done +Rate limiting implemented( \(\d+ findings?\))? — done by Ada: gateway \| nginx/);
    assert.match(out, /– not applicable Type hints\/annotations everywhere — Go: statically typed/);
  });

  it("markdown: a table per project that survives pipes in names and notes", () => {
    const out = run("checklist", project(), "--format", "markdown");
    assert.match(out, /^# Backend checklist$/m);
    assert.match(out, /^## shop \\\| api — \d+%$/m);
    assert.match(out, /^\| ✔ \| Security headers configured \| met \| \d+ \| 0 \|$/m);
    assert.match(out, /Attested \*\*done\*\* by Ada on 2026-11-29: gateway \\\| nginx/);
    // every table row has the same number of unescaped cells
    for (const line of out.split("\n").filter((l) => l.startsWith("| ") && !l.includes("Project"))) {
      const cells = line.replace(/\\\|/g, "").split("|").length;
      assert.ok(cells === 7 || cells === 5 || cells === 4, line);
    }
  });

  it("scan --checklist --format json carries the same projects", () => {
    const root = project();
    const scan = JSON.parse(run("scan", root, "--checklist", "--format", "json")) as { findings: unknown[]; stats: unknown; projects: unknown };
    const checklist = JSON.parse(run("checklist", root, "--format", "json")) as { projects: unknown };
    assert.ok(Array.isArray(scan.findings) && scan.stats);
    assert.deepEqual(scan.projects, checklist.projects);
    const text = run("scan", root, "--checklist");
    assert.match(text, /shop \| api \(\.\) — \d+%/);
  });

  it("a broken backend-checklist.json: notice on stderr, checklist still printed, file untouched", () => {
    const root = project();
    writeFileSync(join(root, "backend-checklist.json"), "{ nope");
    const r = spawnSync(process.execPath, [CLI, "scan", root, "--checklist"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /backend-checklist\.json:1:\d+: invalid JSON/);
    assert.match(r.stdout, /shop \| api/);
    assert.equal(readFileSync(join(root, "backend-checklist.json"), "utf8"), "{ nope");
  });
});
