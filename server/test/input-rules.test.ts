// The input rules' fixes compile, not just parse: the fixed TS goldens type-check with `tsc --noEmit`
// (the fixture's tsconfig with minimal framework stubs), the fixed Python goldens pass
// `python3 -m py_compile`. Also checks the `route-input` facts recorded for the route inventory.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { scanWorkspace } from "../src/project/scan";
import { ALL_RULES } from "../src/rules";
import { prepare } from "./harness";

const ROOT = process.cwd();
const FIXTURES = join(ROOT, "server", "test", "fixtures");

function files(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, re));
    else if (re.test(name)) out.push(p);
  }
  return out;
}

function run(cmd: string, args: string[], cwd: string): { code: number; output: string } {
  try {
    const output = execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

describe("input rules: fixed goldens compile", function () {
  this.timeout(120000);

  it("unbounded-pagination TS goldens type-check (tsc --noEmit)", () => {
    const dir = join(FIXTURES, "unbounded-pagination", "ts");
    const goldens = files(dir, /\.fixed\.ts$/);
    assert.ok(goldens.length >= 3, "expected TS goldens");
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    const { code, output } = run(tsc, ["--noEmit", "-p", join(dir, "tsconfig.json")], dir);
    assert.equal(code, 0, output);
    // The tsconfig must list every golden, so a new golden cannot escape the check.
    const listed = run(tsc, ["--listFilesOnly", "-p", join(dir, "tsconfig.json")], dir).output;
    for (const g of goldens) assert.ok(listed.includes(relative(dir, g)) || listed.includes(g), `${g} is not in the fixture's tsconfig`);
  });

  it("Python goldens compile (python3 -m py_compile)", () => {
    const goldens = ["unbounded-pagination"].flatMap((rule) => files(join(FIXTURES, rule, "python"), /\.fixed\.py$/));
    assert.ok(goldens.length >= 3, "expected Python goldens");
    // Compile copies, so no __pycache__ lands in the fixtures.
    const tmp = mkdtempSync(join(tmpdir(), "bc-pycompile-"));
    const copies = goldens.map((g, i) => {
      const c = join(tmp, `g${i}.py`);
      cpSync(g, c);
      return c;
    });
    const { code, output } = run("python3", ["-m", "py_compile", ...copies], tmp);
    assert.equal(code, 0, output);
  });
});

describe("input rules: route-input facts", function () {
  this.timeout(60000);

  it("records one fact per handler with validated and paginationBounded", async () => {
    const prep = prepare(join(FIXTURES, "missing-input-validation", "python"));
    const scan = await scanWorkspace([prep.dir], { rules: ALL_RULES });
    const facts = scan.projects.flatMap((p) => [...p.files.values()].flatMap((f) => f.result.facts.filter((x) => x.kind === "route-input")));
    const byHandler = new Map(facts.map((f) => [f.data.handler as string, f.data]));
    assert.deepEqual(byHandler.get("create_order"), { handler: "create_order", validated: true, paginationBounded: null });
    assert.deepEqual(byHandler.get("replace_order"), { handler: "replace_order", validated: false, paginationBounded: null });
    assert.deepEqual(byHandler.get("create_note"), { handler: "create_note", validated: false, paginationBounded: null });
    assert.deepEqual(byHandler.get("update_note"), { handler: "update_note", validated: true, paginationBounded: null });
  });

  it("carries the pagination state of handlers", async () => {
    const prep = prepare(join(FIXTURES, "unbounded-pagination", "python"));
    const scan = await scanWorkspace([prep.dir], { rules: ALL_RULES });
    const facts = scan.projects.flatMap((p) => [...p.files.values()].flatMap((f) => f.result.facts.filter((x) => x.kind === "route-input")));
    const byHandler = new Map(facts.map((f) => [f.data.handler as string, f.data]));
    assert.equal(byHandler.get("list_items")?.paginationBounded, false);
    assert.equal(byHandler.get("report")?.paginationBounded, true);
    assert.equal(byHandler.get("recent")?.paginationBounded, true);
    assert.equal(byHandler.get("list_notes")?.paginationBounded, false);
  });

  it("names inline Express handlers by method and path", async () => {
    const prep = prepare(join(FIXTURES, "unbounded-pagination", "ts"));
    const scan = await scanWorkspace([prep.dir], { rules: ALL_RULES });
    const facts = scan.projects.flatMap((p) => [...p.files.values()].flatMap((f) => f.result.facts.filter((x) => x.kind === "route-input" && !/\.fixed\./.test(f.path))));
    const byHandler = new Map(facts.map((f) => [f.data.handler as string, f.data]));
    assert.equal(byHandler.get("GET /items")?.paginationBounded, false);
    assert.equal(byHandler.get("GET /clamped")?.paginationBounded, true);
    assert.equal(byHandler.get("InvoicesController.recent")?.paginationBounded, false);
  });
});
