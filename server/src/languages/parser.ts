// Loads web-tree-sitter and the grammars VS Code ships (@vscode/tree-sitter-wasm), once per process.
// The .wasm files sit beside the bundle in dist/ (esbuild.mjs copies them); in tests run from
// sources they are found in node_modules.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Edit, Language, Parser, type Tree } from "web-tree-sitter";
import type { LanguageId, Position } from "../engine/types";

const GRAMMAR: Record<LanguageId, string> = {
  typescript: "tree-sitter-typescript.wasm",
  tsx: "tree-sitter-tsx.wasm",
  javascript: "tree-sitter-javascript.wasm",
  python: "tree-sitter-python.wasm",
  go: "tree-sitter-go.wasm",
  rust: "tree-sitter-rust.wasm",
  java: "tree-sitter-java.wasm",
};

function wasmDir(): string {
  const candidates = [
    __dirname,
    join(__dirname, "wasm"),
    join(__dirname, "..", "..", "..", "node_modules", "@vscode", "tree-sitter-wasm", "wasm"),
    join(__dirname, "..", "node_modules", "@vscode", "tree-sitter-wasm", "wasm"),
    join(process.cwd(), "node_modules", "@vscode", "tree-sitter-wasm", "wasm"),
  ];
  for (const dir of candidates) if (existsSync(join(dir, GRAMMAR.python))) return dir;
  throw new Error(`tree-sitter grammars not found (looked in ${candidates.join(", ")})`);
}

function runtimeWasm(): string {
  const candidates = [
    join(__dirname, "web-tree-sitter.wasm"),
    join(__dirname, "..", "..", "..", "node_modules", "web-tree-sitter", "web-tree-sitter.wasm"),
    join(process.cwd(), "node_modules", "web-tree-sitter", "web-tree-sitter.wasm"),
  ];
  for (const file of candidates) if (existsSync(file)) return file;
  throw new Error("web-tree-sitter.wasm not found");
}

let initialized: Promise<void> | undefined;
const languages = new Map<LanguageId, Language>();
const parsers = new Map<LanguageId, Parser>();

/** Initialise the runtime and load every grammar. Idempotent; call once before parsing. */
export function initParsers(): Promise<void> {
  initialized ??= (async () => {
    const wasm = runtimeWasm();
    await Parser.init({ locateFile: () => wasm });
    const dir = wasmDir();
    await Promise.all(
      (Object.keys(GRAMMAR) as LanguageId[]).map(async (id) => {
        languages.set(id, await Language.load(join(dir, GRAMMAR[id])));
      }),
    );
  })();
  return initialized;
}

export function getLanguage(id: LanguageId): Language {
  const lang = languages.get(id);
  if (!lang) throw new Error(`grammar for ${id} not loaded: call initParsers() first`);
  return lang;
}

function parserFor(id: LanguageId): Parser {
  let parser = parsers.get(id);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(getLanguage(id));
    parsers.set(id, parser);
  }
  return parser;
}

/** Parse text; with `oldTree` (already edited with `editTree`), tree-sitter reuses unchanged subtrees. */
export function parse(id: LanguageId, text: string, oldTree?: Tree): Tree {
  const tree = parserFor(id).parse(text, oldTree ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${id}`);
  return tree;
}

export interface ContentChange {
  /** Range in the old text that was replaced. */
  range: { start: Position; end: Position };
  text: string;
}

/**
 * Record an edit on a tree so that the next parse is incremental. Offsets and columns are UTF-16
 * code units, which is what web-tree-sitter reports for JS strings and what LSP sends.
 */
export function editTree(tree: Tree, oldText: string, oldLineStarts: number[], change: ContentChange): void {
  const startIndex = offsetAt(oldLineStarts, oldText.length, change.range.start);
  const oldEndIndex = offsetAt(oldLineStarts, oldText.length, change.range.end);
  const newEndIndex = startIndex + change.text.length;
  const newlines = change.text.split("\n");
  const newEndPosition =
    newlines.length === 1
      ? { row: change.range.start.line, column: change.range.start.character + change.text.length }
      : { row: change.range.start.line + newlines.length - 1, column: newlines[newlines.length - 1]!.length };
  tree.edit(
    new Edit({
      startIndex,
      oldEndIndex,
      newEndIndex,
      startPosition: { row: change.range.start.line, column: change.range.start.character },
      oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
      newEndPosition,
    }),
  );
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(lineStarts: number[], length: number, pos: Position): number {
  if (pos.line >= lineStarts.length) return length;
  const start = lineStarts[pos.line]!;
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1]! : length;
  return Math.min(start + pos.character, next);
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo]! };
}
