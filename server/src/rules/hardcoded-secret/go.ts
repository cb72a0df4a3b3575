// hardcoded-secret for Go: var/const specs, := and = assignments, composite-literal fields and map
// entries, env helper fallbacks (`getEnv("X", "…")`) and well-known positional secrets. A `const`
// cannot hold os.Getenv: no fix there.
import type { FileContext } from "../../engine/rule";
import type { Node, TextEdit } from "../../engine/types";
import { ancestor, calleeText, callArguments, stringValue } from "../../languages/common";
import { cannotBeSecret } from "./secrets";
import { check, worthChecking, climb, indexIn, type Slot } from "./report";

const POSITIONAL: Array<[RegExp, number, string]> = [
  [/\.SignedString$/, 0, "JWT_SECRET"],
  [/^hmac\.New$/, 1, "HMAC_SECRET"],
];
/** Project helpers that read an env var with a fallback: getEnv, getenv, envOr, getEnvOrDefault, … */
const ENV_HELPER = /^(?:[a-z]+\.)?(?:get_?env|env|lookup_?env)(?:_?or(?:_?default)?)?$/i;

export function go(ctx: FileContext): void {
  let imports: TextEdit[] | undefined;
  for (const literal of ctx.nodes("interpreted_string_literal", "raw_string_literal")) {
    // The value tests read text only; the parent (a walk from the root) is asked last.
    const value = stringValue(literal, "go");
    if (value === undefined || cannotBeSecret(value) || !worthChecking(ctx.file.text, literal, value)) continue;
    if (literal.parent?.type === "field_declaration" || literal.parent?.type === "import_spec") continue; // struct tags, imports
    const slot = slotOf(literal);
    if (slot.replacement) {
      slot.fixAllowed = () => {
        if (ancestor(literal, "const_declaration")) return false;
        slot.extraEdits = imports ??= addImport(ctx, "os");
        return true;
      };
    }
    check(ctx, literal, value, slot);
  }
}

const getenv = (name: string) => `os.Getenv(${JSON.stringify(name)})`;

function exprName(node: Node | null | undefined): { name?: string; target?: string } {
  if (!node) return {};
  if (node.type === "identifier" || node.type === "field_identifier") return { name: node.text };
  if (node.type === "selector_expression") {
    const field = node.childForFieldName("field")?.text;
    return { name: field, target: field };
  }
  if (node.type === "index_expression") {
    const key = stringValue(node.childForFieldName("index"), "go");
    return { name: key, target: key };
  }
  return {};
}

function slotOf(literal: Node): Slot {
  const value = climb(literal, (p) => p.type === "type_conversion_expression" || p.type === "literal_element");
  const parent = value.parent;
  if (!parent) return {};
  const replace = literal;
  const replacement = getenv;
  switch (parent.type) {
    case "expression_list": {
      const holder = parent.parent;
      const idx = indexIn(parent, value);
      if (holder?.type === "var_spec" || holder?.type === "const_spec") {
        const names = holder.childrenForFieldName("name").filter((n): n is Node => !!n);
        return { ...exprName(names[idx]), replace, replacement };
      }
      if (holder?.type === "short_var_declaration" || holder?.type === "assignment_statement") {
        if (holder.childForFieldName("right")?.id !== parent.id) return {};
        const left = holder.childForFieldName("left");
        const target = left?.namedChildren.filter((c) => c && c.type !== "comment")[idx];
        return { ...exprName(target), replace, replacement };
      }
      return {};
    }
    case "keyed_element": {
      if (parent.childForFieldName("value")?.id !== value.id) return {};
      const key = parent.childForFieldName("key");
      const keyExpr = key?.namedChildren[0] ?? key;
      const name = stringValue(keyExpr, "go") ?? (keyExpr?.type === "identifier" || keyExpr?.type === "field_identifier" ? keyExpr.text : undefined);
      const siblingKeys = parent.parent?.namedChildren.flatMap((k) => (k?.type === "keyed_element" && k.id !== parent.id ? [k.childForFieldName("key")?.text.replace(/^"|"$/g, "") ?? ""] : []));
      return { name, target: name, replace, replacement, siblingKeys };
    }
    case "argument_list": {
      const call = parent.parent;
      if (call?.type !== "call_expression") return {};
      const callee = calleeText(call, "go");
      const args = callArguments(call, "go");
      const idx = args.findIndex((a) => a.id === value.id);
      if (ENV_HELPER.test(callee) && idx === 1) {
        const env = stringValue(args[0], "go");
        if (env) return { fallbackOf: env, replace: call, replacement: () => getenv(env) };
      }
      for (const [re, at, envName] of POSITIONAL) if (re.test(callee) && idx === at) return { name: envName, target: envName, replace, replacement };
      // viper.SetDefault("db.password", "…"), os.Setenv("API_KEY", "…"): the key names the value.
      if (idx === 1 && /(^|\.)(SetDefault|Setenv|Set)$/.test(callee)) {
        const key = stringValue(args[0], "go");
        if (key) return { name: key.split(".").pop(), target: key };
      }
      return {};
    }
    default:
      return {};
  }
}

/** Add an import to the file's import declaration(s), gofmt-clean. */
export function addImport(ctx: FileContext, path: string): TextEdit[] {
  const root = ctx.file.tree.rootNode;
  const specs = ctx.nodes("import_spec");
  if (specs.some((s) => stringValue(s.childForFieldName("path"), "go") === path && !s.childForFieldName("name"))) return [];
  const quoted = JSON.stringify(path);
  const decls = root.namedChildren.filter((n): n is Node => n?.type === "import_declaration");
  const block = decls.find((d) => d.namedChildren.some((c) => c?.type === "import_spec_list"));
  if (block) {
    const list = block.namedChildren.find((c) => c?.type === "import_spec_list")!;
    const inList = list.namedChildren.filter((c): c is Node => c?.type === "import_spec");
    // Standard-library paths sort first; place it before the first path that sorts after it in the first group.
    const firstGroupEnd = inList.findIndex((s, i) => i > 0 && s.startPosition.row > inList[i - 1]!.endPosition.row + 1);
    const group = firstGroupEnd > 0 ? inList.slice(0, firstGroupEnd) : inList;
    const after = group.find((s) => (stringValue(s.childForFieldName("path"), "go") ?? "") > path);
    const indent = "\t";
    if (after) return [{ range: { start: { line: after.startPosition.row, character: 0 }, end: { line: after.startPosition.row, character: 0 } }, newText: `${indent}${quoted}\n` }];
    const last = group[group.length - 1];
    const row = last ? last.endPosition.row + 1 : list.startPosition.row + 1;
    return [{ range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, newText: `${indent}${quoted}\n` }];
  }
  if (decls.length) {
    const last = decls[decls.length - 1]!;
    const row = last.endPosition.row + 1;
    return [{ range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, newText: `import ${quoted}\n` }];
  }
  const pkg = root.namedChildren.find((n) => n?.type === "package_clause");
  const row = pkg ? pkg.endPosition.row + 1 : 0;
  return [{ range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, newText: `\nimport ${quoted}\n` }];
}
