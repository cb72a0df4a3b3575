// Suppression comments (RULES.md "Suppression"):
//   backend-checklist-ignore <rule-id>[, <rule-id>…] [-- reason]   on the line or the line above
//   backend-checklist-ignore-file <rule-id>…                       near the top of the file
// With no ids, every rule is silenced there.
import type { LanguageFamily, Range, TextEdit } from "./types";

export interface Suppressions {
  /** 0-based line → rule ids silenced on it ("*" = all). */
  lines: Record<number, string[]>;
  file: string[];
}

const LINE_RE = /(?:\/\/|#|\/\*|--)\s*backend-checklist-ignore(-file)?\b([^\n]*)/;
/** How far from the top a file-level comment may sit (lines). */
const FILE_HEADER_LINES = 30;

export function parseSuppressions(text: string): Suppressions {
  const result: Suppressions = { lines: {}, file: [] };
  if (!text.includes("backend-checklist-ignore")) return result;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const m = LINE_RE.exec(line);
    if (!m) return;
    const ids = parseIds(m[2]!);
    if (m[1]) {
      if (i < FILE_HEADER_LINES) result.file.push(...ids);
      return;
    }
    const own = line.slice(0, m.index).trim() !== "";
    // A trailing comment covers its own line; a comment alone on a line covers the next line too.
    (result.lines[i] ??= []).push(...ids);
    if (!own) (result.lines[i + 1] ??= []).push(...ids);
  });
  return result;
}

function parseIds(rest: string): string[] {
  const body = rest.split("--")[0]!.replace(/\*\/.*$/, "");
  const ids = body
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9-]+$/.test(s));
  return ids.length ? ids : ["*"];
}

export function isSuppressed(s: Suppressions, rule: string, line: number): boolean {
  if (s.file.includes(rule) || s.file.includes("*")) return true;
  const ids = s.lines[line];
  return !!ids && (ids.includes(rule) || ids.includes("*"));
}

const COMMENT: Record<LanguageFamily, string> = { ts: "//", python: "#", go: "//", rust: "//", java: "//" };

/**
 * The "Ignore <rule> on this line" edit: a comment line above the finding's line with the same
 * indentation, or the rule added to an existing ignore comment there.
 */
export function ignoreLineEdit(text: string, family: LanguageFamily, rule: string, range: Range): TextEdit {
  const lines = text.split("\n");
  const line = range.start.line;
  const above = line > 0 ? lines[line - 1]! : undefined;
  const m = above !== undefined ? /^(\s*)(\/\/|#)\s*backend-checklist-ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(above) : null;
  if (m) {
    const end = m[0].length;
    return { range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } }, newText: `, ${rule}` };
  }
  const indent = /^\s*/.exec(lines[line] ?? "")![0];
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${COMMENT[family]} backend-checklist-ignore ${rule}\n`,
  };
}
