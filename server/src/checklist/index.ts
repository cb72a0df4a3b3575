// Checklist status per project (CHECKLIST.md): positive evidence (facts of the evidence analyzer and
// the manifests) and findings of each item's rules give a computed status; a person's attestation in
// backend-checklist.json overrides it and is shown beside it, marked when the code contradicts it.
import { relative, sep } from "node:path";
import type { ChecklistItem, ChecklistPayload, EvidenceEntry, ItemFinding, ItemStatus, ProjectChecklistWire, RouteEntryWire } from "../../../protocol";
import { familyOf } from "../engine/files";
import type { Rule } from "../engine/rule";
import { CHECKLIST_ITEMS, type ChecklistItemId, type Fact, type Finding, type LanguageFamily, type LanguageId } from "../engine/types";
import type { ProjectState } from "../project/scan";
import { EVIDENCE_FACT, HTTP_API_FACT } from "./evidence";
import { CHECKLIST, FAMILY_NAMES, RULE_CATALOGUE, type ChecklistItemDef } from "./items";
import { manifestEvidence, type RawEvidence } from "./manifest";

export type { ItemStatus };
export type ChecklistItemReport = ChecklistItem;
export type ProjectChecklist = ProjectChecklistWire;

/** Evidence entries kept per item (the count beyond is summarised in the last entry). */
const MAX_EVIDENCE = 25;
const MAX_FINDINGS = 200;

export const STATUS_LABEL: Record<ItemStatus, string> = {
  met: "met",
  partial: "partial",
  "not-met": "not met",
  unknown: "unknown",
  "not-applicable": "not applicable",
  done: "done",
};

export function score(statuses: readonly ItemStatus[]): number {
  if (!statuses.length) return 0;
  const s = statuses.reduce((acc, st) => acc + (st === "met" || st === "done" || st === "not-applicable" ? 1 : st === "partial" ? 0.5 : 0), 0);
  return Math.round((s / statuses.length) * 1000) / 1000;
}

const rel = (base: string, p: string) => relative(base, p).split(sep).join("/") || ".";

const DB_DEPENDENCY = /^(pg|postgres|mysql2?|mariadb|sqlite3|better-sqlite3|knex|typeorm|sequelize|prisma|@prisma\/client|mongoose|mongodb|drizzle-orm|sqlalchemy|psycopg2(-binary)?|psycopg|asyncpg|pymysql|django|peewee|tortoise-orm|motor|pymongo|databases|sqlmodel|gorm\.io\/gorm|github\.com\/jackc\/pgx(\/v\d)?|github\.com\/lib\/pq|github\.com\/jmoiron\/sqlx|github\.com\/go-sql-driver\/mysql|go\.mongodb\.org\/mongo-driver|sqlx|diesel|sea-orm|tokio-postgres|postgres|mongodb|rusqlite|spring-boot-starter-data-jpa|spring-boot-starter-jdbc|spring-data-jpa|hibernate-core|micronaut-data-jdbc|micronaut-data-hibernate-jpa|quarkus-hibernate-orm(-panache)?|quarkus-jdbc-postgresql|postgresql|mysql-connector-j)$/;

export interface BuildOptions {
  /** Folder the paths of a project are relative to (the CLI's scan root; the server's workspace folder). */
  base: string | ((state: ProjectState) => string);
  /** Registered rules, to extend the catalogue's applicability with rules not in RULES.md. */
  rules?: readonly Rule[];
  /** Server: include `root`, `base`, `routes`, `configProblem`. */
  serverFields?: boolean;
  history?: (root: string) => number[];
}

interface ItemInput {
  def: ChecklistItemDef;
  findings: ItemFinding[];
  evidence: Array<EvidenceEntry & { part?: string }>;
  /** Language ids of the project's source files. */
  languages: LanguageId[];
  hasApi: boolean;
  usesDb: boolean;
  fileCount: number;
  rules?: readonly Rule[];
}

