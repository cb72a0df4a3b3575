// The server is editor-neutral: Neovim's built-in LSP client (0.7, vim.lsp.start_client) runs
// `backend-checklist lsp --stdio`, receives diagnostics and a code action, and applies the action.
// Needs `nvim` (apt-get install -y neovim): skipped with a notice when missing, failed when CI is set.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SECRET = "Vb4nM8kL2qP6wE9rT1yZ";
const TOKEN = "Hq8ZmR2pW5tY7uK3xB9c";

interface NvimResult {
  ok: boolean;
  error?: string;
  steps: string[];
  diagnostics?: { line: number; col: number; severity: number; source: string; message: string; code: string; href: string | null }[];
  actions?: { title: string; isPreferred: boolean; hasEdit: boolean; hasData: boolean }[];
  lineAfterIgnore?: string;
  clearedAfterIgnore?: boolean;
  lineAfterFix?: string;
  envExample?: string;
}

function haveNvim(): boolean {
  return spawnSync("nvim", ["--version"], { stdio: "ignore" }).status === 0;
}

describe("Neovim built-in LSP client", function () {
  this.timeout(90_000);
  let tmp: string;
  let result: NvimResult;

  before(function () {
    if (!haveNvim()) {
      if (process.env.CI) assert.fail("nvim not found: apt-get install -y neovim");
      console.warn("  (skipped: nvim not found; install it with: apt-get install -y neovim)");
      this.skip();
    }
    tmp = mkdtempSync(join(tmpdir(), "bc-nvim-"));
    writeFileSync(join(tmp, "requirements.txt"), "fastapi==0.115.0\n");
    // Neovim 0.7 announces no workspaceEdit.documentChanges, so an edit can change existing files only
    // (the server declines to create .env.example for it): the env files exist here.
    writeFileSync(join(tmp, ".env.example"), "PORT=\n");
    writeFileSync(join(tmp, ".env"), "PORT=8000\n");
    writeFileSync(join(tmp, ".gitignore"), ".env\n");
    const file = join(tmp, "app.py");
    writeFileSync(file, `import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\napi_key = "${SECRET}"\nauth_token = "${TOKEN}"\n`);
    const out = join(tmp, "result.json");
    const r = spawnSync("nvim", ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${join(process.cwd(), "server/test/editors/neovim.lua")}`], {
      env: { ...process.env, BC_CLI: join(process.cwd(), "dist/cli.js"), BC_ROOT: tmp, BC_FILE: file, BC_OUT: out },
      encoding: "utf8",
      timeout: 80_000,
    });
    try {
      result = JSON.parse(readFileSync(out, "utf8")) as NvimResult;
    if (process.env.BACKEND_CHECKLIST_TEST_VERBOSE) console.log(JSON.stringify(result, null, 2));
    } catch {
      assert.fail(`nvim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
    }
    assert.ok(result.ok, `${result.error} after steps ${result.steps.join(", ")}`);
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("receives hardcoded-secret on the literal's line, linking to the rule's docs", () => {
    const d = result.diagnostics!.find((x) => x.code === "hardcoded-secret");
    assert.ok(d, JSON.stringify(result.diagnostics));
    assert.equal(d.line, 3);
    assert.equal(d.severity, 1);
    assert.equal(d.source, "backend-checklist");
    assert.ok(!d.message.includes(SECRET));
    assert.match(String(d.href), /\/docs\/rules\/hardcoded-secret\.md$/);
  });

  it("offers the fix as the preferred action, and the ignore action", () => {
    const titles = result.actions!.map((a) => a.title);
    const preferred = result.actions!.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, titles.join(" | "));
    assert.match(preferred[0]!.title, /env/i);
    assert.ok(titles.includes("Ignore hardcoded-secret on this line"), titles.join(" | "));
  });

  it("applies the ignore action: comment above, finding gone", () => {
    assert.equal(result.lineAfterIgnore, "# backend-checklist-ignore hardcoded-secret");
    assert.equal(result.clearedAfterIgnore, true);
  });

  it("resolves and applies extract secret to env: env lookup in the code, name in .env.example", () => {
    assert.equal(result.lineAfterFix, 'auth_token = os.environ["AUTH_TOKEN"]');
    assert.match(result.envExample!, /^AUTH_TOKEN=$/m);
  });
});
