// The main quick fixes end to end over LSP, in every language each exists for: the preferred
// lightbulb action of a finding is offered, resolves to an edit, and once applied the finding is gone.
// Also: project-level findings refresh in one file when another file of the project changes.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { CodeAction, Diagnostic, TextDocumentEdit } from "vscode-languageserver-protocol";
import { applyEdits } from "../src/engine/fixes";
import { prepare } from "./harness";
import { LspClient } from "./lsp-client";

const FIXTURES = join(process.cwd(), "server", "test", "fixtures");
const LSP_ID: Record<string, string> = { ts: "typescript", js: "javascript", py: "python", go: "go", rs: "rust", java: "java" };

function goldens(dir: string, acc: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) goldens(p, acc);
    else if (/\.fixed\.(ts|js|py|go|rs|java)$/.test(n)) acc.push(p);
  }
  return acc;
}

const CASES: Array<[string, string[]]> = [
  ["error-without-cause", ["ts", "python", "go", "rust", "java"]],
  ["unbounded-pagination", ["ts", "python", "go", "rust", "java"]],
  ["blocking-call-in-async", ["ts", "python", "rust"]],
  ["hardcoded-secret", ["ts", "python", "go", "rust", "java"]],
];

async function applyPreferred(client: LspClient, uri: string, text: string, d: Diagnostic): Promise<{ title: string; text: string }> {
  const actions = (await client.conn.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  let action = actions.find((a) => a.isPreferred);
  assert.ok(action, `no preferred action for ${d.code} at ${d.range.start.line + 1}: ${actions.map((a) => a.title).join(" | ")}`);
  if (!action.edit) action = (await client.conn.sendRequest("codeAction/resolve", action)) as CodeAction;
  assert.ok(action.edit?.documentChanges, "the action resolved to no edit");
  let out = text;
  for (const c of action.edit.documentChanges) {
    if ("kind" in c) continue;
    const tde = c as TextDocumentEdit;
    if (tde.textDocument.uri === uri) out = applyEdits(out, tde.edits.flatMap((e) => ("newText" in e ? [e] : [])));
  }
  return { title: action.title, text: out };
}

describe("quick fixes over LSP, per language", function () {
  this.timeout(120000);
  for (const [rule, langs] of CASES) {
    for (const lang of langs) {
      const dir = join(FIXTURES, rule, lang);
      it(`${rule} [${lang}]: preferred lightbulb applied, finding gone`, async function () {
        if (!existsSync(dir)) this.skip();
        const prep = prepare(dir);
        const golden = goldens(prep.dir)[0];
        assert.ok(golden, `no golden in ${dir}`);
        const path = golden.replace(/\.fixed(\.[a-z]+)$/, "$1");
        const text = readFileSync(path, "utf8");
        const client = new LspClient();
        try {
          await client.initialize(prep.dir);
          const uri = client.open(path, LSP_ID[path.split(".").pop()!]!, text, 1);
          const before = (await client.diagnosticsFor(uri, 1)).filter((x) => x.code === rule);
          const withFix = before.find((x) => (x.data as { fixes?: unknown[] } | undefined)?.fixes?.length);
          assert.ok(withFix, `no fixable ${rule} finding in ${relative(prep.dir, path)}`);
          const { title, text: fixed } = await applyPreferred(client, uri, text, withFix);
          assert.notEqual(fixed, text, `${title} changed nothing`);
          client.change(uri, 2, [{ text: fixed }]);
          const after = (await client.diagnosticsFor(uri, 2)).filter((x) => x.code === rule);
          assert.ok(after.length < before.length, `${title}: still ${after.length} ${rule} finding(s)`);
        } finally {
          await client.close();
        }
      });
    }
  }
});

describe("project-level findings refresh across files over LSP", function () {
  this.timeout(60000);
  it("adding helmet in another file clears missing-security-headers in the app file without reopening it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bc-lsp-proj-"));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "p", dependencies: { express: "^4.19.0" } }));
    const appText = 'import express from "express";\nimport { setup } from "./setup";\n\nexport const app = express();\nsetup(app);\napp.listen(3000);\n';
    const setupText = 'import type { Express } from "express";\n\nexport function setup(app: Express): void {\n  app.disable("x-powered-by");\n}\n';
    writeFileSync(join(dir, "src/app.ts"), appText);
    writeFileSync(join(dir, "src/setup.ts"), setupText);
    const client = new LspClient();
    try {
      await client.initialize(dir);
      await client.until(() => client.notifications.some((n) => n.method === "backendChecklist/checklistChanged"), 30000, "initial scan");
      const appUri = client.open(join(dir, "src/app.ts"), "typescript", appText, 1);
      const first = await client.diagnosticsFor(appUri, 1);
      assert.ok(first.some((d) => d.code === "missing-security-headers" && d.range.start.line === 3), JSON.stringify(first.map((d) => [d.code, d.range.start.line])));
      const setupUri = client.open(join(dir, "src/setup.ts"), "typescript", setupText, 1);
      await client.diagnosticsFor(setupUri, 1);
      const withHelmet = 'import type { Express } from "express";\nimport helmet from "helmet";\n\nexport function setup(app: Express): void {\n  app.disable("x-powered-by");\n  app.use(helmet());\n}\n';
      client.change(setupUri, 2, [{ text: withHelmet }]);
      await client.until(() => !client.diagnostics.get(appUri)?.diagnostics.some((d) => d.code === "missing-security-headers"), 10000, "app.ts to be re-published without missing-security-headers");
      // And back: removing it brings the finding back in app.ts.
      client.change(setupUri, 3, [{ text: setupText }]);
      await client.until(() => client.diagnostics.get(appUri)?.diagnostics.some((d) => d.code === "missing-security-headers"), 10000, "the finding to come back");
    } finally {
      await client.close();
    }
  });
});

describe("source.fixAll over LSP", function () {
  this.timeout(60000);
  it("applies every safe fix of the document in one converged edit, and no unsafe one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bc-lsp-fixall-"));
    writeFileSync(join(dir, "requirements.txt"), "fastapi\n");
    const text = [
      "import json",
      "",
      'API_TOKEN = "tok_9f8e7d6c5b4a3921"',
      "",
      "",
      "def load(raw: str) -> dict:",
      "    try:",
      "        return json.loads(raw)",
      "    except ValueError as exc:",
      '        raise RuntimeError("bad payload")',
      "",
      "",
      "def parse(raw: str) -> int:",
      "    try:",
      "        return int(raw)",
      "    except ValueError:",
      '        raise RuntimeError("not a number")',
      "",
    ].join("\n");
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const uri = client.open(join(dir, "app.py"), "python", text, 1);
      await client.diagnosticsFor(uri, 1);
      const actions = (await client.conn.sendRequest("textDocument/codeAction", {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ["source.fixAll"] },
      })) as CodeAction[];
      assert.equal(actions.length, 1);
      let out = text;
      for (const c of actions[0]!.edit!.documentChanges!) if (!("kind" in c)) out = applyEdits(out, (c as TextDocumentEdit).edits.flatMap((e) => ("newText" in e ? [e] : [])));
      assert.match(out, /raise RuntimeError\("bad payload"\) from exc/);
      assert.match(out, /except ValueError as (\w+):\n {8}raise RuntimeError\("not a number"\) from \1/);
      assert.match(out, /API_TOKEN = "tok_9f8e7d6c5b4a3921"/, "an unsafe fix (extract secret) was applied by fix-all");
    } finally {
      await client.close();
    }
  });
});
