// Syntax helpers shared by detectors: string literals, calls, names and enclosing constructs, per
// language family. They read tree-sitter nodes only; nothing here knows about rules.
import type { LanguageFamily, Node } from "../engine/types";

export const FUNCTION_TYPES: Record<LanguageFamily, string[]> = {
  python: ["function_definition", "lambda"],
  ts: ["function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration", "generator_function"],
  go: ["function_declaration", "method_declaration", "func_literal"],
  rust: ["function_item", "closure_expression"],
  java: ["method_declaration", "constructor_declaration", "lambda_expression"],
};

/** Decode the backslash escapes common to the five languages (\\n, \\t, \\", \\x41, \\u0041, \\u{1F600}). */
export function unescape(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "0":
        return "\0";
      case "u":
        return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ""), 16));
      case "x":
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/**
 * The value of a string literal with no interpolation, or undefined when the node is not one (or is
 * an f-string / template with substitutions / format string with placeholders that are not static).
 */
export function stringValue(node: Node | null | undefined, family: LanguageFamily): string | undefined {
  if (!node) return undefined;
  switch (family) {
    case "python": {
      if (node.type === "concatenated_string") {
        let out = "";
        for (const c of node.namedChildren) {
          const v = stringValue(c, family);
          if (v === undefined) return undefined;
          out += v;
        }
        return out;
      }
      if (node.type !== "string") return undefined;
      // From the text alone: each child access is a WASM round trip, and files hold thousands of strings.
      const m = /^([rRbBuUfF]*)("""|'''|"|')([\s\S]*)\2$/.exec(node.text);
      if (!m) return undefined;
      const prefix = m[1]!.toLowerCase();
      const body = m[3]!;
      if (prefix.includes("f") && /\{/.test(body.replace(/\{\{|\}\}/g, ""))) return undefined;
      return prefix.includes("r") ? body : unescape(body);
    }
    case "ts": {
      if (node.type === "template_string" && node.namedChildren.some((c) => c?.type === "template_substitution")) return undefined;
      if (node.type !== "string" && node.type !== "template_string") return undefined;
      return unescape(node.text.slice(1, -1));
    }
    case "go": {
      if (node.type === "raw_string_literal") return node.text.slice(1, -1);
      if (node.type === "interpreted_string_literal") return unescape(node.text.slice(1, -1));
      return undefined;
    }
    case "rust": {
      if (node.type === "raw_string_literal") {
        const m = /^r(#*)"([\s\S]*)"\1$/.exec(node.text);
        return m ? m[2] : undefined;
      }
      if (node.type === "string_literal") {
        const t = node.text.replace(/^b/, "");
        if (node.text.startsWith("b")) return undefined;
        return unescape(t.slice(1, -1));
      }
      return undefined;
    }
    case "java": {
      if (node.type !== "string_literal") return undefined;
      const t = node.text;
      if (t.startsWith('"""')) return t.slice(3, -3).replace(/^[^\n]*\n/, "");
      return unescape(t.slice(1, -1));
    }
  }
}

/** The callee of a call as source text without whitespace (`os.getenv`, `jwt.sign`, `http.Error`, `Foo::new`). */
export function calleeText(call: Node, family: LanguageFamily): string {
  let fn: Node | null = null;
  switch (family) {
    case "python":
    case "go":
      fn = call.childForFieldName("function");
      break;
    case "ts":
      fn = call.childForFieldName(call.type === "new_expression" ? "constructor" : "function");
      break;
    case "rust":
      fn = call.type === "macro_invocation" ? call.childForFieldName("macro") : call.childForFieldName("function");
      break;
    case "java": {
      if (call.type === "object_creation_expression") fn = call.childForFieldName("type");
      else {
        const obj = call.childForFieldName("object");
        const name = call.childForFieldName("name");
        return ((obj ? obj.text + "." : "") + (name?.text ?? "")).replace(/\s+/g, "");
      }
      break;
    }
  }
  return (fn?.text ?? "").replace(/\s+/g, "");
}

/** The last segment of a callee: `getenv` of `os.getenv`, `new` of `Foo::new`. */
export function calleeName(call: Node, family: LanguageFamily): string {
  const t = calleeText(call, family);
  const m = /([A-Za-z_$][\w$]*)[!]?(?:<[^<>]*>)?$/.exec(t);
  return m ? m[1]! : t;
}

/** Argument nodes of a call (named children of the argument list, comments dropped). */
export function callArguments(call: Node, family: LanguageFamily): Node[] {
  let args: Node | null = null;
  if (family === "rust" && call.type === "macro_invocation") {
    args = call.namedChildren.find((c) => c?.type === "token_tree") ?? null;
  } else args = call.childForFieldName("arguments");
  if (!args) return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== "comment" && c.type !== "line_comment" && c.type !== "block_comment");
}

export function ancestor(node: Node, types: string | readonly string[]): Node | null {
  const set = typeof types === "string" ? [types] : types;
  for (let n = node.parent; n; n = n.parent) if (set.includes(n.type)) return n;
  return null;
}

export function enclosingFunction(node: Node, family: LanguageFamily): Node | null {
  return ancestor(node, FUNCTION_TYPES[family]);
}

export function isComment(node: Node): boolean {
  return node.type === "comment" || node.type === "line_comment" || node.type === "block_comment";
}

/** Split an identifier into lower-case words: `stripeSecretKey` → stripe, secret, key; `DB_PASSWORD` → db, password. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Walk every descendant (named and anonymous) depth-first; return false from visit to skip children. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  const cursor = node.walk();
  try {
    let depth = 0;
    for (;;) {
      const descend = visit(cursor.currentNode) !== false;
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
