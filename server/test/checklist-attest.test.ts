// Attestations in backend-checklist.json: other keys and their order kept, written atomically,
// a concurrent edit never overwritten, a broken file never rewritten, unsaved editor text respected.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attest, whoAmI } from "../src/checklist/attest";

const FILE = "backend-checklist.json";
const tmp = () => mkdtempSync(join(tmpdir(), "bc-attest-"));
const read = (root: string) => readFileSync(join(root, FILE), "utf8");
const who = { by: "Ada", at: "2026-11-29" };

describe("checklist attestations", () => {
  it("creates the file when there is none", () => {
    const root = tmp();
    assert.deepEqual(attest({ root, item: "rate-limiting", status: "done", note: "at the API gateway", ...who }), { ok: true });
    assert.equal(read(root), '{\n  "checklist": {\n    "rate-limiting": {\n      "status": "done",\n      "note": "at the API gateway",\n      "by": "Ada",\n      "at": "2026-11-29"\n    }\n  }\n}\n');
  });

  it("keeps other keys, their order, the indentation and the final newline; un-attests", () => {
    const root = tmp();
    const original = '{\n    "rules": { "missing-auth": "error" },\n    "checklist": {\n        "auth": { "status": "done", "note": "SSO", "by": "Bob", "at": "2026-01-01" }\n    },\n    "ignore": ["gen/**"]\n}\n';
    writeFileSync(join(root, FILE), original);
    assert.equal(attest({ root, item: "cors", status: "not-applicable", note: "no browser clients", ...who }).ok, true);
    const after = JSON.parse(read(root)) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(after), ["rules", "checklist", "ignore"]);
    assert.deepEqual(Object.keys(after.checklist!), ["auth", "cors"]);
    assert.deepEqual(after.checklist!.cors, { status: "not-applicable", note: "no browser clients", by: "Ada", at: "2026-11-29" });
    assert.match(read(root), /^\{\n {4}"rules"/);
    assert.ok(read(root).endsWith("}\n"));
    assert.equal(attest({ root, item: "cors", status: null }).ok, true);
    assert.equal(read(root), JSON.stringify(JSON.parse(original), null, "    ") + "\n");
    // Removing the last attestation removes the empty section, nothing else.
    assert.equal(attest({ root, item: "auth", status: null }).ok, true);
    assert.deepEqual(Object.keys(JSON.parse(read(root)) as object), ["rules", "ignore"]);
  });

  it("never rewrites a file that does not parse, and says where the problem is", () => {
    for (const broken of ['{\n  "rules": {\n    "x": "off",\n  }\n', '{ "checklist": { "auth": { "status": "maybe" } } }']) {
      const root = tmp();
      writeFileSync(join(root, FILE), broken);
      const r = attest({ root, item: "auth", status: "done", note: "n", ...who });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.error.includes("not valid") && r.file === join(root, FILE) && typeof r.line === "number", JSON.stringify(r));
      assert.equal(read(root), broken, "byte for byte unchanged");
      assert.deepEqual(readdirSync(root), [FILE], "no temp file left");
    }
  });

  it("re-reads before writing: a concurrent edit (editor, git) is kept, not overwritten", () => {
    const root = tmp();
    writeFileSync(join(root, FILE), '{ "maxPageSize": 50 }\n');
    let edits = 0;
    const r = attest({
      root,
      item: "tests",
      status: "done",
      note: "in the e2e repo",
      ...who,
      beforeCommit: () => {
        // Someone else writes between our read and our rename (once).
        if (edits++ === 0) writeFileSync(join(root, FILE), '{ "maxPageSize": 50, "authNames": ["requireUser"] }\n');
      },
    });
    assert.equal(r.ok, true);
    const after = JSON.parse(read(root)) as Record<string, unknown>;
    assert.deepEqual(after.authNames, ["requireUser"], "the concurrent change survives");
    assert.equal((after.checklist as Record<string, { note: string }>).tests.note, "in the e2e repo");
    assert.equal(edits, 2, "retried once");
    assert.deepEqual(readdirSync(root), [FILE]);
  });

  it("gives up cleanly when the file keeps changing", () => {
    const root = tmp();
    writeFileSync(join(root, FILE), "{}\n");
    let n = 0;
    const r = attest({ root, item: "tests", status: "done", note: "x", ...who, beforeCommit: () => writeFileSync(join(root, FILE), `{ "maxPageSize": ${++n} }\n`) });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : "", /kept changing/);
    assert.deepEqual(JSON.parse(read(root)), { maxPageSize: n });
    assert.deepEqual(readdirSync(root), [FILE]);
  });

  it("refuses while the editor holds unsaved changes of the file", () => {
    const root = tmp();
    writeFileSync(join(root, FILE), "{}\n");
    const r = attest({ root, item: "auth", status: "done", note: "x", ...who, editorText: '{ "rules": {} }' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : "", /unsaved changes/);
    assert.equal(read(root), "{}\n");
    assert.equal(attest({ root, item: "auth", status: "done", note: "x", ...who, editorText: "{}\n" }).ok, true);
  });

  it("needs a note and a known item; fills in who and when", () => {
    const root = tmp();
    assert.equal(attest({ root, item: "auth", status: "done", note: "  " }).ok, false);
    assert.equal(attest({ root, item: "nope", status: "done", note: "x" }).ok, false);
    assert.equal(attest({ root, item: "auth", status: "done", note: "x" }).ok, true);
    const a = (JSON.parse(read(root)) as { checklist: { auth: { by: string; at: string } } }).checklist.auth;
    assert.equal(a.by, whoAmI(root));
    assert.ok(a.by.length > 0);
    assert.match(a.at, /^\d{4}-\d{2}-\d{2}$/);
  });
});
