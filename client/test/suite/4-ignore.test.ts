// "Ignore <rule> on this line" adds the suppression comment and the diagnostic goes away.
import * as assert from "node:assert/strict";
import { applyAction, lineOf, open, quickFixes, waitForDiagnostics } from "./helpers";

describe("ignore on this line", () => {
  it("suppresses hardcoded-secret with a comment above the line", async () => {
    const { document: doc } = await open("ts/src/payments.ts");
    const line = lineOf(doc, "Hq8ZmR2pW5tY7uK3xB9c");
    const [diag] = await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => ds.some((d) => d.range.start.line === line));
    const actions = await quickFixes(doc.uri, diag!);
    const ignore = actions.find((a) => a.title === "Ignore hardcoded-secret on this line");
    assert.ok(ignore, `offered: ${actions.map((a) => a.title).join(", ")}`);
    assert.ok(!ignore.isPreferred, "the rule's own fix stays the preferred one");
    await applyAction(ignore);
    assert.equal(doc.lineAt(line).text, "  // backend-checklist-ignore hardcoded-secret");
    assert.ok(doc.lineAt(line + 1).text.includes("Hq8ZmR2pW5tY7uK3xB9c"));
    await waitForDiagnostics(doc.uri, "hardcoded-secret", (ds) => ds.length === 0);
    await doc.save();
  });
});
