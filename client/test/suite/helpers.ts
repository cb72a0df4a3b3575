// Helpers for the extension-host suite: files of the fixture workspace, waiting for diagnostics,
// quick fixes as the lightbulb offers them, and which rules the build under test registers.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { LanguageFamily } from "../../../server/src/engine/types";
import { ALL_RULES } from "../../../server/src/rules";

export const EXTENSION_ID = "backend-checklist.backend-checklist";
export const SOURCE = "backend-checklist";

export function root(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the suite needs the fixture workspace open (client/test/workspace)");
  return folder.uri.fsPath;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.file(join(root(), rel));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Whether the build under test has a detector of this rule for this language family. */
export function hasRule(id: string, family?: LanguageFamily): boolean {
  const rule = ALL_RULES.find((r) => r.id === id);
  return !!rule && (family === undefined || rule.detectors[family] !== undefined);
}

export function ours(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (code === undefined || codeOf(d) === code));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === "object" ? String(c.value) : String(c);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll until `check` returns a value (not undefined/false); fail with `what` after `timeout` ms. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Wait until the file has diagnostics of `code` satisfying `pred` (default: at least one). */
export function waitForDiagnostics(uri: vscode.Uri, code: string, pred: (ds: vscode.Diagnostic[]) => boolean = (ds) => ds.length > 0, timeout?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${code} diagnostics on ${vscode.workspace.asRelativePath(uri)} (now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.range.start.line, d.severity]))})`,
    () => {
      const ds = ours(uri, code);
      return pred(ds) ? ds : undefined;
    },
    timeout,
  );
}

/** 0-based line of the first occurrence of `needle` in the document. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${doc.uri.fsPath}`);
  return doc.positionAt(i).line;
}

/**
 * The quick fixes the lightbulb offers at a diagnostic's range, resolved (edits filled in). Other
 * providers' actions may be among them: the command does not return which diagnostics an action fixes.
 * A request that races with the opening of the document is cancelled by VS Code: retry it.
 */
export async function quickFixes(uri: vscode.Uri, diag: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diag.range, vscode.CodeActionKind.QuickFix.value, 50)) ?? [];
    } catch (e) {
      if (attempt >= 5 || !(e instanceof Error) || !/cancel/i.test(e.message)) throw e;
      await sleep(200);
    }
  }
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`code action "${action.title}" has no edit`);
  const ok = await vscode.workspace.applyEdit(action.edit);
  if (!ok) throw new Error(`applying "${action.title}" failed`);
}

/** Text of a file as VS Code sees it (an open, possibly unsaved document wins over the disk). */
export async function textOf(rel: string): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return doc.getText();
}

/** PIDs of the language servers forked by this extension host (children running dist/server.js). */
export function serverPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (cmd.includes(join("dist", "server.js"))) pids.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("backendChecklist").update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** One hardcoded secret per language in the fixture workspace (all named so the env name is API_KEY). */
export const SECRETS = [
  { lang: "typescript", family: "ts", file: "ts/src/config.ts", secret: "Zt7pQ2vX9mK4rW8sLq3N" },
  { lang: "python", family: "python", file: "py/app.py", secret: "Vb4nM8kL2qP6wE9rT1yZ" },
  { lang: "go", family: "go", file: "go/main.go", secret: "Pk3wN7vB1xQ9mT5rY2cL" },
  { lang: "rust", family: "rust", file: "rust/src/main.rs", secret: "Rt6yH2nM9wQ4vB8xK1pZ" },
  { lang: "java", family: "java", file: "java/src/main/java/com/example/App.java", secret: "Wm9kT3vQ7nB2xR5pL8cY" },
] as const;
