// Fixes as data: applying text edits, and turning file intents into concrete file changes given the
// current content of those files (the shell reads them; this module stays pure).
import { computeLineStarts, offsetAt } from "../languages/parser";
import type { Range, TextEdit } from "./types";

/**
 * Sort edits, drop exact duplicates (two fixes adding the same import) and edits overlapping an
 * earlier one, so that several fixes can be applied together.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const cmp = (a: TextEdit["range"]["start"], b: TextEdit["range"]["start"]) => a.line - b.line || a.character - b.character;
  const sorted = [...edits].sort((a, b) => cmp(a.range.start, b.range.start) || cmp(a.range.end, b.range.end));
  const out: TextEdit[] = [];
  for (const e of sorted) {
    if (out.some((o) => cmp(o.range.start, e.range.start) === 0 && cmp(o.range.end, e.range.end) === 0 && o.newText === e.newText)) continue;
    const last = out[out.length - 1];
    if (last && cmp(last.range.end, e.range.start) > 0) continue;
    out.push(e);
  }
  return out;
}

/** Apply edits (any order) to text, normalised as by normalizeEdits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = computeLineStarts(text);
  const abs = normalizeEdits(edits)
    .map((e) => ({ start: offsetAt(starts, text.length, e.range.start), end: offsetAt(starts, text.length, e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let cursor = 0;
  for (const e of abs) {
    if (e.start < cursor) continue;
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

export function textInRange(text: string, range: Range): string {
  const starts = computeLineStarts(text);
  return text.slice(offsetAt(starts, text.length, range.start), offsetAt(starts, text.length, range.end));
}

/** A change to a file other than the one being fixed: its whole new content (undefined old = create). */
export interface FileChange {
  /** Absolute path. */
  path: string;
  oldText: string | undefined;
  newText: string;
}

export interface EnvFiles {
  root: string;
  envExample: string | undefined;
  env: string | undefined;
  gitignore: string | undefined;
}

function envNames(text: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of (text ?? "").split("\n")) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (m) map.set(m[1]!, m[2]!.trim().replace(/^(["'])(.*)\1$/, "$2"));
  }
  return map;
}

function appendLine(text: string | undefined, line: string): string {
  if (!text) return line + "\n";
  return (text.endsWith("\n") ? text : text + "\n") + line + "\n";
}

export function gitignoreCovers(gitignore: string | undefined, name: string): boolean {
  if (!gitignore) return false;
  let ignored = false;
  for (const raw of gitignore.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const neg = line.startsWith("!");
    const pat = (neg ? line.slice(1) : line).replace(/^\//, "");
    const re = new RegExp("^" + pat.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
    if (re.test(name)) ignored = !neg;
  }
  return ignored;
}

/**
 * Decide the variable name and the file changes for extracting a secret to the environment:
 * `NAME=` in `.env.example` (created if missing); `NAME=<value>` in `.env`, which is first added to
 * `.gitignore` when it is not ignored. A name already declared with a different value in `.env`
 * gets a numeric suffix; the same value reuses the name.
 */
export function planEnvVar(files: EnvFiles, wanted: string, value: string): { name: string; changes: FileChange[] } {
  const example = envNames(files.envExample);
  const env = envNames(files.env);
  let name = wanted;
  for (let i = 2; ; i++) {
    const existing = env.get(name);
    if (existing === undefined || existing === value) break;
    name = `${wanted}_${i}`;
  }
  const changes: FileChange[] = [];
  const join = (f: string) => `${files.root.replace(/\/$/, "")}/${f}`;
  if (!example.has(name)) changes.push({ path: join(".env.example"), oldText: files.envExample, newText: appendLine(files.envExample, `${name}=`) });
  if (!gitignoreCovers(files.gitignore, ".env")) {
    changes.push({ path: join(".gitignore"), oldText: files.gitignore, newText: appendLine(files.gitignore, ".env") });
  }
  if (env.get(name) !== value) {
    const quoted = /[\s#"'$\\]/.test(value) ? JSON.stringify(value) : value;
    changes.push({ path: join(".env"), oldText: files.env, newText: appendLine(files.env, `${name}=${quoted}`) });
  }
  return { name, changes };
}

