// Turning a fix (data) into concrete changes, with the file system in reach: env-var intents become
// `.env.example` / `.env` / `.gitignore` changes, deferred parts are resolved. Shared by the server's
// codeAction/resolve and the CLI's --fix.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { applyEdits, planEnvVar, rangesOverlap, textInRange, type FileChange } from "../engine/fixes";
import { getResolver } from "../engine/resolvers";
import { unescape } from "../languages/common";
import type { Finding, Fix, TextEdit } from "../engine/types";
import type { ProjectInfo } from "./model";

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

export interface MaterializedFix {
  edits: TextEdit[];
  changes: FileChange[];
}

/**
 * Resolve a fix against the current text of its file. Returns null when the fix no longer applies
 * (a resolver vetoed it). `read` lets the server answer from open documents before the disk.
 */
export async function materializeFix(
  fix: Fix,
  filePath: string,
  text: string,
  project: ProjectInfo,
  read: (path: string) => string | undefined = readIfExists,
): Promise<MaterializedFix | null> {
  let edits = [...fix.edits];
  const changes: FileChange[] = [];
  if (fix.deferred) {
    const resolver = getResolver(fix.deferred.resolver);
    if (!resolver) return null;
    const resolved = await resolver(fix.deferred.payload, { filePath, text, project, readFile: read });
    if (!resolved) return null;
    edits = [...edits, ...resolved.edits];
  }
  for (const intent of fix.files ?? []) {
    if (intent.kind === "env-var") {
      const raw = textInRange(text, intent.valueFrom);
      const value = intent.unescape ? unescape(raw) : raw;
      const root = project.root;
      const plan = planEnvVar(
        { root, envExample: read(join(root, ".env.example")), env: read(join(root, ".env")), gitignore: read(join(root, ".gitignore")) },
        intent.name,
        value,
      );
      if (plan.name !== intent.name) {
        const from = new RegExp(`\\b${intent.name}\\b`, "g");
        edits = edits.map((e) => ({ ...e, newText: e.newText.replace(from, plan.name) }));
      }
      changes.push(...plan.changes);
    }
  }
  return { edits, changes };
}

/** Write a file atomically: temp file in the same folder, then rename. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const MAX_PASSES = 5;

/** Identical zero-width insertions (the same import) may be shared by several fixes in one pass. */
function sameInsertion(t: TextEdit, e: TextEdit): boolean {
  return t.newText === e.newText && JSON.stringify(t.range) === JSON.stringify(e.range) && e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
}

export interface FixOutcome {
  text: string;
  fixes: number;
  /** Other files' final contents (oldText = before the first fix). */
  changes: FileChange[];
}

/**
 * Apply the preferred fix of each finding to a text, in passes: fixes whose edits overlap wait for
 * the next pass, which re-analyses the text first, so a fix that depends on the others (dropping an
 * import that became unused) is computed against their result. Stops when nothing applies.
 * Nothing is written: other files' changes are returned, built on an in-memory overlay.
 */
export async function fixInPasses(
  path: string,
  text: string,
  project: ProjectInfo,
  findings: readonly Finding[],
  analyze: (text: string) => Finding[],
  opts: { unsafe: boolean; withFiles: boolean; read?: (path: string) => string | undefined },
): Promise<FixOutcome> {
  const overlay = new Map<string, { old: string | undefined; text: string }>();
  const baseRead = opts.read ?? readIfExists;
  const read = (p: string) => (overlay.has(p) ? overlay.get(p)!.text : baseRead(p));
  let current = text;
  let pending = findings.filter((f) => f.fixes.length);
  let total = 0;
  for (let pass = 0; pass < MAX_PASSES && pending.length; pass++) {
    const taken: TextEdit[] = [];
    let applied = 0;
    for (const f of pending) {
      const fix = f.fixes[0];
      if (!fix || (fix.applicability === "unsafe" && !opts.unsafe) || (fix.files?.length && !opts.withFiles)) continue;
      if (fix.edits.some((e) => taken.some((t) => rangesOverlap(t.range, e.range) && !sameInsertion(t, e)))) continue;
      const m = await materializeFix(fix, path, current, project, read);
      if (!m) continue;
      taken.push(...m.edits);
      for (const c of m.changes) overlay.set(c.path, { old: overlay.has(c.path) ? overlay.get(c.path)!.old : c.oldText, text: c.newText });
      applied++;
    }
    if (!applied) break;
    const next = applyEdits(current, taken);
    if (next === current) break;
    current = next;
    total += applied;
    pending = analyze(current).filter((f) => f.fixes.length);
  }
  return { text: current, fixes: total, changes: [...overlay].map(([p, v]) => ({ path: p, oldText: v.old, newText: v.text })) };
}
