// Opening a file of each language yields the expected diagnostics at the expected ranges, with rule
// codes linking to the rule's docs. hardcoded-secret exists in all five languages; other rules are
// checked when the build under test registers them for that language.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, hasRule, lineOf, open, SECRETS, waitForDiagnostics } from "./helpers";

describe("diagnostics", () => {
  for (const c of SECRETS) {
    it(`hardcoded-secret in ${c.lang} (${c.file})`, async () => {
      const { document: doc } = await open(c.file);
      assert.equal(doc.languageId, c.lang);
      const line = lineOf(doc, c.secret);
      const ds = await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => ds.some((x) => x.range.start.line === line));
      const diag = ds.find((x) => x.range.start.line === line)!;
      assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
      const covered = doc.getText(diag.range);
      assert.equal(covered.replace(/^(["'])(.*)\1$/, "$2"), c.secret, `the range is the literal, got ${JSON.stringify(covered)}`);
      assert.ok(!diag.message.includes(c.secret), "the message never echoes the secret");
      assert.ok(typeof diag.code === "object" && diag.code.target.toString().endsWith("/docs/rules/hardcoded-secret.md"), `code links to the docs: ${JSON.stringify(diag.code)}`);
    });
  }

  const guarded = [
    { rule: "error-without-cause", family: "python", file: "py/errors.py", at: "raise RuntimeError" },
    { rule: "error-without-cause", family: "ts", file: "ts/src/errors.ts", at: "throw new Error" },
    { rule: "unbounded-pagination", family: "python", file: "py/items.py", at: "limit" },
  ] as const;
  for (const g of guarded) {
    it(`${g.rule} in ${g.family} (${g.file}) when registered`, async function () {
      if (!hasRule(g.rule, g.family)) this.skip();
      const { document: doc } = await open(g.file);
      const line = lineOf(doc, g.at);
      const ds = await waitForDiagnostics(doc.uri, g.rule, (ds) => ds.some((x) => x.range.start.line === line));
      const diag = ds.find((x) => x.range.start.line === line)!;
      assert.equal(codeOf(diag), g.rule);
      assert.ok(typeof diag.code === "object" && diag.code.target.toString().endsWith(`/docs/rules/${g.rule}.md`));
    });
  }
});
