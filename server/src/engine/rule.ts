// Rule definition: metadata in one typed object, one detector per language family, and an optional
// project-level phase over facts. Rules are pure: they see a parsed file (or the project's facts)
// and report; they never touch the LSP connection, vscode or fs.
import type { ProjectInfo } from "../project/model";
import type { ChecklistItemId, Fact, Fix, LanguageFamily, Node, ParsedFile, Range, Severity } from "./types";

export interface ReportArgs {
  /** The node the finding is on; or give `range`. */
  node?: Node;
  range?: Range;
  message: string;
  fixes?: Fix[];
  /** A severity for this finding when the rule's contract varies it (configuration still wins). */
  severity?: Severity;
}

export interface FileContext {
  readonly file: ParsedFile;
  readonly project: ProjectInfo;
  /** Options of this rule from configuration (object form in `rules`), merged over defaults. */
  readonly options: Readonly<Record<string, unknown>>;
  /** All named descendants of the root of these types, in document order; cached per file. */
  nodes(...types: string[]): Node[];
  /** Fetch the lists of these node types now, in the file's one tree walk, without merging them. */
  prefetch(...types: string[]): void;
  range(node: Node): Range;
  report(args: ReportArgs): void;
  /** Record a fact for the project-level phase (serializable data only). */
  fact(kind: string, at: Node | Range, data?: Record<string, unknown>): void;
}

export type Detector = (ctx: FileContext) => void;

export interface ProjectReportArgs {
  file: string;
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface ProjectContext {
  readonly project: ProjectInfo;
  readonly options: Readonly<Record<string, unknown>>;
  /** Facts of a kind recorded by any rule's detector in any file of the project. */
  facts(kind: string): Fact[];
  report(args: ProjectReportArgs): void;
}

export interface RuleDefinition {
  id: string;
  checklistItem: ChecklistItemId;
  severity: Severity;
  languages: LanguageFamily[];
  fixable: boolean;
  /** One sentence: what the rule flags. */
  description: string;
  /** Skip test files unless `includeTests` (RULES.md lists which rules do). */
  skipTests?: boolean;
  /** Default options, overridable in configuration. */
  defaultOptions?: Record<string, unknown>;
  detectors: Partial<Record<LanguageFamily, Detector>>;
  /**
   * Skip the detector for files whose text does not match (per family or for all): a regex test
   * costs nothing next to syntax-tree access, which crosses into WASM for every node touched.
   */
  textFilter?: RegExp | Partial<Record<LanguageFamily, RegExp>>;
  /** Project-level phase: runs over facts of all files of a project. */
  project?: (ctx: ProjectContext) => void;
}

export type Rule = Readonly<RuleDefinition>;

export function defineRule(def: RuleDefinition): Rule {
  for (const lang of Object.keys(def.detectors)) {
    if (!def.languages.includes(lang as LanguageFamily)) throw new Error(`${def.id}: detector for ${lang} not in languages`);
  }
  return Object.freeze(def);
}

export const DOCS_BASE = "https://github.com/backend-checklist/backend-checklist/blob/main/docs/rules/";
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
