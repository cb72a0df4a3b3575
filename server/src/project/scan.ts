// The analysis pipeline shared by the CLI and the server: read → parse → analyse file → forget the
// tree; then the project phase over facts. Per-file results are cached by content hash.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { analyzeFile, analyzeProject, compareFindings, type FileResult } from "../engine/analyze";
import type { Settings } from "../engine/config";
import { familyOf, isScriptPath, isTestPath, languageOf, looksBinary } from "../engine/files";
import type { Rule } from "../engine/rule";
import type { Finding, LanguageId, ParsedFile, Tree } from "../engine/types";
import { computeLineStarts, initParsers, parse } from "../languages/parser";
import { findProjectRootUp, loadProject, projectRootFor, walkWorkspace, type LoadedProject } from "./discover";
import type { ProjectInfo } from "./model";

/** Bump when rule logic changes so cached results are not reused across versions. */
export const ENGINE_VERSION = "1";

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface FileRecord {
  path: string;
  language: LanguageId;
  hash: string;
  lines: number;
  result: FileResult;
}

export interface ProjectState {
  loaded: LoadedProject;
  files: Map<string, FileRecord>;
  projectFindings: Finding[];
}

export interface ResultCache {
  get(key: string): FileResult | undefined;
  set(key: string, value: FileResult): void;
}

export class MemoryCache implements ResultCache {
  private map = new Map<string, FileResult>();
  constructor(private readonly max = 20000) {}
  get(key: string) {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: FileResult) {
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  entries(): IterableIterator<[string, FileResult]> {
    return this.map.entries();
  }
}

export function projectFingerprint(info: ProjectInfo): string {
  return createHash("sha1")
    .update(JSON.stringify([ENGINE_VERSION, info.dependencies, info.binFiles, info.config, info.goModule]))
    .digest("hex")
    .slice(0, 16);
}

export function contentHash(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Decode file bytes; report why a file is not analysed. */
export function decodeSource(buf: Buffer, maxBytes: number): { text: string; notice?: string } | { skip: string } {
  if (buf.length > maxBytes) return { skip: `too large (${(buf.length / 1024).toFixed(0)} KiB > ${(maxBytes / 1024).toFixed(0)} KiB limit)` };
  if (looksBinary(buf)) return { skip: "binary content" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf).replace(/^\uFEFF/, "") };
  } catch {
    return { text: new TextDecoder("utf-8").decode(buf), notice: "not valid UTF-8: analysed with replacement characters" };
  }
}

export function makeParsedFile(path: string, project: ProjectInfo, text: string, language: LanguageId, tree: Tree): ParsedFile {
  const relPath = relative(project.root, path).split(sep).join("/");
  return {
    path,
    relPath,
    language,
    family: familyOf(language),
    text,
    tree,
    lineStarts: computeLineStarts(text),
    isTest: isTestPath(relPath),
    isScript: isScriptPath(relPath, text, new Set(project.binFiles)),
  };
}

/** Analyse one file's text from scratch (no tree kept). */
export function analyzeText(path: string, text: string, project: ProjectInfo, rules: readonly Rule[], language = languageOf(path)): FileResult | undefined {
  if (!language) return undefined;
  const tree = parse(language, text);
  try {
    return analyzeFile(makeParsedFile(path, project, text, language, tree), project, rules);
  } finally {
    tree.delete();
  }
}

export interface ScanOptions {
  rules: readonly Rule[];
  settings?: Settings;
  cache?: ResultCache;
  /** Called after each file with (done, total). */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called with each project as soon as it is complete. */
  onProject?: (project: ProjectState) => void;
  isCancelled?: () => boolean;
}

export interface ScanOutput {
  projects: ProjectState[];
  findings: Finding[];
  stats: { files: number; lines: number; durationMs: number; skipped: SkippedFile[]; notices: string[] };
}

