// Text and markdown renderings of the checklist (CLI `checklist`, `scan --checklist`, "Export report").
import type { ItemStatus, ProjectChecklistWire } from "../../../protocol";

const ICON: Record<ItemStatus, string> = { met: "✔", partial: "◐", "not-met": "✘", unknown: "?", "not-applicable": "–", done: "✔" };
const LABEL: Record<ItemStatus, string> = { met: "met", partial: "partial", "not-met": "not met", unknown: "unknown", "not-applicable": "not applicable", done: "done" };

const pct = (p: number) => `${Math.round(p * 100)}%`;

export function checklistText(projects: ProjectChecklistWire[]): string {
  if (!projects.length) return "no projects found (a project is a folder with package.json, pyproject.toml, requirements.txt, go.mod, Cargo.toml, pom.xml or build.gradle)";
  const out: string[] = [];
  for (const p of projects) {
    out.push(`${p.name} (${p.path}) — ${pct(p.progress)} [${p.frameworks.join(", ") || p.languages.join(", ") || "no sources"}]`);
    if (p.configProblem) out.push(`  ! ${p.configProblem.file}:${p.configProblem.line}:${p.configProblem.column}: ${p.configProblem.message}`);
    for (const i of p.items) {
      const n = i.findings.length ? ` (${i.findings.length} finding${i.findings.length === 1 ? "" : "s"})` : "";
      const att = i.attestation ? ` — ${i.attestation.status} by ${i.attestation.by ?? "?"}${i.attestation.note ? `: ${i.attestation.note}` : ""}${i.contradicted ? " [contradicted by findings]" : ""}` : "";
      const why = !i.attestation && i.reason && i.status !== "met" ? ` — ${i.reason}` : "";
      out.push(`  ${ICON[i.status]} ${LABEL[i.status].padEnd(14)} ${i.title}${n}${att}${why}`);
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** Markdown cell text: no pipes or newlines break the table. */
const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/</g, "&lt;");
const code = (s: string) => "`" + s.replace(/`/g, "'") + "`";

export function checklistMarkdown(projects: ProjectChecklistWire[]): string {
  const out: string[] = ["# Backend checklist", ""];
  if (!projects.length) out.push("No projects found.", "");
  if (projects.length > 1) {
    out.push("| Project | Path | Progress |", "|---|---|---|");
    for (const p of projects) out.push(`| ${cell(p.name)} | ${code(p.path)} | ${pct(p.progress)} |`);
    out.push("");
  }
  for (const p of projects) {
    const stack = [...p.frameworks, ...p.languages].join(", ");
    out.push(`## ${cell(p.name)} — ${pct(p.progress)}`, "", `Path: ${code(p.path)}${stack ? ` · ${cell(stack)}` : ""}`, "");
    if (p.configProblem) out.push(`> **${code(p.configProblem.file + ":" + p.configProblem.line)}**: ${cell(p.configProblem.message)}`, "");
    out.push("| | Item | Status | Evidence | Findings |", "|---|---|---|---|---|");
    for (const i of p.items) {
      let status = LABEL[i.status];
      if (i.attestation) status += ` (attested${i.computedStatus !== i.status ? `; code: ${LABEL[i.computedStatus]}` : ""})`;
      if (i.contradicted) status += " ⚠ contradicted";
      out.push(`| ${ICON[i.status]} | ${cell(i.title)} | ${cell(status)} | ${i.evidence.length} | ${i.findings.length} |`);
    }
    out.push("");
    const details = p.items.filter((i) => i.status !== "met" || i.attestation);
    for (const i of details) {
      out.push(`### ${ICON[i.status]} ${cell(i.title)} — ${LABEL[i.status]}`, "");
      if (i.attestation) out.push(`- Attested **${i.attestation.status}** by ${cell(i.attestation.by ?? "?")} on ${cell(i.attestation.at ?? "?")}${i.attestation.note ? `: ${cell(i.attestation.note)}` : ""}${i.contradicted ? " — **contradicted by the findings below**" : ""}`);
      if (i.reason) out.push(`- ${cell(i.reason)}`);
      for (const e of i.evidence.slice(0, 5)) out.push(`- Evidence: ${code(`${e.file}:${e.line}`)} ${cell(e.text)}`);
      for (const f of i.findings.slice(0, 20)) out.push(`- Finding: ${code(`${f.file}:${f.line}`)} ${code(f.rule)}${f.message ? ` ${cell(f.message)}` : ""}`);
      if (i.findings.length > 20) out.push(`- …and ${i.findings.length - 20} more findings`);
      out.push("");
    }
    if (p.routes?.length) {
      out.push("### Endpoints", "", "| Method | Path | Auth | Validated | Pagination | Handler |", "|---|---|---|---|---|---|");
      const yn = (v: boolean | null) => (v === null ? "–" : v ? "yes" : "no");
      for (const r of p.routes) out.push(`| ${r.method} | ${code(r.path)} | ${yn(r.auth)} | ${yn(r.validated)} | ${yn(r.paginationBounded)} | ${code(`${r.file}:${r.line}`)} ${cell(r.handler)} |`);
      out.push("");
    }
  }
  return out.join("\n");
}
