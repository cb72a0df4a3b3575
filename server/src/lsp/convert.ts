// Findings → LSP diagnostics, fixes → workspace edits.
import { pathToFileURL } from "node:url";
import {
  CreateFile,
  DiagnosticSeverity,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  type Diagnostic,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { DiagnosticData } from "../../../protocol";
import type { FileChange } from "../engine/fixes";
import { docsUrl } from "../engine/rule";
import type { Finding, TextEdit } from "../engine/types";
import { computeLineStarts, positionAt } from "../languages/parser";

export const SOURCE = "backend-checklist";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function toDiagnostic(f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { version, fixes: f.fixes };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: docsUrl(f.rule) },
    source: SOURCE,
    message: f.message,
    data,
  };
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}

/** The smallest edit turning oldText into newText when newText only appends; else a whole replace. */
function changeEdit(oldText: string, newText: string): LspTextEdit {
  const starts = computeLineStarts(oldText);
  if (newText.startsWith(oldText)) {
    const end = positionAt(starts, oldText.length);
    return LspTextEdit.insert(end, newText.slice(oldText.length));
  }
  return LspTextEdit.replace({ start: { line: 0, character: 0 }, end: positionAt(starts, oldText.length) }, newText);
}

export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
}

/** Build a workspace edit: the fixed file's edits (versioned) and the other files' changes. */
export function buildWorkspaceEdit(uri: string, version: number, edits: TextEdit[], changes: FileChange[], caps: EditCapabilities): WorkspaceEdit | undefined {
  if (caps.documentChanges) {
    const documentChanges: WorkspaceEdit["documentChanges"] = [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, version), edits)];
    for (const c of changes) {
      const cu = pathToUri(c.path);
      if (c.oldText === undefined) {
        if (!caps.createFiles) return undefined;
        documentChanges.push(CreateFile.create(cu, { ignoreIfExists: true }));
        documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(cu, null), [LspTextEdit.insert({ line: 0, character: 0 }, c.newText)]));
      } else {
        documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(cu, null), [changeEdit(c.oldText, c.newText)]));
      }
    }
    return { documentChanges };
  }
  // Without documentChanges a client cannot create files: only offer fixes that need none.
  if (changes.some((c) => c.oldText === undefined)) return undefined;
  const map: Record<string, LspTextEdit[]> = { [uri]: edits };
  for (const c of changes) map[pathToUri(c.path)] = [changeEdit(c.oldText!, c.newText)];
  return { changes: map };
}
