// The server restarts cleanly: after being killed (the client restarts it) and by the command.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { lineOf, open, serverPids, waitFor, waitForDiagnostics } from "./helpers";

const FILE = "go/restart.go";
const SECRET = "Nx4bV7cM2zQ8wR5tK1yH";

/** Insert a line at the top and wait for the diagnostic to follow: proof that a live server analyses. */
async function assertServerAnalyses(): Promise<void> {
  const { document: doc } = await open(FILE);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), "// moved\n");
  assert.ok(await vscode.workspace.applyEdit(edit));
  const line = lineOf(doc, SECRET);
  await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => ds.some((d) => d.range.start.line === line), 30_000);
}

describe("server restart", () => {
  after(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(FILE));
    if (doc?.isDirty) await vscode.commands.executeCommand("workbench.action.files.revert", doc.uri);
  });

  it("comes back after the server process is killed", async () => {
    await open(FILE);
    const before = await waitFor("one server process", () => (serverPids().length === 1 ? serverPids() : undefined));
    process.kill(before[0]!, "SIGKILL");
    const after = await waitFor("a new server process", () => serverPids().filter((p) => !before.includes(p)).length === 1 && serverPids(), 30_000);
    assert.ok(!after.includes(before[0]!));
    await assertServerAnalyses();
  });

  it("restarts on backendChecklist.restartServer", async () => {
    const before = await waitFor("one server process", () => (serverPids().length === 1 ? serverPids() : undefined));
    await vscode.commands.executeCommand("backendChecklist.restartServer");
    await waitFor("the old server to exit and a new one to run", () => {
      const now = serverPids();
      return now.length === 1 && now[0] !== before[0];
    }, 30_000);
    await assertServerAnalyses();
  });
});
