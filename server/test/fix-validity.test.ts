// Every fix golden is valid code for its language's own tools: TypeScript goldens add no tsc error
// over their source, JavaScript passes `node --check`, Python `py_compile`, Go `gofmt -l`. A missing
// tool fails under CI (which installs it) and is skipped with a notice elsewhere.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { MARKER } from "./harness";
import { readFileSync } from "node:fs";

const ROOT = process.cwd();
const FIXTURES = join(ROOT, "server", "test", "fixtures");

function goldens(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) goldens(p, acc);
    else if (/\.fixed\.(ts|tsx|js|mjs|cjs|py|go)$/.test(name)) acc.push(p);
  }
  return acc;
}

function has(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
}

function requireTool(ctx: Mocha.Context, tool: string, install: string): void {
  if (has(tool)) return;
  if (process.env.CI) assert.fail(`${tool} is not installed (${install})`);
  console.warn(`      (skipped: ${tool} not installed; ${install})`);
  ctx.skip();
}

/** tsc error codes for one file, compiled alone in strict mode. */
function tscCodes(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "bc-tsc-"));
  const target = join(dir, basename(file).replace(".fixed", ""));
  writeFileSync(target, readFileSync(file, "utf8").split("\n").map((l) => l.replace(MARKER, "")).join("\n"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "preserve", moduleResolution: "bundler", skipLibCheck: true, types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")], experimentalDecorators: true }, files: [target] }),
  );
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
  return [...r.stdout.matchAll(/error (TS\d+)/g)].map((m) => m[1]!).sort();
}

describe("fix goldens are valid code", function () {
  this.timeout(120000);
  const all = goldens(FIXTURES);
  for (const golden of all) {
    const source = golden.replace(/\.fixed(\.[a-z]+)$/, "$1");
    const rel = golden.slice(FIXTURES.length + 1);
    if (/\.tsx?$/.test(golden)) {
      it(`${rel}: no new tsc errors`, () => {
        const before = tscCodes(source);
        const after = tscCodes(golden);
        const extra = [...after];
        for (const c of before) {
          const i = extra.indexOf(c);
          if (i >= 0) extra.splice(i, 1);
        }
        assert.deepEqual(extra, [], `new errors in the fixed file (source had ${before.join(", ") || "none"})`);
      });
    } else if (/\.(js|mjs|cjs)$/.test(golden)) {
      it(`${rel}: node --check`, () => {
        const dir = mkdtempSync(join(tmpdir(), "bc-js-"));
        const copy = join(dir, basename(source));
        copyFileSync(golden, copy);
        execFileSync(process.execPath, ["--check", copy]);
      });
    } else if (golden.endsWith(".py")) {
      it(`${rel}: python3 compiles it`, function () {
        requireTool(this, "python3", "apt-get install -y python3");
        execFileSync("python3", ["-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], \"exec\")", golden]);
      });
    } else if (golden.endsWith(".go")) {
      it(`${rel}: gofmt -l is clean`, function () {
        requireTool(this, "gofmt", "apt-get install -y golang-go");
        const out = execFileSync("gofmt", ["-l", golden], { encoding: "utf8" });
        assert.equal(out.trim(), "", "gofmt would reformat the fixed file");
      });
    }
  }
});
