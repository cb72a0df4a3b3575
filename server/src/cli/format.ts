// Report formats for `scan` (RULES.md "CLI contract"): text, JSON and SARIF 2.1.0.
import { relative, sep } from "node:path";
import { docsUrl, type Rule } from "../engine/rule";
import type { Finding } from "../engine/types";
import type { ScanOutput } from "../project/scan";

export function relPath(base: string, file: string): string {
  const r = relative(base, file).split(sep).join("/");
  return r === "" ? file.split(sep).pop()! : r;
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export interface ReportInput {
  scan: ScanOutput;
  base: string;
  rules: readonly Rule[];
  /** `projects` of the checklist, when asked for. */
  projects?: unknown[];
  checklistText?: string;
}

export function formatText({ scan, base, checklistText }: ReportInput, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: c("31", "error"), warning: c("33", "warning"), info: c("36", "info") };
  const out: string[] = [];
  let lastFile = "";
  for (const f of scan.findings) {
    const file = relPath(base, f.file);
    if (file !== lastFile) {
      if (lastFile) out.push("");
      out.push(c("4", file));
      lastFile = file;
    }
    const fixable = f.fixes.length ? c("2", " [fix]") : "";
    out.push(`  ${String(f.range.start.line + 1).padStart(4)}:${String(f.range.start.character + 1).padEnd(3)} ${sev[f.severity].padEnd(color ? 16 : 7)} ${f.message}  ${c("2", f.rule)}${fixable}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of scan.findings) counts[f.severity]++;
  if (out.length) out.push("");
  const s = scan.stats;
  out.push(
    `${scan.findings.length} finding${scan.findings.length === 1 ? "" : "s"} (${counts.error} error, ${counts.warning} warning, ${counts.info} info) in ${s.files} file${s.files === 1 ? "" : "s"}, ${s.lines} lines, ${s.durationMs} ms`,
  );
  if (checklistText) out.push("", checklistText);
  return out.join("\n") + "\n";
}

export function findingJson(base: string, f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    file: relPath(base, f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    checklistItem: f.checklistItem,
  };
}

export function formatJson({ scan, base, projects }: ReportInput): string {
  const body: Record<string, unknown> = {
    findings: scan.findings.map((f) => findingJson(base, f)),
    stats: {
      files: scan.stats.files,
      lines: scan.stats.lines,
      durationMs: scan.stats.durationMs,
      skipped: scan.stats.skipped.map((s) => ({ file: relPath(base, s.file), reason: s.reason })),
      notices: scan.stats.notices,
    },
  };
  if (projects) body.projects = projects;
  return JSON.stringify(body, null, 2) + "\n";
}

export function formatSarif({ scan, base, rules }: ReportInput, version: string): string {
  const region = (r: Finding["range"]) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const results = scan.findings.map((f) => {
    const uri = relPath(base, f.file);
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: region(f.range) } }],
      properties: { checklistItem: f.checklistItem },
    };
    // Only the edits to the file itself: an env-var intent would carry the secret's value.
    const fixes = f.fixes.filter((x) => x.edits.length > 0 && !x.deferred);
    if (fixes.length) {
      result.fixes = fixes.map((x) => ({
        description: { text: `${x.title} (${x.applicability})` },
        artifactChanges: [
          {
            artifactLocation: { uri, uriBaseId: "%SRCROOT%" },
            replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      }));
    }
    return result;
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "backend-checklist",
            informationUri: "https://github.com/backend-checklist/backend-checklist",
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} Checklist item: ${r.checklistItem}.` },
              helpUri: docsUrl(r.id),
              help: { text: `See ${docsUrl(r.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { checklistItem: r.checklistItem, languages: r.languages, fixable: r.fixable },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToUri(base) } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...scan.stats.skipped.map((s) => ({ level: "note", message: { text: `${relPath(base, s.file)}: skipped: ${s.reason}` } })),
              ...scan.stats.notices.map((n) => ({ level: "warning", message: { text: n } })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

function pathToUri(p: string): string {
  const s = p.split(sep).join("/");
  return "file://" + encodeURI(s.endsWith("/") ? s : s + "/");
}
