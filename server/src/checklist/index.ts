// Checklist status per project (CHECKLIST.md). First version: statuses from findings and
// attestations; positive evidence is gathered by the checklist issue's evidence collectors.
import { relative, sep } from "node:path";
import type { ChecklistItemId } from "../engine/types";
import type { ScanOutput } from "../project/scan";
import { CHECKLIST } from "./items";

export type ItemStatus = "met" | "partial" | "not-met" | "unknown" | "not-applicable" | "done";

export interface ChecklistItemReport {
  id: ChecklistItemId;
  title: string;
  status: ItemStatus;
  evidence: Array<{ file: string; line: number; text: string }>;
  findings: Array<{ file: string; line: number; rule: string }>;
  attestation: null | { status: "done" | "not-applicable"; note?: string; by?: string; at?: string };
}

export interface ProjectChecklist {
  name: string;
  path: string;
  languages: string[];
  frameworks: string[];
  progress: number;
  items: ChecklistItemReport[];
}

const rel = (base: string, p: string) => relative(base, p).split(sep).join("/") || ".";

export function buildChecklists(scan: ScanOutput, base: string): ProjectChecklist[] {
  return scan.projects.map((state) => {
    const info = state.loaded.info;
    const findings = [...[...state.files.values()].flatMap((f) => f.result.findings), ...state.projectFindings];
    const languages = [...new Set([...state.files.values()].map((f) => (f.language === "tsx" ? "typescript" : f.language)))].sort();
    const items: ChecklistItemReport[] = CHECKLIST.map((def) => {
      const mine = findings.filter((f) => f.checklistItem === def.id);
      const attestation = state.loaded.projectFile?.checklist?.[def.id] ?? null;
      let status: ItemStatus = mine.length ? "not-met" : state.files.size ? (def.judgedBy === "absence" ? "met" : "unknown") : "unknown";
      if (attestation) status = attestation.status;
      return {
        id: def.id,
        title: def.title,
        status,
        evidence: [],
        findings: mine.map((f) => ({ file: rel(base, f.file), line: f.range.start.line + 1, rule: f.rule })),
        attestation,
      };
    });
    const score = items.reduce((s, i) => s + (["met", "done", "not-applicable"].includes(i.status) ? 1 : i.status === "partial" ? 0.5 : 0), 0);
    return { name: info.name, path: rel(base, info.root), languages, frameworks: info.frameworks, progress: Math.round((score / items.length) * 1000) / 1000, items };
  });
}

const ICON: Record<ItemStatus, string> = { met: "✔", partial: "◐", "not-met": "✘", unknown: "?", "not-applicable": "–", done: "✔" };

export function checklistText(projects: ProjectChecklist[]): string {
  const out: string[] = [];
  for (const p of projects) {
    out.push(`${p.name} (${p.path}) — ${Math.round(p.progress * 100)}% [${p.frameworks.join(", ") || p.languages.join(", ") || "no sources"}]`);
    for (const i of p.items) {
      const n = i.findings.length ? ` (${i.findings.length} finding${i.findings.length === 1 ? "" : "s"})` : "";
      out.push(`  ${ICON[i.status]} ${i.status.padEnd(14)} ${i.title}${n}`);
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}

export function checklistMarkdown(projects: ProjectChecklist[]): string {
  const out: string[] = ["# Backend checklist", ""];
  for (const p of projects) {
    out.push(`## ${p.name} — ${Math.round(p.progress * 100)}%`, "", `Path: \`${p.path}\``, "", "| Item | Status | Findings |", "|---|---|---|");
    for (const i of p.items) out.push(`| ${i.title} | ${ICON[i.status]} ${i.status} | ${i.findings.length} |`);
    out.push("");
  }
  return out.join("\n");
}