function applicableRules(item: ChecklistItemId, languages: LanguageId[], rules: readonly Rule[] = []): string[] {
  const catalogue = new Map(Object.entries(RULE_CATALOGUE).map(([id, r]) => [id, r] as const));
  for (const r of rules) if (!catalogue.has(r.id)) catalogue.set(r.id, { item: r.checklistItem, languages: r.languages });
  const out: string[] = [];
  for (const [id, r] of catalogue) {
    if (r.item !== item) continue;
    // missing-type-annotations covers TypeScript, not JavaScript (RULES.md).
    const langs = id === "missing-type-annotations" ? languages.filter((l) => l !== "javascript") : languages;
    if (langs.some((l) => r.languages.includes(familyOf(l)))) out.push(id);
  }
  return out;
}

function languageNames(languages: LanguageId[]): string {
  const fams = [...new Set(languages.map((l) => (l === "javascript" ? "JavaScript" : FAMILY_NAMES[familyOf(l)])))];
  return fams.join(", ");
}

/** The computed status of one item (no attestation), with the reason when not plainly met. */
export function computeItem(input: ItemInput): { status: ItemStatus; reason: string | null } {
  const { def, findings, evidence, languages, hasApi } = input;
  const nFind = findings.length;
  const hasEvidence = evidence.length > 0;
  const findingsText = `${nFind} finding${nFind === 1 ? "" : "s"}`;
  if (def.judgedBy === "absence") {
    if (!input.fileCount) return { status: "unknown", reason: "No source files to judge." };
    if (!applicableRules(def.id, languages, input.rules).length) {
      const names = languageNames(languages);
      if (def.id === "type-annotations" && languages.every((l) => ["go", "rust", "java"].includes(l)))
        return { status: "not-applicable", reason: `${names}: statically typed; no rule of this item applies.` };
      return { status: "not-applicable", reason: `No rule of this item applies to ${names}.` };
    }
    if (nFind) return hasEvidence ? { status: "partial", reason: `Evidence and ${findingsText}.` } : { status: "not-met", reason: `${findingsText}, no positive evidence.` };
    const judgeable: Record<string, boolean> = {
      "input-validation": hasApi || hasEvidence,
      cors: hasApi || hasEvidence,
      "query-optimization": input.usesDb || hasEvidence,
      "async-io": hasEvidence,
    };
    const ok = judgeable[def.id] ?? true;
    if (ok) return { status: "met", reason: null };
    const why: Record<string, string> = {
      "input-validation": "No HTTP API found: nothing to validate.",
      cors: "No HTTP API found.",
      "query-optimization": "No database access found.",
      "async-io": "No async code found.",
    };
    return { status: "unknown", reason: why[def.id] ?? "Nothing to judge." };
  }
  // Judged by positive evidence.
  const parts = def.parts ?? [];
  const present = new Set(evidence.map((e) => e.part).filter((p): p is string => !!p));
  const missing = parts.filter((p) => !present.has(p.id));
  const complete = hasEvidence && missing.length === 0;
  if (nFind) return hasEvidence ? { status: "partial", reason: `Evidence and ${findingsText}.` } : { status: "not-met", reason: `${findingsText}, no positive evidence.` };
  if (complete) return { status: "met", reason: null };
  if (hasEvidence && present.size > 0) return { status: "partial", reason: `Missing ${missing.map((m) => m.label).join(" and ")}.` };
  if (hasEvidence && parts.length && present.size === 0) return { status: "partial", reason: `Missing ${parts.map((m) => m.label).join(" and ")}.` };
  if (hasApi) return { status: "not-met", reason: `No evidence found${parts.length ? ` (needs ${parts.map((p) => p.label).join(" and ")})` : ""}.` };
  return { status: "unknown", reason: "No HTTP API found: nothing to judge." };
}

function isEvidenceData(d: Record<string, unknown>): d is { item: ChecklistItemId; text: string; part?: string; annotated?: number; total?: number } {
  return typeof d.item === "string" && (CHECKLIST_ITEMS as readonly string[]).includes(d.item) && typeof d.text === "string";
}

