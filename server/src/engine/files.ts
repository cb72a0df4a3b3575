// What kind of file is this? Language by extension, test and CLI-script classification (RULES.md).
import type { LanguageFamily, LanguageId } from "./types";

const EXT: Record<string, LanguageId> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
};

const LSP_LANGUAGE: Record<string, LanguageId> = {
  typescript: "typescript",
  typescriptreact: "tsx",
  javascript: "javascript",
  javascriptreact: "javascript",
  python: "python",
  go: "go",
  rust: "rust",
  java: "java",
};

export function languageOf(path: string, lspLanguageId?: string): LanguageId | undefined {
  const dot = path.lastIndexOf(".");
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (dot > slash) {
    const byExt = EXT[path.slice(dot).toLowerCase()];
    if (byExt) return byExt;
  }
  return lspLanguageId ? LSP_LANGUAGE[lspLanguageId] : undefined;
}

export function familyOf(id: LanguageId): LanguageFamily {
  switch (id) {
    case "typescript":
    case "tsx":
    case "javascript":
      return "ts";
    default:
      return id;
  }
}

/** Test files per RULES.md: test_*.py, *_test.py, *_test.go, *.test.*, *.spec.*, and test folders. */
export function isTestPath(relPath: string): boolean {
  const p = relPath.replace(/\\/g, "/");
  const base = p.slice(p.lastIndexOf("/") + 1);
  if (/^test_.*\.py$/.test(base) || /_test\.(py|go)$/.test(base)) return true;
  if (/\.(test|spec)\.[^.]+$/.test(base)) return true;
  if (/(^|\/)(test|tests|__tests__)\//.test(p)) return true;
  if (/(^|\/)src\/test\//.test(p)) return true;
  // Rust integration tests and Java test roots are covered by tests/ and src/test/ above.
  return false;
}

/**
 * CLI/script files per RULES.md: a shebang, under bin/ or scripts/, under cmd/<tool>/ of a tool
 * (the caller says whether the project is a server), a package.json bin, a Django management command,
 * seeds and migrations.
 */
export function isScriptPath(relPath: string, text: string, binFiles: ReadonlySet<string> = new Set()): boolean {
  const p = relPath.replace(/\\/g, "/");
  if (text.startsWith("#!")) return true;
  if (binFiles.has(p)) return true;
  if (/(^|\/)(bin|scripts|script)\//.test(p)) return true;
  if (/(^|\/)management\/commands\//.test(p)) return true;
  if (/(^|\/)(migrations?|seeds?|seeders)\//.test(p)) return true;
  if (/(^|\/)(seed|migrate)\.[a-z]+$/.test(p)) return true;
  return false;
}

/** Heuristic binary check: NUL bytes or a high share of replacement characters in the first 8 KiB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
