// `npm run profile`: where analysis time goes, per rule and language, on the benchmark's generated
// ~2,000-line files (each rule alone on a fresh tree, then all analyzers together). Figures only.
import { analyzeFile } from "../server/src/engine/analyze";
import type { LanguageId } from "../server/src/engine/types";
import { ANALYZERS } from "../server/src/checklist/analyzers";
import { initParsers, parse } from "../server/src/languages/parser";
import { loadProject } from "../server/src/project/discover";
import { makeParsedFile } from "../server/src/project/scan";
import { sourceFile, type BenchLang } from "./generate";

const LANGS: Array<[BenchLang, LanguageId, string]> = [
  ["python", "python", "py"],
  ["typescript", "typescript", "ts"],
  ["go", "go", "go"],
  ["rust", "rust", "rs"],
  ["java", "java", "java"],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  await initParsers();
  const info = loadProject(process.cwd()).info;
  const only = process.argv[2];
  for (const [lang, id, ext] of LANGS) {
    if (only && only !== lang) continue;
    const text = sourceFile(lang, 2000, 7);
    const time = (rules: typeof ANALYZERS, runs: number) => {
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const tree = parse(id, text);
        const f = makeParsedFile(`/bench/x.${ext}`, info, text, id, tree);
        const t0 = performance.now();
        analyzeFile(f, info, rules);
        t.push(performance.now() - t0);
        tree.delete();
      }
      return median(t);
    };
    const per = ANALYZERS.filter((r) => r.detectors[id === "typescript" ? "ts" : (id as "python")]).map((r) => [r.id, time([r], 5)] as const);
    per.sort((a, b) => b[1] - a[1]);
    console.log(`${lang}: all analyzers ${time(ANALYZERS, 7).toFixed(1)} ms`);
    console.log("  " + per.map(([r, ms]) => `${r} ${ms.toFixed(1)}`).join(", "));
  }
}

void main();
