// End to end over stdio: the bundled server (dist/server.js) with a real LSP client. Documents in
// each language get diagnostics; the preferred quick fix resolves to a workspace edit that, applied,
// removes the finding and writes .env.example; suppression, settings, stale versions, bad input.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { applyEdits } from "../src/engine/fixes";
import { MARKER } from "./harness";
import { LspClient } from "./lsp-client";

const FIX = join(process.cwd(), "server", "test", "fixtures", "hardcoded-secret");

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "bc-lsp-"));
  cpSync(FIX, dir, { recursive: true });
  return dir;
}

const read = (p: string) => readFileSync(p, "utf8").split("\n").map((l) => l.replace(MARKER, "")).join("\n");

const CASES = [
  { lang: "python", file: "python/app/billing.py", languageId: "python", line: 5, expectText: 'os.environ["STRIPE_API_KEY"]' },
  { lang: "ts", file: "ts/src/keys.ts", languageId: "typescript", line: 5, expectText: "process.env.WEBHOOK_SECRET ??" },
  { lang: "go", file: "go/internal/config/client.go", languageId: "go", line: 8, expectText: 'os.Getenv("PARTNER_API_KEY")' },
  { lang: "rust", file: "rust/src/ledger.rs", languageId: "rust", line: 2, expectText: 'std::env::var("LEDGER_API_KEY")' },
  { lang: "java", file: "java/src/main/java/com/acme/Gateway.java", languageId: "java", line: 4, expectText: 'System.getenv("DB_PASSWORD")' },
];

/** Apply a workspace edit to in-memory texts (uri → text); returns the created files' uris. */
function applyWorkspaceEdit(edit: WorkspaceEdit, texts: Map<string, string>): string[] {
  const created: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ("kind" in change) {
      if (change.kind === "create") {
        created.push(change.uri);
        if (!texts.has(change.uri)) texts.set(change.uri, "");
      }
      continue;
    }
    const tde = change as TextDocumentEdit;
    const uri = tde.textDocument.uri;
    if (!texts.has(uri)) {
      try {
        texts.set(uri, readFileSync(fileURLToPath(uri), "utf8"));
      } catch {
        texts.set(uri, "");
      }
    }
    texts.set(uri, applyEdits(texts.get(uri)!, tde.edits.flatMap((e) => ("newText" in e ? [e] : []))));
  }
  return created;
}

