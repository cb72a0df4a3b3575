// backend-checklist.json: VS Code validates it against the contributed JSON schema, and the server
// (whose document selector includes it) reports what it cannot use, keeping the last good config.
import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as vscode from "vscode";
import { fileUri, ours, SOURCE, waitFor } from "./helpers";

describe("backend-checklist.json", () => {
  it("is validated by the contributed schema and by the server", async () => {
    const uri = fileUri("cfg/backend-checklist.json");
    mkdirSync(dirname(uri.fsPath), { recursive: true });
    writeFileSync(fileUri("cfg/requirements.txt").fsPath, "fastapi\n");
    writeFileSync(uri.fsPath, '{\n  "maxPageSize": "ten",\n  "rules": { "hardcoded-secret": "warn" }\n}\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, "json");
    // The JSON language service, with our schema (jsonValidation): both values are wrong.
    const schemaDiags = await waitFor("schema diagnostics", () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== SOURCE);
      return ds.length >= 2 ? ds : undefined;
    });
    const lines = schemaDiags.map((d) => d.range.start.line).sort();
    assert.deepEqual(lines, [1, 2], JSON.stringify(schemaDiags.map((d) => [d.range.start.line, d.message])));
    // The server's own check of the file.
    const [mine] = await waitFor("the server's diagnostic", () => (ours(uri).length ? ours(uri) : undefined));
    assert.match(mine!.message, /last valid configuration stays in force/);
  });
});