function findingEntry(base: string, f: Finding): ItemFinding {
  return {
    file: rel(base, f.file),
    line: f.range.start.line + 1,
    rule: f.rule,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    severity: f.severity,
  };
}

function routeEntries(state: ProjectState, base: string): RouteEntryWire[] {
  const out: RouteEntryWire[] = [];
  for (const rec of state.files.values()) {
    for (const fact of rec.result.facts) {
      if (fact.kind !== "route") continue;
      const d = fact.data;
      out.push({
        project: state.loaded.info.name,
        method: String(d.method ?? "GET").toUpperCase(),
        path: String(d.path ?? ""),
        file: rel(base, fact.file),
        line: fact.range.start.line + 1,
        handler: String(d.handler ?? ""),
        auth: d.auth === true,
        validated: typeof d.validated === "boolean" ? d.validated : null,
        paginationBounded: typeof d.paginationBounded === "boolean" ? d.paginationBounded : null,
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function buildProjectChecklist(state: ProjectState, opts: BuildOptions): ProjectChecklist {
  const base = typeof opts.base === "string" ? opts.base : opts.base(state);
  const info = state.loaded.info;
  const files = [...state.files.values()];
  const languages = [...new Set(files.map((f) => f.language))].sort() as LanguageId[];
  const allFindings: Finding[] = [...files.flatMap((f) => f.result.findings), ...state.projectFindings];
  const facts: Fact[] = files.flatMap((f) => f.result.facts);
  const routes = routeEntries(state, base);
  const hasApi = info.frameworks.length > 0 || routes.length > 0 || facts.some((f) => f.kind === HTTP_API_FACT);
  const usesDb = info.dependencies.some((d) => DB_DEPENDENCY.test(d) || DB_DEPENDENCY.test(d.split(":").pop() ?? ""));

  // Evidence per item.
  const evidence = new Map<ChecklistItemId, Array<EvidenceEntry & { part?: string }>>();
  const add = (item: ChecklistItemId, e: EvidenceEntry & { part?: string }) => {
    let list = evidence.get(item);
    if (!list) evidence.set(item, (list = []));
    list.push(e);
  };
  let annotated = 0;
  let total = 0;
  let worst: { file: string; share: number; a: number; t: number } | undefined;
  for (const fact of facts) {
    if (fact.kind !== EVIDENCE_FACT || !isEvidenceData(fact.data)) continue;
    const d = fact.data;
    if (d.item === "type-annotations" && d.part === "share" && typeof d.annotated === "number" && typeof d.total === "number") {
      annotated += d.annotated;
      total += d.total;
      const share = d.annotated / Math.max(d.total, 1);
      if (!worst || share < worst.share) worst = { file: fact.file, share, a: d.annotated, t: d.total };
      continue;
    }
    add(d.item, {
      file: rel(base, fact.file),
      line: fact.range.start.line + 1,
      column: fact.range.start.character + 1,
      endLine: fact.range.end.line + 1,
      endColumn: fact.range.end.character + 1,
      text: d.text,
      part: d.part,
    });
  }
  if (total && worst) {
    const pct = Math.round((annotated / total) * 100);
    const least = worst.a < worst.t ? `; least in ${rel(base, worst.file)} (${worst.a}/${worst.t})` : "";
    add("type-annotations", { file: rel(base, worst.file), line: 1, text: `${pct}% of Python functions annotated (${annotated}/${total})${least}`, part: "share" });
  }
  const manifest = manifestEvidence(info);
  const fromManifest = (e: RawEvidence) => add(e.item, { file: rel(base, e.file), line: e.line + 1, text: e.text, part: e.part });
  manifest.evidence.forEach(fromManifest);
  // Route inventory: validated routes are evidence for input validation.
  const judged = routes.filter((r) => r.validated !== null);
  if (judged.length) {
    const ok = judged.filter((r) => r.validated).length;
    if (ok) add("input-validation", { file: routes[0]!.file, line: routes[0]!.line, text: `${ok} of ${judged.length} routes validate their input` });
  }
  const versioned = routes.filter((r) => /(^|\/)v\d+(\/|$)/.test(r.path));
  if (versioned.length) add("api-versioning", { file: versioned[0]!.file, line: versioned[0]!.line, text: `${versioned.length} of ${routes.length} routes versioned` });

  const extraFindings: Array<{ item: ChecklistItemId; f: ItemFinding }> = [];
  if (manifest.envNotIgnored) {
    extraFindings.push({ item: "secrets-in-env", f: { file: rel(base, manifest.envNotIgnored.file), line: 1, rule: "env-file-not-git-ignored", message: ".env exists at the project root and no .gitignore ignores it: its secrets can be committed.", severity: "error" } });
  }

  const attestations = state.loaded.projectFile?.checklist ?? {};
  const items: ChecklistItem[] = CHECKLIST.map((def) => {
    const findings = [
      ...allFindings.filter((f) => f.checklistItem === def.id).map((f) => findingEntry(base, f)),
      ...extraFindings.filter((x) => x.item === def.id).map((x) => x.f),
    ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const ev = (evidence.get(def.id) ?? []).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const computed = computeItem({ def, findings, evidence: ev, languages, hasApi, usesDb, fileCount: files.length, rules: opts.rules });
    const attestation = attestations[def.id] ?? null;
    const shownEvidence: EvidenceEntry[] = ev.slice(0, MAX_EVIDENCE).map(({ part: _part, ...e }) => e);
    if (ev.length > MAX_EVIDENCE) shownEvidence.push({ file: ev[MAX_EVIDENCE]!.file, line: ev[MAX_EVIDENCE]!.line, text: `…and ${ev.length - MAX_EVIDENCE} more` });
    return {
      id: def.id,
      title: def.title,
      status: attestation ? attestation.status : computed.status,
      evidence: shownEvidence,
      findings: findings.slice(0, MAX_FINDINGS),
      attestation: attestation ? { status: attestation.status, ...(attestation.note !== undefined && { note: attestation.note }), ...(attestation.by !== undefined && { by: attestation.by }), ...(attestation.at !== undefined && { at: attestation.at }) } : null,
      computedStatus: computed.status,
      reason: computed.reason,
      contradicted: attestation !== null && findings.length > 0,
    };
  });
  const project: ProjectChecklist = {
    name: info.name,
    path: rel(base, info.root),
    languages: [...new Set(languages.map((l) => (l === "tsx" ? "typescript" : l)))],
    frameworks: info.frameworks,
    progress: score(items.map((i) => i.status)),
    items,
  };
  if (opts.serverFields) {
    project.root = info.root;
    project.base = base;
    project.routes = routes;
    const p = state.loaded.configProblem;
    if (p) project.configProblem = { file: rel(base, p.file), line: p.line + 1, column: p.column + 1, message: p.message };
  }
  if (opts.history) project.history = opts.history(info.root);
  return project;
}

/** Projects worth showing: those with sources or a manifest. */
export function visibleProjects(projects: Iterable<ProjectState>): ProjectState[] {
  return [...projects].filter((p) => p.files.size > 0 || p.loaded.info.manifests.length > 0).sort((a, b) => a.loaded.info.root.localeCompare(b.loaded.info.root));
}

export function buildChecklists(scan: { projects: readonly ProjectState[] }, base: string, opts: Omit<BuildOptions, "base"> = {}): ProjectChecklist[] {
  return visibleProjects(scan.projects).map((s) => buildProjectChecklist(s, { ...opts, base }));
}

export function buildPayload(projects: ProjectChecklist[], scanning: ChecklistPayload["scanning"] = null): ChecklistPayload {
  return { projects, routes: projects.flatMap((p) => p.routes ?? []), scanning };
}

export { checklistMarkdown, checklistText } from "./format";
export type { LanguageFamily };
