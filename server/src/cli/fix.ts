// `scan --fix`: apply each finding's preferred fix (safe ones; unsafe too with --unsafe-fixes),
// re-analysing between passes until nothing more applies, so fixes that touch the same lines converge.
import { readFileSync } from "node:fs";
import { applyEdits, rangesOverlap } from "../engine/fixes";
import type { Finding, TextEdit } from "../engine/types";
import { ANALYZERS } from "../checklist/analyzers";
import { materializeFix, writeFileAtomic } from "../project/apply";
import { analyzeText, type ScanOutput } from "../project/scan";
import type { ProjectInfo } from "../project/model";

const MAX_PASSES = 5;

export async function applyFixes(scan: ScanOutput, opts: { unsafe: boolean }): Promise<{ fixes: number; files: number }> {
  let total = 0;
  const touched = new Set<string>();
  const projectOf = new Map<string, ProjectInfo>();
  const byFile = new Map<string, Finding[]>();
  for (const p of scan.projects) {
    for (const path of p.files.keys()) projectOf.set(path, p.loaded.info);
  }
  for (const f of scan.findings) {
    if (!f.fixes.length) continue;
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  for (const [path, initial] of byFile) {
    const project = projectOf.get(path);
    if (!project) continue;
    let findings = initial;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const text = readFileSync(path, "utf8");
      const taken: TextEdit[] = [];
      let applied = 0;
      for (const f of findings) {
        const fix = f.fixes[0];
        if (!fix || (fix.applicability === "unsafe" && !opts.unsafe)) continue;
        if (fix.edits.some((e) => taken.some((t) => rangesOverlap(t.range, e.range)))) continue;
        const m = await materializeFix(fix, path, text, project);
        if (!m) continue;
        taken.push(...m.edits);
        for (const c of m.changes) {
          // materializeFix read these files just now, so newText already builds on earlier fixes.
          writeFileAtomic(c.path, c.newText);
        }
        applied++;
      }
      if (!applied) break;
      const next = applyEdits(text, taken);
      if (next === text) break;
      writeFileAtomic(path, next);
      touched.add(path);
      total += applied;
      const result = analyzeText(path, next, project, ANALYZERS);
      findings = (result?.findings ?? []).filter((f) => f.fixes.length);
    }
  }
  return { fixes: total, files: touched.size };
}