/** Scan folders or files: discover projects, analyse every source file, run the project phase. */
export async function scanWorkspace(paths: readonly string[], opts: ScanOptions): Promise<ScanOutput> {
  await initParsers();
  const t0 = performance.now();
  const skipped: SkippedFile[] = [];
  const notices: string[] = [];
  const projects = new Map<string, ProjectState>();
  const fileLists: Array<{ file: string; root: string }> = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      notices.push(`${p}: no such file or folder`);
      continue;
    }
    const scanRoot = isDir ? abs : resolve(abs, "..");
    // Scanning a folder inside a project (src/, one file) still uses that project's manifest.
    const enclosing = findProjectRootUp(join(scanRoot, "_")) ?? scanRoot;
    const rootProject = ensureProject(projects, enclosing, opts.settings);
    const walk = walkWorkspace(abs, rootProject.loaded.info.config.ignore);
    for (const r of walk.projectRoots) ensureProject(projects, r, opts.settings);
    const roots = [...projects.keys()];
    for (const f of walk.files) fileLists.push({ file: f, root: projectRootFor(roots, f) ?? enclosing });
  }
  let lines = 0;
  let done = 0;
  const seen = new Set<string>();
  for (const { file, root } of fileLists) {
    if (opts.isCancelled?.()) break;
    if (seen.has(file)) continue;
    seen.add(file);
    const state = projects.get(root)!;
    const info = state.loaded.info;
    const language = languageOf(file)!;
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch (e) {
      skipped.push({ file, reason: `unreadable: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const decoded = decodeSource(buf, info.config.maxFileSizeBytes);
    if ("skip" in decoded) {
      skipped.push({ file, reason: decoded.skip });
      continue;
    }
    if (decoded.notice) notices.push(`${file}: ${decoded.notice}`);
    const text = decoded.text;
    const hash = contentHash(text);
    const key = `${hash}:${projectFingerprint(info)}:${relative(info.root, file)}`;
    let result = opts.cache?.get(key);
    if (!result) {
      result = analyzeText(file, text, info, opts.rules, language)!;
      opts.cache?.set(key, result);
    }
    for (const [rule, err] of Object.entries(result.errors)) notices.push(`${file}: rule ${rule} failed: ${err.split("\n")[0]}`);
    const lineCount = countLines(text);
    lines += lineCount;
    state.files.set(file, { path: file, language, hash, lines: lineCount, result });
    done++;
    opts.onProgress?.(done, fileLists.length, file);
    if (done % 25 === 0) await new Promise((r) => setImmediate(r));
  }
  const findings: Finding[] = [];
  for (const state of projects.values()) {
    if (state.loaded.configProblem) {
      const p = state.loaded.configProblem;
      notices.push(`${p.file}:${p.line + 1}:${p.column + 1}: ${p.message} (defaults used)`);
    }
    for (const [rule, err] of Object.entries(runProjectPhase(state, opts.rules))) notices.push(`${state.loaded.info.root}: rule ${rule} failed in the project phase: ${err.split("\n")[0]}`);
    for (const rec of state.files.values()) findings.push(...rec.result.findings);
    findings.push(...state.projectFindings);
    opts.onProject?.(state);
  }
  findings.sort(compareFindings);
  const used = [...projects.values()].filter((p) => p.files.size > 0 || p.loaded.info.manifests.length > 0);
  return { projects: used, findings, stats: { files: done, lines, durationMs: Math.round(performance.now() - t0), skipped, notices } };
}

/** Run the project phase; returns the errors of rules that threw (rule id → message), the others still ran. */
export function runProjectPhase(state: ProjectState, rules: readonly Rule[]): Record<string, string> {
  const { findings, errors } = analyzeProject(
    state.loaded.info,
    [...state.files.values()].map((r) => ({ path: r.path, facts: r.result.facts, suppressions: r.result.suppressions })),
    rules,
  );
  state.projectFindings = findings;
  return errors;
}

function ensureProject(projects: Map<string, ProjectState>, root: string, settings: Settings | undefined): ProjectState {
  let state = projects.get(root);
  if (!state) {
    state = { loaded: loadProject(root, settings), files: new Map(), projectFindings: [] };
    projects.set(root, state);
  }
  return state;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith("\n") ? n - 1 : n;
}