describe("language server over stdio", function () {
  this.timeout(60000);
  let client: LspClient;
  let root: string;

  before(async () => {
    root = workspace();
    client = new LspClient();
    await client.initialize(root);
  });
  after(async () => {
    await client.close();
  });

  for (const c of CASES) {
    it(`${c.lang}: diagnostics, preferred fix resolved and applied, finding gone`, async () => {
      const path = join(root, c.file);
      const text = read(path);
      writeFileSync(path, text);
      const uri = client.open(path, c.languageId, text, 1);
      const diags = await client.diagnosticsFor(uri, 1);
      const d = diags.find((x) => x.code === "hardcoded-secret" && x.range.start.line === c.line);
      assert.ok(d, `no hardcoded-secret on line ${c.line + 1}: ${JSON.stringify(diags.map((x) => [x.code, x.range.start.line]))}`);
      assert.equal(d.severity, 1);
      assert.match(d.codeDescription?.href ?? "", /docs\/rules\/hardcoded-secret\.md$/);
      // The secret's value never travels in the message or the data.
      const literal = text.split("\n")[c.line]!.slice(d.range.start.character, d.range.end.character);
      const value = literal.replace(/^[^"']*["']|["'][^"']*$/g, "");
      assert.ok(!JSON.stringify(d).includes(value), "diagnostic echoes the secret");

      const actions = (await client.conn.sendRequest("textDocument/codeAction", {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], triggerKind: 1 },
      })) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, "no preferred action");
      assert.match(fix.title, /^Extract secret to environment variable/);
      assert.ok(actions.some((a) => a.title === "Ignore hardcoded-secret on this line"));
      const resolved = (await client.conn.sendRequest("codeAction/resolve", fix)) as CodeAction;
      assert.ok(resolved.edit?.documentChanges, "resolved action has no edit");
      const texts = new Map<string, string>([[uri, text]]);
      applyWorkspaceEdit(resolved.edit, texts);
      const fixed = texts.get(uri)!;
      assert.ok(fixed.includes(c.expectText), fixed);
      const example = [...texts.entries()].find(([u]) => u.endsWith("/.env.example"));
      assert.ok(example && /^[A-Z_]+=$/m.test(example[1]), "no .env.example line");
      const env = [...texts.entries()].find(([u]) => u.endsWith("/.env"));
      assert.ok(env && env[1].includes(value), ".env holds the value");

      client.change(uri, 2, [{ text: fixed }]);
      const after = await client.diagnosticsFor(uri, 2);
      assert.ok(!after.some((x) => x.code === "hardcoded-secret" && x.range.start.line === c.line), "finding still there after the fix");
    });
  }

  it("ignore-on-this-line silences the finding", async () => {
    const path = join(root, "python/app/ignore_me.py");
    const text = 'API_TOKEN = "tok_9f8e7d6c5b4a3921"\n';
    const uri = client.open(path, "python", text, 1);
    const [d] = await client.diagnosticsFor(uri, 1);
    assert.ok(d);
    const actions = (await client.conn.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const ignore = actions.find((a) => a.title.startsWith("Ignore"))!;
    const texts = new Map([[uri, text]]);
    applyWorkspaceEdit(ignore.edit!, texts);
    assert.equal(texts.get(uri), '# backend-checklist-ignore hardcoded-secret\nAPI_TOKEN = "tok_9f8e7d6c5b4a3921"\n');
    client.change(uri, 2, [{ text: texts.get(uri) }]);
    assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
  });

  it("incremental edits: only the latest version is published, positions stay right", async () => {
    const path = join(root, "ts/src/incremental.ts");
    const uri = client.open(path, "typescript", "const x = 1;\n", 1);
    await client.diagnosticsFor(uri, 1);
    // Type a secret one character at a time, as an editor sends it.
    const line = 'const apiKey = "q8Zr2LmX0vT7pK4n";';
    let version = 1;
    for (let i = 0; i < line.length; i++) {
      version++;
      client.change(uri, version, [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: line[i] }]);
    }
    const diags = await client.diagnosticsFor(uri, version);
    const pub = client.diagnostics.get(uri)!;
    assert.equal(pub.version, version);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0]!.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 33 } });
    // Delete the line again.
    version++;
    client.change(uri, version, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } }, text: "" }]);
    assert.deepEqual(await client.diagnosticsFor(uri, version), []);
  });

  it("settings take effect without a restart: rule off, then another severity", async () => {
    const path = join(root, "python/app/settings_case.py");
    const uri = client.open(path, "python", 'API_TOKEN = "tok_9f8e7d6c5b4a3921"\n', 1);
    assert.equal((await client.diagnosticsFor(uri, 1)).length, 1);
    client.settings = { rules: { "hardcoded-secret": "off" } };
    void client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.until(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 10000, "rule off");
    client.settings = { rules: { "hardcoded-secret": "warning" } };
    void client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const d = await client.until(() => client.diagnostics.get(uri)?.diagnostics[0], 10000, "rule back as warning");
    assert.equal((d as Diagnostic).severity, 2);
    client.settings = { rules: { "hardcoded-secret": 42 } }; // invalid: reported, defaults used
    void client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.until(() => client.notifications.some((n) => n.method.startsWith("window/showMessage") && JSON.stringify(n.params).includes("Invalid backendChecklist settings")), 10000, "settings warning");
    client.settings = {};
  });

  it("bad input never stops the server: huge, binary, unknown and broken files", async () => {
    const huge = client.open(join(root, "python/app/huge.py"), "python", "x = 1\n".repeat(400000), 1);
    const hd = await client.diagnosticsFor(huge, 1);
    assert.match(String(hd[0]?.message ?? ""), /skipped this file: too large/);
    const bin = client.open(join(root, "python/app/blob.py"), "python", "\0\x01\x02binary", 1);
    assert.match(String((await client.diagnosticsFor(bin, 1))[0]?.message ?? ""), /binary content/);
    client.open(join(root, "notes.txt"), "plaintext", "password = 'x'", 1);
    const broken = client.open(join(root, "python/app/broken.py"), "python", 'def f(:\n    API_TOKEN = "tok_9f8e7d6c5b4a3921"\n', 1);
    const bd = await client.diagnosticsFor(broken, 1);
    assert.ok(bd.some((d) => d.code === "hardcoded-secret"), "a syntax error elsewhere must not hide findings");
    const cfg = client.open(join(root, "python/backend-checklist.json"), "json", '{ "rules": { "hardcoded-secret": "loud" } }', 1);
    const cd = await client.diagnosticsFor(cfg, 1);
    assert.match(String(cd[0]?.message ?? ""), /backend-checklist\.json: rules\.hardcoded-secret/);
    // Still serving.
    const ok = client.open(join(root, "python/app/after.py"), "python", 'API_TOKEN = "tok_9f8e7d6c5b4a3921"\n', 1);
    assert.equal((await client.diagnosticsFor(ok, 1)).length, 1);
  });
});
