// The checklist view (contributed by the sidebar work) resolves: its container and view open.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { EXTENSION_ID } from "./helpers";

interface ViewContribution {
  id: string;
  type?: string;
}

describe("checklist view", () => {
  it("opens when contributed", async function () {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const containers: { id: string }[] = pkg.contributes?.viewsContainers?.activitybar ?? [];
    const views: [string, ViewContribution[]][] = Object.entries(pkg.contributes?.views ?? {});
    if (!views.length) this.skip();
    for (const c of containers) await vscode.commands.executeCommand(`workbench.view.extension.${c.id}`);
    for (const [, vs] of views) {
      for (const v of vs) {
        await vscode.commands.executeCommand(`${v.id}.focus`);
      }
    }
    assert.ok(true);
  });
});
