// The extension's side of the webview's "open" message: only files inside a workspace folder or a
// known project, resolved against a base the payload names, with the range converted to 0-based.
import assert from "node:assert/strict";
import { resolveOpenTarget } from "../../client/src/openTarget";
import type { ChecklistPayload } from "../../protocol";

const payload: ChecklistPayload = {
  routes: [],
  scanning: null,
  projects: [{ name: "api", path: "services/api", languages: [], frameworks: [], progress: 0, items: [], root: "/ws/services/api", base: "/ws" }],
};

describe("webview open-file messages (extension side)", () => {
  it("opens a file of the project at the range", () => {
    assert.deepEqual(resolveOpenTarget({ type: "open", base: "/ws", file: "services/api/src/app.ts", line: 3, column: 5, endLine: 3, endColumn: 12 }, payload, ["/ws"]), {
      file: "/ws/services/api/src/app.ts",
      start: { line: 2, character: 4 },
      end: { line: 2, character: 11 },
    });
    assert.deepEqual(resolveOpenTarget({ type: "open", base: "/ws", file: "package.json", line: 1 }, payload, ["/ws"])?.start, { line: 0, character: 0 });
  });
  it("refuses paths outside the workspace and unknown bases", () => {
    assert.equal(resolveOpenTarget({ type: "open", base: "/ws", file: "../../etc/passwd", line: 1 }, payload, ["/ws"]), undefined);
    assert.equal(resolveOpenTarget({ type: "open", base: "/ws", file: "/etc/passwd", line: 1 }, payload, ["/ws"]), undefined);
    assert.equal(resolveOpenTarget({ type: "open", base: "/ws-other", file: "x.ts", line: 1 }, payload, ["/ws"])?.file, "/ws/x.ts", "an unknown base falls back to the first folder");
    assert.equal(resolveOpenTarget({ type: "open", base: "/", file: "etc/passwd", line: 1 }, payload, ["/ws"])?.file, "/ws/etc/passwd", "a base the payload does not name is never used");
    assert.equal(resolveOpenTarget({ type: "open", base: "/ws", file: "x.ts", line: 1 }, undefined, []), undefined);
  });
});
