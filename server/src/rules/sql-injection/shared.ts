// Resolution of a local variable to the expressions that built it (the last plain assignment before
// the use, plus later `+=` appends), per language family. One function scope, no data flow beyond.
import type { LanguageFamily, Node } from "../../engine/types";
import { enclosingFunction, stringValue } from "../../languages/common";
import { descendants } from "../_shared/input-common";

export interface Built {
  /** The literal SQL text of the parts (placeholders for dynamic parts). */
  sql: string;
  /** Some part is not a literal or a constant. */
  dynamic: boolean;
  /** The value could not be seen at all (a parameter, a call result). */
  opaque?: boolean;
}

interface Def {
  node: Node;
  append: boolean;
  value: Node;
}

const ASSIGN_TYPES: Record<LanguageFamily, string[]> = {
  python: ["assignment", "augmented_assignment"],
  ts: ["variable_declarator", "assignment_expression", "augmented_assignment_expression"],
  go: ["short_var_declaration", "assignment_statement", "var_spec", "const_spec"],
  rust: ["let_declaration", "assignment_expression", "compound_assignment_expr"],
  java: ["variable_declarator", "assignment_expression"],
};

function defOf(n: Node, name: string, family: LanguageFamily): Def | undefined {
  switch (n.type) {
    case "assignment":
    case "augmented_assignment":
    case "assignment_expression":
    case "augmented_assignment_expression":
    case "compound_assignment_expr": {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      if (left?.type !== "identifier" || left.text !== name || !right) return undefined;
      const op = n.childForFieldName("operator")?.text ?? n.children.find((c) => c && !c.isNamed && /=$/.test(c.type))?.type ?? "=";
      if (op !== "=" && op !== "+=") return undefined;
      return { node: n, append: op === "+=", value: right };
    }
    case "variable_declarator": {
      const nm = n.childForFieldName("name");
      const value = n.childForFieldName("value");
      if (nm?.type !== "identifier" || nm.text !== name || !value) return undefined;
      return { node: n, append: false, value };
    }
    case "let_declaration": {
      const p = n.childForFieldName("pattern");
      const value = n.childForFieldName("value");
      if (p?.type !== "identifier" || p.text !== name || !value) return undefined;
      return { node: n, append: false, value };
    }
    case "short_var_declaration":
    case "assignment_statement":
    case "var_spec":
    case "const_spec": {
      const lefts = n.type === "var_spec" || n.type === "const_spec" ? n.childrenForFieldName("name") : (n.childForFieldName("left")?.namedChildren ?? []);
      const rights = (n.type === "var_spec" || n.type === "const_spec" ? n.childForFieldName("value") : n.childForFieldName("right"))?.namedChildren ?? [];
      const i = lefts.findIndex((l) => l?.text === name);
      if (i < 0 || !rights[i]) return undefined;
      const op = n.childForFieldName("operator")?.text ?? "=";
      if (op !== "=" && op !== ":=" && op !== "+=") return undefined;
      void family;
      return { node: n, append: op === "+=", value: rights[i]! };
    }
  }
  return undefined;
}

/**
 * The expressions that make up `id`'s value at its use: the last plain assignment before the use in
 * `scope` (or the whole file) and any later `+=`. Returns undefined when none is found.
 */
