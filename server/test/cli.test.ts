// The CLI as users and CI run it (dist/cli.js): formats, exit codes, --output, --fix, paths relative
// to the scan root, ignore rules, notices for files it skips, a broken project file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CLI = join(process.cwd(), "dist", "cli.js");

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "bc-cli-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const SECRET_PY = 'import os\n\nSTRIPE_API_KEY = "sk_live_KLzdocJ2isAjIhKtJ0RlgLKO"\n';

describe("CLI", function () {
  this.timeout(60000);

  it("prints usage and exits 2 on an unknown option or command", () => {
    assert.equal(run(["scan", "--bogus"]).code, 2);
    assert.equal(run(["frobnicate"]).code, 2);
    assert.match(run(["--help"]).stdout, /Usage: backend-checklist/);
    assert.equal(run(["scan", "--format", "xml"]).code, 2);
  });

  it("exits 0 on a clean project and 1 on error-severity findings", () => {
    assert.equal(run(["scan", project({ "requirements.txt": "flask\n", "app.py": "import os\nKEY = os.environ['KEY']\n" })]).code, 0);
    const r = run(["scan", project({ "requirements.txt": "flask\n", "app.py": SECRET_PY })]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /app\.py/);
    assert.match(r.stdout, /3:18 +error +Hardcoded Stripe live key "sk_l…"/);
    assert.ok(!r.stdout.includes("KLzdocJ2"), "the secret is echoed");
  });

  it("JSON: the contract's shape, paths relative to the single PATH", () => {
    const dir = project({ "requirements.txt": "flask\n", "src/app.py": SECRET_PY });
    const r = run(["scan", dir, "--format", "json"]);
    const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; stats: Record<string, unknown> };
    assert.deepEqual(Object.keys(out).sort(), ["findings", "stats"]);
    const f = out.findings.find((x) => x.rule === "hardcoded-secret")!;
    assert.deepEqual(
      { ...f, message: typeof f.message },
      { rule: "hardcoded-secret", severity: "error", file: "src/app.py", line: 3, column: 18, endLine: 3, endColumn: 52, message: "string", checklistItem: "secrets-in-env" },
    );
    assert.deepEqual(Object.keys(out.stats).sort(), ["durationMs", "files", "lines", "notices", "skipped"]);
    assert.equal(out.stats.files, 1);
    assert.ok(!r.stdout.includes("KLzdocJ2"));
  });

  it("JSON with --checklist adds projects", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY });
    const out = JSON.parse(run(["scan", dir, "--format", "json", "--checklist"]).stdout) as { projects: Array<{ items: unknown[] }> };
    assert.equal(out.projects.length, 1);
    assert.equal(out.projects[0]!.items.length, 16);
  });

  it("paths are relative to the working directory when several PATHs are given", () => {
    const dir = project({ "a/requirements.txt": "flask\n", "a/app.py": SECRET_PY, "b/package.json": "{}", "b/x.ts": 'const apiKey = "q8Zr2LmX0vT7pK4n";\n' });
    const out = JSON.parse(run(["scan", "a", "b", "--format", "json"], dir).stdout) as { findings: Array<{ file: string }> };
    assert.deepEqual(out.findings.map((f) => f.file).sort(), ["a/app.py", "b/x.ts"]);
  });

  it("SARIF 2.1.0 with rules, levels, 1-based regions, relative URIs, fixes and no secret", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY });
    const out = join(dir, "out.sarif");
    const r = run(["scan", dir, "--format", "sarif", "--output", out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    const text = readFileSync(out, "utf8");
    assert.ok(!text.includes("KLzdocJ2"), "SARIF echoes the secret");
    const sarif = JSON.parse(text);
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs.length, 1);
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === "hardcoded-secret");
    assert.equal(rule.properties.checklistItem, "secrets-in-env");
    assert.match(rule.helpUri, /docs\/rules\/hardcoded-secret\.md$/);
    assert.ok(rule.shortDescription.text);
    const res = sarif.runs[0].results[0];
    assert.equal(res.ruleId, "hardcoded-secret");
    assert.equal(res.level, "error");
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, "app.py");
    assert.deepEqual(loc.region, { startLine: 3, startColumn: 18, endLine: 3, endColumn: 52 });
    assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'os.environ["STRIPE_API_KEY"]');
  });

  it("--fix applies safe fixes only; --unsafe-fixes also the env extraction, with .env and .gitignore", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY });
    run(["scan", dir, "--fix"]);
    assert.equal(readFileSync(join(dir, "app.py"), "utf8"), SECRET_PY, "an unsafe fix was applied by --fix");
    const r = run(["scan", dir, "--fix", "--unsafe-fixes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(dir, "app.py"), "utf8"), 'import os\n\nSTRIPE_API_KEY = os.environ["STRIPE_API_KEY"]\n');
    assert.equal(readFileSync(join(dir, ".env.example"), "utf8"), "STRIPE_API_KEY=\n");
    assert.equal(readFileSync(join(dir, ".gitignore"), "utf8"), ".env\n");
    assert.equal(readFileSync(join(dir, ".env"), "utf8"), "STRIPE_API_KEY=sk_live_KLzdocJ2isAjIhKtJ0RlgLKO\n");
    // Idempotent.
    run(["scan", dir, "--fix", "--unsafe-fixes"]);
    assert.equal(readFileSync(join(dir, ".env.example"), "utf8"), "STRIPE_API_KEY=\n");
  });

  it("an existing .env entry with another value gets a suffixed name; .gitignore is kept", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY, ".env": "STRIPE_API_KEY=other\n", ".gitignore": "# local\n.env\n" });
    run(["scan", dir, "--unsafe-fixes"]);
    assert.match(readFileSync(join(dir, "app.py"), "utf8"), /os\.environ\["STRIPE_API_KEY_2"\]/);
    assert.equal(readFileSync(join(dir, ".env"), "utf8"), "STRIPE_API_KEY=other\nSTRIPE_API_KEY_2=sk_live_KLzdocJ2isAjIhKtJ0RlgLKO\n");
    assert.equal(readFileSync(join(dir, ".gitignore"), "utf8"), "# local\n.env\n");
  });

  it("honours .gitignore, config ignore globs and the default skipped folders", () => {
    const dir = project({
      "package.json": "{}",
      ".gitignore": "generated/\n",
      "backend-checklist.json": JSON.stringify({ ignore: ["legacy/**"] }),
      "src/a.ts": 'const apiKey = "q8Zr2LmX0vT7pK4n";\n',
      "generated/b.ts": 'const apiKey = "q8Zr2LmX0vT7pK4n";\n',
      "legacy/c.ts": 'const apiKey = "q8Zr2LmX0vT7pK4n";\n',
      "node_modules/x/d.ts": 'const apiKey = "q8Zr2LmX0vT7pK4n";\n',
      "vendor/e.go": 'package e\nvar apiKey = "q8Zr2LmX0vT7pK4n"\n',
    });
    const out = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as { findings: Array<{ file: string }> };
    assert.deepEqual(out.findings.map((f) => f.file), ["src/a.ts"]);
  });

  it("binary, huge and non-UTF-8 files are skipped or noted, never fatal", () => {
    const dir = project({
      "requirements.txt": "flask\n",
      "bin.py": Buffer.from([0, 1, 2, 3, 0x70, 0x79]),
      "huge.py": "x = 1\n".repeat(300000),
      "latin1.py": Buffer.from('# caf\xe9\nAPI_TOKEN = "tok_9f8e7d6c5b4a3921"\n', "latin1"),
    });
    const r = run(["scan", dir, "--format", "json"]);
    const out = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; stats: { skipped: Array<{ file: string; reason: string }>; notices: string[] } };
    assert.deepEqual(out.stats.skipped.map((s) => s.file).sort(), ["bin.py", "huge.py"]);
    assert.match(out.stats.skipped.find((s) => s.file === "huge.py")!.reason, /too large/);
    assert.ok(out.stats.notices.some((n) => n.includes("not valid UTF-8")));
    assert.deepEqual(out.findings.map((f) => f.file), ["latin1.py"]);
    assert.match(r.stderr, /huge\.py: skipped: too large/);
  });

  it("a broken backend-checklist.json is a notice with its place; defaults are used", () => {
    const dir = project({ "requirements.txt": "flask\n", "backend-checklist.json": '{ "rules": { "hardcoded-secret": "off", }', "app.py": SECRET_PY });
    const r = run(["scan", dir, "--format", "json"]);
    const out = JSON.parse(r.stdout) as { findings: unknown[]; stats: { notices: string[] } };
    assert.equal(out.findings.length, 1, "defaults apply when the file is broken");
    assert.ok(out.stats.notices.some((n) => /backend-checklist\.json:1:\d+: invalid JSON/.test(n)), out.stats.notices.join("\n"));
  });

  it("the project file configures rules: off, severity, includeTests", () => {
    const dir = project({ "requirements.txt": "flask\n", "backend-checklist.json": JSON.stringify({ rules: { "hardcoded-secret": "warning" }, includeTests: true }), "app.py": SECRET_PY, "tests/test_x.py": SECRET_PY });
    const r = run(["scan", dir, "--format", "json"]);
    const out = JSON.parse(r.stdout) as { findings: Array<{ file: string; severity: string }> };
    assert.equal(r.code, 0);
    assert.deepEqual(out.findings.map((f) => [f.file, f.severity]).sort(), [["app.py", "warning"], ["tests/test_x.py", "warning"]]);
  });

  it("suppression comments on the line, above it, and for the file", () => {
    const dir = project({
      "requirements.txt": "flask\n",
      "a.py": 'API_TOKEN = "tok_9f8e7d6c5b4a3921"  # backend-checklist-ignore hardcoded-secret -- test key\n',
      "b.py": '# backend-checklist-ignore hardcoded-secret\nAPI_TOKEN = "tok_9f8e7d6c5b4a3921"\nOTHER_TOKEN = "tok_9f8e7d6c5b4a3922"\n',
      "c.py": '# backend-checklist-ignore-file hardcoded-secret\nAPI_TOKEN = "tok_9f8e7d6c5b4a3921"\n',
    });
    const out = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as { findings: Array<{ file: string; line: number }> };
    assert.deepEqual(out.findings.map((f) => `${f.file}:${f.line}`), ["b.py:3"]);
  });

  it("checklist and routes commands answer in every format", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY });
    const json = JSON.parse(run(["checklist", dir, "--format", "json"]).stdout) as { projects: Array<{ name: string; items: Array<{ id: string; status: string }> }> };
    assert.equal(json.projects[0]!.items.find((i) => i.id === "secrets-in-env")!.status, "not-met");
    assert.match(run(["checklist", dir, "--format", "markdown"]).stdout, /^# Backend checklist/);
    assert.match(run(["checklist", dir]).stdout, /Secrets in environment variables/);
    const routes = JSON.parse(run(["routes", dir, "--format", "json"]).stdout) as { routes: unknown[] };
    assert.ok(Array.isArray(routes.routes));
  });

  it("npm start's command scans the bundled examples", () => {
    if (!existsSync(join(process.cwd(), "examples"))) return;
    const r = run(["scan", "examples", "--checklist"]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.match(r.stdout, /finding/);
  });
});

describe("README", () => {
  it("the rule table is generated from the rules' metadata (npm run readme)", () => {
    const r = spawnSync(process.execPath, [join(process.cwd(), "scripts", "readme-rules.mjs"), "--check"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe("CLI --exit-zero", () => {
  it("reports error findings but exits 0 (npm start uses it)", () => {
    const dir = project({ "requirements.txt": "flask\n", "app.py": SECRET_PY });
    const r = run(["scan", dir, "--exit-zero"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /hardcoded-secret/);
  });
});
