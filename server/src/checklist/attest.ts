// Attestations in a project's backend-checklist.json: written atomically (temp file + rename), the
// file re-read right before the rename so a concurrent edit (editor, git checkout) is never
// overwritten, other keys and their order kept, and a file that does not parse never rewritten.
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import type { AttestResult } from "../../../protocol";
import { parseProjectFile } from "../engine/config";
import { CHECKLIST_ITEMS } from "../engine/types";
import { PROJECT_FILE } from "../project/discover";

export interface AttestRequest {
  root: string;
  item: string;
  /** null removes the attestation. */
  status: "done" | "not-applicable" | null;
  note?: string;
  /** Override who and when (tests); default: git user name else OS user, today's ISO date. */
  by?: string;
  at?: string;
  /** The editor's unsaved text of the file, when it is open and dirty: refuse rather than lose it. */
  editorText?: string;
  /** Test hook: runs after the new text is staged, before the re-read and rename. */
  beforeCommit?: (attempt: number) => void;
}

let workspaceTrusted = true;

/**
 * In an untrusted workspace no program runs from inside it (on Windows a `git.exe` in the working
 * folder would be found first): git is then asked from the home folder, for the global name only.
 */
export function setWorkspaceTrusted(trusted: boolean): void {
  workspaceTrusted = trusted;
}

/** `git config user.name` in the project (the global one when the workspace is untrusted), else the OS user name. */
export function whoAmI(cwd: string): string {
  try {
    const name = execFileSync("git", ["config", "user.name"], { cwd: workspaceTrusted ? cwd : homedir(), encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (name) return name;
  } catch {
    /* no git, or no name configured */
  }
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
}

export const today = () => new Date().toISOString().slice(0, 10);

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The indentation the file uses (first indented line), so a rewrite keeps its look. */
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : 2;
}

/**
 * Compute the new text of the project file, or a problem. Pure: `text` undefined = no file yet.
 * Keeps every other key and the order of keys (JSON.parse keeps insertion order; item ids are never
 * integer-like), the indentation and the final newline.
 */
export function applyAttestation(text: string | undefined, req: AttestRequest, by: string, at: string): { text: string } | { error: string; line?: number; column?: number } {
  let doc: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== "") {
    const parsed = parseProjectFile(text);
    if (!parsed.ok) return { error: `${PROJECT_FILE} is not valid (${parsed.problem.message}); fix it first — it was not changed.`, line: parsed.problem.line + 1, column: parsed.problem.column + 1 };
    doc = JSON.parse(text) as Record<string, unknown>;
  }
  const current = doc.checklist;
  const checklist: Record<string, unknown> = current && typeof current === "object" && !Array.isArray(current) ? { ...(current as Record<string, unknown>) } : {};
  if (req.status === null) {
    if (!(req.item in checklist)) return { text: text ?? "" };
    delete checklist[req.item];
  } else {
    const entry: Record<string, string> = { status: req.status };
    const note = req.note?.trim();
    if (note) entry.note = note;
    entry.by = by;
    entry.at = at;
    checklist[req.item] = entry;
  }
  if (Object.keys(checklist).length) doc.checklist = checklist;
  else delete doc.checklist;
  const eol = text?.includes("\r\n") ? "\r\n" : "\n";
  let out = JSON.stringify(doc, null, text ? indentOf(text) : 2);
  if (eol !== "\n") out = out.replace(/\n/g, eol);
  return { text: out + (text === undefined || /\r?\n$/.test(text) ? eol : "") };
}

/** Attest or un-attest an item in `<root>/backend-checklist.json`. Never throws for bad input. */
export function attest(req: AttestRequest): AttestResult {
  if (!(CHECKLIST_ITEMS as readonly string[]).includes(req.item)) return { ok: false, error: `unknown checklist item '${req.item}'` };
  if (req.status !== null && !req.note?.trim()) return { ok: false, error: "An attestation needs a note that says why." };
  const path = join(req.root, PROJECT_FILE);
  const by = req.by ?? whoAmI(req.root);
  const at = req.at ?? today();
  for (let attempt = 0; attempt < 5; attempt++) {
    let before: string | undefined;
    try {
      before = readOrUndefined(path);
    } catch (e) {
      return { ok: false, error: `cannot read ${PROJECT_FILE}: ${e instanceof Error ? e.message : String(e)}`, file: path };
    }
    if (req.editorText !== undefined && req.editorText !== (before ?? "")) {
      return { ok: false, error: `${PROJECT_FILE} has unsaved changes in the editor; save or revert them, then try again.`, file: path };
    }
    const next = applyAttestation(before, req, by, at);
    if ("error" in next) return { ok: false, error: next.error, file: path, line: next.line, column: next.column };
    if (before !== undefined && next.text === before) return { ok: true };
    const tmp = `${path}.${process.pid}.${Date.now()}.${attempt}.tmp`;
    try {
      writeFileSync(tmp, next.text);
      req.beforeCommit?.(attempt);
      // Re-read right before the rename: a concurrent writer since our read wins, and we start over.
      const now = readOrUndefined(path);
      if (now !== before) {
        unlinkSync(tmp);
        continue;
      }
      renameSync(tmp, path);
      return { ok: true };
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
      return { ok: false, error: `cannot write ${PROJECT_FILE}: ${e instanceof Error ? e.message : String(e)}`, file: path };
    }
  }
  return { ok: false, error: `${PROJECT_FILE} kept changing while writing; try again.`, file: path };
}
