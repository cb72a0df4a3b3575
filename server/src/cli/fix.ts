// `scan --fix`: apply each finding's preferred fix (safe ones; unsafe too with --unsafe-fixes), in
// passes that re-analyse between them (project/apply.ts fixInPasses), then write the files.
import { readFileSync } from "node:fs";
import type { Finding } from "../engine/types";
import { ANALYZERS } from "../checklist/analyzers";
import { fixInPasses, writeFileAtomic } from "../project/apply";
import { analyzeText, type ScanOutput } from "../project/scan";
import type { ProjectInfo } from "../project/model";

export async function applyFixes(scan: ScanOutput, opts: { unsafe: boolean }): Promise<{ fixes: number; files: number }> {
  let total = 0;
  let files = 0;
  const projectOf = new Map<string, ProjectInfo>();
  const byFile = new Map<string, Finding[]>();
  for (const p of scan.projects) for (const path of p.files.keys()) projectOf.set(path, p.loaded.info);
  for (const f of scan.findings) {
    if (!f.fixes.length) continue;
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  for (const [path, findings] of byFile) {
    const project = projectOf.get(path);
    if (!project) continue;
    const text = readFileSync(path, "utf8");
    const out = await fixInPasses(path, text, project, findings, (t) => analyzeText(path, t, project, ANALYZERS)?.findings ?? [], { unsafe: opts.unsafe, withFiles: true });
    if (out.text === text) continue;
    // Other files first (.env before the code that needs it), each atomically.
    for (const c of out.changes) writeFileAtomic(c.path, c.newText);
    writeFileAtomic(path, out.text);
    total += out.fixes;
    files++;
  }
  return { fixes: total, files };
}
