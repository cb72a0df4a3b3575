// Where an "open" message from the webview may lead: a file inside a workspace folder or a known
// project, resolved against a base the current payload names. Pure (no vscode), so it is tested
// without an editor; a compromised or buggy webview cannot open arbitrary paths.
import * as path from "node:path";
import type { ChecklistPayload, FromWebview } from "../../protocol";

export interface OpenTarget {
  file: string;
  /** 0-based. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function resolveOpenTarget(m: Extract<FromWebview, { type: "open" }>, payload: ChecklistPayload | undefined, workspaceFolders: readonly string[]): OpenTarget | undefined {
  const roots = [...workspaceFolders, ...(payload?.projects.map((p) => p.root ?? "").filter(Boolean) ?? [])].map((r) => path.resolve(r));
  const knownBase = payload?.projects.some((p) => p.base === m.base) ?? false;
  const base = m.base && knownBase ? m.base : workspaceFolders[0];
  if (!base) return undefined;
  const file = path.resolve(base, m.file);
  if (!roots.some((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep))) return undefined;
  const start = { line: Math.max(0, m.line - 1), character: Math.max(0, (m.column ?? 1) - 1) };
  const end = m.endLine !== undefined ? { line: Math.max(0, m.endLine - 1), character: Math.max(0, (m.endColumn ?? 1) - 1) } : start;
  return { file, start, end };
}
