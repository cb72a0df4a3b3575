// The async rewrites of blocking-call-in-async must leave programs that still compile: the fixed
// Python goldens pass `python3 -m py_compile`, the fixed TS goldens `tsc --noEmit` (fixture tsconfig,
// @types/node) with no errors.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const FIXTURES = join(process.cwd(), "server", "test", "fixtures", "blocking-call-in-async");

function run(cmd: string, args: string[], cwd?: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, out: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

describe("blocking-call-in-async: fixed goldens compile", function () {
  this.timeout(120000);
  it("python goldens pass py_compile", () => {
    const dir = join(FIXTURES, "python");
    const goldens = readdirSync(dir).filter((f) => f.endsWith(".fixed.py"));
    assert.ok(goldens.length > 0, "no python golden");
    const tmp = mkdtempSync(join(tmpdir(), "bc-pycompile-")); // keep __pycache__ out of the fixtures
    for (const g of goldens) {
      copyFileSync(join(dir, g), join(tmp, g));
      const r = run("python3", ["-m", "py_compile", g], tmp);
      assert.equal(r.code, 0, `${g}: ${r.out}`);
    }
  });
  it("ts goldens pass tsc --noEmit", () => {
    const dir = join(FIXTURES, "ts");
    const tsc = join(process.cwd(), "node_modules", ".bin", "tsc");
    assert.ok(existsSync(join(dir, "tsconfig.json")));
    const r = run(tsc, ["-p", join(dir, "tsconfig.json"), "--noEmit"], dir);
    assert.equal(r.code, 0, r.out);
  });
});