export function resolveLocalParts(id: Node, scope: Node | null, family: LanguageFamily): Node[] | undefined {
  const root = scope ?? id.tree.rootNode;
  const defs: Def[] = [];
  for (const n of descendants(root, ...ASSIGN_TYPES[family])) {
    if (n.endIndex > id.startIndex) continue;
    const d = defOf(n, id.text, family);
    if (d && !(d.value.startIndex <= id.startIndex && d.value.endIndex >= id.endIndex)) defs.push(d);
  }
  let start = -1;
  for (let i = defs.length - 1; i >= 0; i--) {
    if (!defs[i]!.append) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  return defs.slice(start).map((d) => d.value);
}

/** The single expression of a local (undefined when it is appended to or not found). */
export function resolveLocal(id: Node, scope: Node | null, family: LanguageFamily): Node | undefined {
  const parts = resolveLocalParts(id, scope, family);
  return parts && parts.length === 1 ? parts[0] : undefined;
}

export function combine(parts: Built[]): Built {
  return { sql: parts.map((p) => p.sql).join(""), dynamic: parts.some((p) => p.dynamic) };
}

/** printf-style verbs of a format string, in order (`%s`, `%d`, `%5.2f`, `%[1]v`); `%%` skipped. */
export function formatVerbs(fmt: string): string[] {
  const out: string[] = [];
  for (const m of fmt.matchAll(/%(?:\([^)]*\))?(?:\[\d+\])?[-+# 0]*(?:\d+|\*)?(?:\.\d+)?([a-zA-Z%])/g)) if (m[1] !== "%") out.push(m[1]!);
  return out;
}

/** Verbs that can only print a number or a boolean: a non-constant argument there cannot inject SQL. */
export function numericVerb(v: string | undefined): boolean {
  return !!v && /^[dibouxXeEfFgGt]$/.test(v);
}

/** Is any non-constant argument printed through a verb that can carry text? */
export function formatDynamic(fmt: string, args: Array<{ constant: boolean }>): boolean {
  const verbs = formatVerbs(fmt);
  return args.some((a, i) => !a.constant && !numericVerb(verbs[i]));
}

/** What differs per language when following how SQL text is built. */
export interface SqlLanguage {
  family: LanguageFamily;
  /** A value that cannot carry attacker text (literal, constant, SQL identifier name). */
  isConstant(node: Node): boolean;
  /**
   * The language's own constructs (templates, format calls, `+` under another name, wrappers);
   * undefined falls through to the shared cases. `build(n)` goes one level deeper, `build(n, false)`
   * looks through a wrapper at the same depth.
   */
  special?(node: Node, build: (n: Node, deeper?: boolean) => Built): Built | undefined;
}

const MAX_DEPTH = 4;

/**
 * Follow an expression that becomes SQL text: literals, `+` concatenation, parentheses, local
 * variables (their assignments and appends), and the language's own constructs; anything else is
 * dynamic unless it is a constant.
 */
export function buildSql(node: Node, lang: SqlLanguage, depth = 0): Built {
  if (depth > MAX_DEPTH) return { sql: "", dynamic: false };
  const lit = stringValue(node, lang.family);
  if (lit !== undefined) return { sql: lit, dynamic: false };
  const own = lang.special?.(node, (n, deeper = true) => buildSql(n, lang, deeper ? depth + 1 : depth));
  if (own) return own;
  switch (node.type) {
    case "parenthesized_expression": {
      const inner = node.namedChildren[0];
      return inner ? buildSql(inner, lang, depth) : { sql: "", dynamic: false };
    }
    case "binary_expression": {
      if (node.childForFieldName("operator")?.text !== "+") break;
      const l = node.childForFieldName("left");
      const r = node.childForFieldName("right");
      if (!l || !r) break;
      return combine([buildSql(l, lang, depth + 1), buildSql(r, lang, depth + 1)]);
    }
    case "identifier": {
      if (lang.isConstant(node)) {
        const defs = resolveLocalParts(node, null, lang.family);
        return defs ? { sql: combine(defs.map((p) => buildSql(p, lang, depth + 1))).sql, dynamic: false } : { sql: "", dynamic: false };
      }
      const parts = resolveLocalParts(node, enclosingFunction(node, lang.family), lang.family);
      if (parts) return combine(parts.map((p) => buildSql(p, lang, depth + 1)));
      return { sql: "", dynamic: true, opaque: true };
    }
  }
  return { sql: "", dynamic: !lang.isConstant(node), opaque: true };
}
