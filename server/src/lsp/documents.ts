// Open documents with their syntax trees, kept in step with incremental edits. Trees exist only for
// open documents: closing one deletes its tree (WASM memory is never returned otherwise).
import { fileURLToPath } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { languageOf } from "../engine/files";
import type { Fact, Finding, LanguageId, Tree } from "../engine/types";
import { computeLineStarts, editTree, parse } from "../languages/parser";

export class OpenDocument {
  doc: TextDocument;
  readonly language: LanguageId | undefined;
  readonly path: string;
  private tree: Tree | undefined;
  /** The tree has pending edits not yet re-parsed. */
  private dirty = true;
  private lineStarts: number[];
  /** File-local findings of the last analysis, for re-publishing when project findings change. */
  lastFindings: { version: number; findings: Finding[] } | undefined;
  /** Facts of the rules from the last analysis, and of the evidence analyzer from its last (idle) run. */
  lastRuleFacts: Fact[] | undefined;
  evidenceFacts: Fact[] | undefined;
  evidenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly uri: string,
    lspLanguageId: string,
    version: number,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, lspLanguageId, version, text);
    this.path = uriToPath(uri);
    this.language = languageOf(this.path, lspLanguageId);
    this.lineStarts = computeLineStarts(text);
  }

  get version(): number {
    return this.doc.version;
  }
  get text(): string {
    return this.doc.getText();
  }

  /** Apply LSP content changes in order, recording each on the tree for an incremental re-parse. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const old = this.doc.getText();
      if ("range" in change) {
        if (this.tree) editTree(this.tree, old, this.lineStarts, { range: change.range, text: change.text });
      } else if (this.tree) {
        this.tree.delete();
        this.tree = undefined;
      }
      this.doc = TextDocument.update(this.doc, [change], version);
      this.lineStarts = computeLineStarts(this.doc.getText());
    }
    this.dirty = true;
  }

  /** The current tree, re-parsed incrementally when edits are pending. */
  getTree(): Tree | undefined {
    if (!this.language) return undefined;
    if (this.dirty || !this.tree) {
      const next = parse(this.language, this.text, this.tree);
      this.tree?.delete();
      this.tree = next;
      this.dirty = false;
    }
    return this.tree;
  }

  dispose(): void {
    if (this.evidenceTimer) clearTimeout(this.evidenceTimer);
    this.tree?.delete();
    this.tree = undefined;
  }
}

export function uriToPath(uri: string): string {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}
