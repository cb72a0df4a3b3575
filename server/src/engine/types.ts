// Core data shapes of the engine. Everything here is plain data: it crosses the LSP boundary in
// Diagnostic.data, is cached by content hash and is printed by the CLI.
import type { Node, Tree } from "web-tree-sitter";

export type LanguageId = "typescript" | "tsx" | "javascript" | "python" | "go" | "rust" | "java";
/** The five language families of RULES.md; TS, TSX and JS share one detector. */
export type LanguageFamily = "ts" | "python" | "go" | "rust" | "java";
export type Severity = "error" | "warning" | "info";
export type Applicability = "safe" | "unsafe";

export const CHECKLIST_ITEMS = [
  "openapi-contract",
  "input-validation",
  "auth",
  "secrets-in-env",
  "error-handling",
  "connection-pooling",
  "query-optimization",
  "rate-limiting",
  "logging-correlation",
  "tests",
  "type-annotations",
  "security-headers",
  "cors",
  "api-versioning",
  "transport-security",
  "async-io",
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

/** 0-based line and UTF-16 character, as LSP and web-tree-sitter both count. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A change to another file of the project, stated as intent: the shell (server or CLI) that owns
 * the file system turns it into concrete edits against the file's current content.
 */
export type FileIntent =
  /** Declare an environment variable: `NAME=` in `.env.example`; `NAME=<value>` in `.env` when git-ignored. */
  | { kind: "env-var"; name: string; valueFrom: Range; unescape?: boolean };

/**
 * A deferred part of a fix, computed when the code action is resolved (type information, I/O).
 * `resolver` names a function registered in engine/resolvers.ts.
 */
export interface DeferredFix {
  resolver: string;
  payload: Record<string, unknown>;
}

export interface Fix {
  title: string;
  applicability: Applicability;
  /** Edits to the file the finding is in, against the text the finding was computed from. */
  edits: TextEdit[];
  /** Changes to other files, as intent. */
  files?: FileIntent[];
  /** When present, the fix is valid only once the resolver confirms it (it may add edits or veto). */
  deferred?: DeferredFix;
}

export interface Finding {
  rule: string;
  severity: Severity;
  checklistItem: ChecklistItemId;
  message: string;
  /** Absolute path of the file (or the URI's path in the server). */
  file: string;
  range: Range;
  fixes: Fix[];
}

/** A fact a detector records about a file for project-level reasoning (routes, middleware, app creation). */
export interface Fact {
  kind: string;
  file: string;
  range: Range;
  data: Record<string, unknown>;
}

export interface ParsedFile {
  path: string;
  /** Path relative to the project root, with forward slashes. */
  relPath: string;
  language: LanguageId;
  family: LanguageFamily;
  text: string;
  tree: Tree;
  /** Offsets of the start of each line, for offset ↔ position. */
  lineStarts: number[];
  isTest: boolean;
  isScript: boolean;
}

export type { Node, Tree };
