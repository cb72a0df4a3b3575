// Settings take effect without a reload: a severity changed, a rule turned off, then back.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { lineOf, open, setSetting, waitForDiagnostics } from "./helpers";

describe("settings", () => {
  after(async () => {
    await setSetting("rules", undefined);
  });

  it("applies backendChecklist.rules changes live", async () => {
    const { document: doc } = await open("py/settings.py");
    const line = lineOf(doc, "Jc5xR8vN3mQ7tB2wK9pL");
    const at = (sev: vscode.DiagnosticSeverity) => (ds: vscode.Diagnostic[]) => ds.some((d) => d.range.start.line === line && d.severity === sev);
    await waitForDiagnostics(doc.uri, "hardcoded-secret", at(vscode.DiagnosticSeverity.Error));

    await setSetting("rules", { "hardcoded-secret": "warning" });
    await waitForDiagnostics(doc.uri, "hardcoded-secret", at(vscode.DiagnosticSeverity.Warning));

    await setSetting("rules", { "hardcoded-secret": "off" });
    const none = await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => ds.length === 0);
    assert.equal(none.length, 0);

    await setSetting("rules", undefined);
    await waitForDiagnostics(doc.uri, "hardcoded-secret", at(vscode.DiagnosticSeverity.Error));
  });
});
