// The extension activates on a backend workspace (workspaceContains), without a file being opened.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { BackendChecklistApi } from "../../src/extension";
import { EXTENSION_ID, waitFor } from "./helpers";

describe("activation", () => {
  it("activates on a workspace holding backend manifests and starts the server", async () => {
    const ext = vscode.extensions.getExtension<BackendChecklistApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
    // No document is open yet: only the workspaceContains: events can have activated it.
    await waitFor("activation", () => ext.isActive, 30_000);
    const client = await ext.exports.ready;
    assert.equal(ext.exports.client, client, "the API exposes the language client");
    assert.ok(client.isRunning());
    assert.equal(client.initializeResult?.serverInfo?.name, "backend-checklist");
  });

  it("registers its commands", async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ["backendChecklist.restartServer", "backendChecklist.showOutput"]) assert.ok(all.includes(c), c);
  });

  it("declares lazy activation only", () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const events: string[] = ext.packageJSON.activationEvents;
    assert.ok(!events.includes("*") && !events.includes("onStartupFinished"), "no eager activation");
    for (const l of ["typescript", "javascript", "python", "go", "rust", "java"]) assert.ok(events.includes(`onLanguage:${l}`), l);
  });
});
