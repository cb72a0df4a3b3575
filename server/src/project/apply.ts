// Turning a fix (data) into concrete changes, with the file system in reach: env-var intents become
// `.env.example` / `.env` / `.gitignore` changes, deferred parts are resolved. Shared by the server's
// codeAction/resolve and the CLI's --fix.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { planEnvVar, textInRange, type FileChange } from "../engine/fixes";
import { getResolver } from "../engine/resolvers";
import { unescape } from "../languages/common";
import type { Fix, TextEdit } from "../engine/types";
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
