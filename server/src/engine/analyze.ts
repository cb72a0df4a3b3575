// The engine: analyse one parsed file (file-local findings + facts), then a project (project rules
// over the facts of all its files). Both are pure functions of their inputs; shells cache them.
import type { ProjectInfo } from "../project/model";
import type { FileContext, ProjectContext, ReportArgs, Rule } from "./rule";
import { isSuppressed, parseSuppressions, type Suppressions } from "./suppress";
import type { Fact, Finding, Node, ParsedFile, Range, Severity } from "./types";

export interface FileResult {
  findings: Finding[];
  facts: Fact[];
  suppressions: Suppressions;
  /** Rule id → error message, for a detector that threw (the others still ran). */
  errors: Record<string, string>;
}

export function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

export function severityFor(rule: Rule, project: ProjectInfo): Severity | "off" {
  return project.config.severities[rule.id] ?? rule.severity;
}

export function optionsFor(rule: Rule, project: ProjectInfo): Record<string, unknown> {
  return {
    maxPageSize: project.config.maxPageSize,
    authNames: project.config.authNames,
    ...rule.defaultOptions,
    ...project.config.ruleOptions[rule.id],
  };
}

/** Node types the rules have requested, per language: fetched together in one walk per file. */
const requestedTypes = new Map<string, Set<string>>();
function knownTypes(language: string): Set<string> {
  let set = requestedTypes.get(language);
  if (!set) requestedTypes.set(language, (set = new Set()));
  return set;
}

export function analyzeFile(file: ParsedFile, project: ProjectInfo, rules: readonly Rule[]): FileResult {
  const suppressions = parseSuppressions(file.text);
  const findings: Finding[] = [];
  const facts: Fact[] = [];
  const errors: Record<string, string> = {};
  // Node lists by type, shared by every rule. Each descendantsOfType call walks the whole tree, so
  // the first request on a file fetches every type this language's rules have asked for on earlier
  // files too (they ask for the same ones each time): one walk per file instead of one per type.
  const byType = new Map<string, Node[]>();
  const merged = new Map<string, Node[]>();
  const root = file.tree.rootNode;
  const known = knownTypes(file.language);
  const prefetch = (...types: string[]): void => {
    const missing = types.filter((t) => !byType.has(t));
    if (!missing.length) return;
    for (const t of missing) known.add(t);
    const fetch = [...known].filter((t) => !byType.has(t));
    for (const t of fetch) byType.set(t, []);
    for (const n of root.descendantsOfType(fetch)) if (n) byType.get(n.type)?.push(n);
  };
  const nodes = (...types: string[]): Node[] => {
    prefetch(...types);
    if (types.length === 1) return byType.get(types[0]!)!;
    const key = [...types].sort().join("|");
    let hit = merged.get(key);
    if (!hit) {
      hit = [...new Set(types)].flatMap((t) => byType.get(t)!).sort((a, b) => a.startIndex - b.startIndex);
      merged.set(key, hit);
    }
    return hit;
  };
  for (const rule of rules) {
    const detector = rule.detectors[file.family];
    if (!detector) continue;
    const severity = severityFor(rule, project);
    // A project rule's detector still runs when the rule is off: its facts may serve others.
    if (severity === "off" && !rule.project) continue;
    if (rule.skipTests && file.isTest && !project.config.includeTests) continue;
    const filter = rule.textFilter instanceof RegExp ? rule.textFilter : rule.textFilter?.[file.family];
    if (filter && !filter.test(file.text)) continue;
    const seen = new Set<string>();
    const ctx: FileContext = {
      file,
      project,
      options: optionsFor(rule, project),
      nodes,
      prefetch,
      range: nodeRange,
      report(args: ReportArgs) {
        if (severity === "off") return;
        const range = args.range ?? (args.node ? nodeRange(args.node) : undefined);
        if (!range) throw new Error(`${rule.id}: report() needs a node or a range`);
        // One construct gives at most one finding per rule.
        const key = `${range.start.line}:${range.start.character}`;
        if (seen.has(key)) return;
        seen.add(key);
        if (isSuppressed(suppressions, rule.id, range.start.line)) return;
        findings.push({
          rule: rule.id,
          severity: project.config.severities[rule.id] === undefined ? (args.severity ?? severity) : severity,
          checklistItem: rule.checklistItem,
          message: args.message,
          file: file.path,
          range,
          fixes: rule.fixable ? (args.fixes ?? []) : [],
        });
      },
      fact(kind, at, data = {}) {
        const range = "type" in at ? nodeRange(at) : at;
        facts.push({ kind, file: file.path, range, data });
      },
    };
    try {
      detector(ctx);
    } catch (e) {
      errors[rule.id] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
  }
  return { findings, facts, suppressions, errors };
}

export interface ProjectFileState {
  path: string;
  facts: Fact[];
  suppressions: Suppressions;
}

/** Run the project-level phase of every project rule over the facts of all files of a project. */
export function analyzeProject(project: ProjectInfo, files: Iterable<ProjectFileState>, rules: readonly Rule[]): { findings: Finding[]; errors: Record<string, string> } {
  const byKind = new Map<string, Fact[]>();
  const suppressionsByFile = new Map<string, Suppressions>();
  for (const f of files) {
    suppressionsByFile.set(f.path, f.suppressions);
    for (const fact of f.facts) {
      let list = byKind.get(fact.kind);
      if (!list) byKind.set(fact.kind, (list = []));
      list.push(fact);
    }
  }
  const findings: Finding[] = [];
  const errors: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.project) continue;
    const severity = severityFor(rule, project);
    if (severity === "off") continue;
    const seen = new Set<string>();
    const ctx: ProjectContext = {
      project,
      options: optionsFor(rule, project),
      facts: (kind) => byKind.get(kind) ?? [],
      report(args) {
        const key = `${args.file}:${args.range.start.line}:${args.range.start.character}`;
        if (seen.has(key)) return;
        seen.add(key);
        const sup = suppressionsByFile.get(args.file);
        if (sup && isSuppressed(sup, rule.id, args.range.start.line)) return;
        findings.push({
          rule: rule.id,
          severity,
          checklistItem: rule.checklistItem,
          message: args.message,
          file: args.file,
          range: args.range,
          fixes: rule.fixable ? (args.fixes ?? []) : [],
        });
      },
    };
    try {
      rule.project(ctx);
    } catch (e) {
      errors[rule.id] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
  }
  return { findings, errors };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}
