// Quick fixes as the lightbulb offers them: the rule's fix is the preferred action and, applied,
// produces the expected text and files.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { applyAction, fileUri, hasRule, lineOf, open, quickFixes, SECRETS, textOf, waitForDiagnostics } from "./helpers";

const LOOKUP: Record<(typeof SECRETS)[number]["lang"], RegExp> = {
  typescript: /process\.env(\.API_KEY|\[["']API_KEY["']\])/,
  python: /os\.environ\[["']API_KEY["']\]/,
  go: /os\.Getenv\("API_KEY"\)/,
  rust: /std::env::var\("API_KEY"\)/,
  java: /System\.getenv\("API_KEY"\)/,
};

async function preferredFix(rel: string, rule: string, at: string): Promise<{ doc: vscode.TextDocument; action: vscode.CodeAction; line: number }> {
  const { document: doc } = await open(rel);
  const line = lineOf(doc, at);
  const ds = await waitForDiagnostics(doc.uri, rule, (ds) => ds.some((x) => x.range.start.line === line));
  const diag = ds.find((x) => x.range.start.line === line)!;
  const actions = await quickFixes(doc.uri, diag);
  const preferred = actions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, `one preferred action, got ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
  assert.ok(actions.some((a) => a.title === `Ignore ${rule} on this line` && !a.isPreferred), "the ignore action is offered too, not preferred");
  return { doc, action: preferred[0]!, line };
}

describe("quick fixes", () => {
  afterEach(async () => {
    await vscode.workspace.saveAll(false);
  });

  for (const c of SECRETS) {
    it(`extract secret to env in ${c.lang}`, async () => {
      const { doc, action, line } = await preferredFix(c.file, "hardcoded-secret", c.secret);
      assert.match(action.title, /env/i);
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
      await applyAction(action);
      const fixedLine = doc.lineAt(line).text;
      assert.match(fixedLine, LOOKUP[c.lang], `fixed line: ${fixedLine}`);
      assert.ok(!doc.getText().includes(c.secret), "the secret left the source file");
      const project = c.file.split("/")[0]!;
      assert.match(await textOf(`${project}/.env.example`), /^API_KEY=$/m);
      // The value lands in .env only, and .env is git-ignored (added to .gitignore when it was not).
      assert.match(await textOf(`${project}/.env`), new RegExp(`^API_KEY=["']?${c.secret}["']?$`, "m"));
      assert.match(await textOf(`${project}/.gitignore`), /^\/?\.env$/m);
      await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => !ds.some((x) => x.range.start.line === line));
    });
  }

  it("wrap with cause (python) when error-without-cause is registered", async function () {
    if (!hasRule("error-without-cause", "python")) this.skip();
    const { doc, action, line } = await preferredFix("py/errors.py", "error-without-cause", "raise RuntimeError");
    await applyAction(action);
    assert.match(doc.lineAt(line).text, /raise RuntimeError\("could not load the configuration"\) from e\s*$/);
  });

  it("wrap with cause (ts) when error-without-cause is registered", async function () {
    if (!hasRule("error-without-cause", "ts")) this.skip();
    const { doc, action, line } = await preferredFix("ts/src/errors.ts", "error-without-cause", "throw new Error");
    await applyAction(action);
    assert.match(doc.lineAt(line).text, /throw new Error\("could not load the configuration", \{ cause: err \}\);/);
  });

  it("add pagination bounds (python) when unbounded-pagination is registered", async function () {
    if (!hasRule("unbounded-pagination", "python")) this.skip();
    const { doc, action } = await preferredFix("py/items.py", "unbounded-pagination", "limit");
    await applyAction(action);
    assert.match(doc.getText(), /Query\(20, ge=1, le=100\)/);
  });

  it("does not offer fixes for a file outside the selector", async () => {
    await open("ts/package.json");
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", fileUri("ts/package.json"), new vscode.Range(0, 0, 0, 1));
    assert.ok(!(actions ?? []).some((a) => /backend-checklist|env/i.test(a.title)));
  });
});
