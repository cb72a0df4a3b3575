// Fixture harness: `expect:`/`ok:` annotations checked against the engine (as in ../shared/corpus and
// semgrep's ruleid:/ok:), and fix goldens (`X.fixed.<ext>` beside `X.<ext>`): the fixed file must equal
// the golden, still parse, have no fixable finding left, and a second application must change nothing.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { applyFixes } from "../src/cli/fix";
import { languageOf } from "../src/engine/files";
import type { Node } from "../src/engine/types";
import { initParsers, parse } from "../src/languages/parser";
import { scanWorkspace, type ScanOutput } from "../src/project/scan";
import { ALL_RULES } from "../src/rules";

export const ANNOT = /\b(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;
/** The annotation comment, removed before scanning so that the code under test is ordinary code. */
export const MARKER = /\s*(#|\/\/)\s*(expect|ok):.*$/;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

export interface Prepared {
  /** The stripped copy. */
  dir: string;
  /** "rel/path:line:rule" of every expect annotation. */
  expected: Set<string>;
  /** Rules named in any annotation (expect or ok), per top-level language folder. */
  mentioned: Set<string>;
}

/** Copy a fixture tree with the annotation comments removed (lines kept in place). */
export function prepare(src: string): Prepared {
  const dir = mkdtempSync(join(tmpdir(), "bc-fixture-"));
  cpSync(src, dir, { recursive: true });
  const expected = new Set<string>();
  const mentioned = new Set<string>();
  for (const file of walk(src)) {
    if (!languageOf(file) || /\.fixed\.[a-z]+$/.test(file)) continue;
    const rel = relative(src, file).split(sep).join("/");
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((text, i) => {
      for (const m of text.matchAll(ANNOT)) {
        for (const rule of m[2]!.split(",").map((s) => s.trim())) {
          mentioned.add(rule);
          if (m[1] === "expect") expected.add(`${rel}:${i + 1}:${rule}`);
        }
      }
    });
    writeFileSync(join(dir, rel), lines.map((l) => l.replace(MARKER, "")).join("\n"));
  }
  return { dir, expected, mentioned };
}

export interface Comparison {
  missing: string[];
  extra: string[];
  scan: ScanOutput;
}

/** Scan a prepared copy and compare with the annotations, for the given rules (default: all registered). */
export async function compare(prep: Prepared, rules: readonly string[] = ALL_RULES.map((r) => r.id)): Promise<Comparison> {
  const scan = await scanWorkspace([prep.dir], { rules: ALL_RULES });
  const reported = new Set<string>();
  for (const f of scan.findings) {
    if (!rules.includes(f.rule) || /\.fixed\.[a-z]+$/.test(f.file)) continue;
    reported.add(`${relative(prep.dir, f.file).split(sep).join("/")}:${f.range.start.line + 1}:${f.rule}`);
  }
  const expected = [...prep.expected].filter((k) => rules.includes(k.slice(k.lastIndexOf(":") + 1)));
  return {
    missing: expected.filter((k) => !reported.has(k)).sort(),
    extra: [...reported].filter((k) => !prep.expected.has(k)).sort(),
    scan,
  };
}

function errorNodes(text: string, file: string): number {
  const lang = languageOf(file)!;
  const tree = parse(lang, text);
  try {
    let n = 0;
    const visit = (node: Node) => {
      if (node.isError || node.isMissing) n++;
      for (const c of node.children) if (c) visit(c);
    };
    visit(tree.rootNode);
    return n;
  } finally {
    tree.delete();
  }
}

export interface GoldenResult {
  file: string;
  problems: string[];
}

/**
 * For every `X.fixed.<ext>` in the prepared copy: apply the preferred fixes (unsafe included) to `X.<ext>`
 * through the CLI's --fix path and check the result. Also compares `<root>/.env.example` with
 * `.env.example.fixed` when one is present.
 */
export async function checkGoldens(prep: Prepared): Promise<GoldenResult[]> {
  await initParsers();
  const results: GoldenResult[] = [];
  const goldens = [...walk(prep.dir)].filter((f) => /\.fixed\.[a-z]+$/.test(f) && languageOf(f));
  for (const golden of goldens) {
    const target = golden.replace(/\.fixed(\.[a-z]+)$/, "$1");
    const problems: string[] = [];
    if (!existsSync(target)) {
      results.push({ file: target, problems: ["no source beside the golden"] });
      continue;
    }
    const before = readFileSync(target, "utf8");
    const scan = await scanWorkspace([target], { rules: ALL_RULES });
    await applyFixes(scan, { unsafe: true });
    const fixed = readFileSync(target, "utf8");
    const want = readFileSync(golden, "utf8");
    if (fixed !== want) problems.push(`fixed output differs from golden:\n--- want\n${want}\n--- got\n${fixed}`);
    if (fixed === before) problems.push("no fix was applied");
    if (errorNodes(fixed, target) > errorNodes(before, target)) problems.push("fixed file no longer parses cleanly");
    const rescan = await scanWorkspace([target], { rules: ALL_RULES });
    const left = rescan.findings.filter((f) => f.file === target && f.fixes.length);
    if (left.length) problems.push(`fixable findings left after fixing: ${left.map((f) => `${f.rule}@${f.range.start.line + 1}`).join(", ")}`);
    const again = await applyFixes(rescan, { unsafe: true });
    if (again.fixes > 0 || readFileSync(target, "utf8") !== fixed) problems.push("a second application changed the file again");
    results.push({ file: target, problems });
  }
  return results;
}
