// The syntax the evidence analyzer looks at, reduced per language family to a flat list of tokens:
// module imports, call targets, decorators/annotations, object keys / keyword arguments, string
// values and implemented types. Matching patterns against these (never against raw lines) keeps
// comments and unrelated text out of the evidence.
import { stringValue } from "../../languages/common";
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";

export type TokenKind = "import" | "call" | "decorator" | "key" | "string" | "type" | "def";

export interface Token {
  kind: TokenKind;
  text: string;
  node: Node;
  /** Calls: the last name of the callee with the argument list (`allowedOrigins("https://a")`). */
  tail?: string;
}

const IMPORT_PARENTS = new Set(["import_spec", "import_statement", "import_from_statement", "import_declaration", "use_declaration", "import_spec_list"]);

/** A string that is part of an import (a Go module path with /v5 is no versioned route). */
function inImport(n: Node): boolean {
  for (let p = n.parent, i = 0; p && i < 4; p = p.parent, i++) if (IMPORT_PARENTS.has(p.type)) return true;
  return false;
}

function tailOf(callee: Node | null, args: Node | null): string {
  const name = callee ? (callee.childForFieldName("field") ?? callee.childForFieldName("property") ?? callee.childForFieldName("name") ?? callee.childForFieldName("attribute") ?? callee) : null;
  return clip(`${name?.text ?? ""}${args?.text ?? ""}`);
}

const clip = (s: string) => s.replace(/\s+/g, " ").slice(0, 240);

function field(n: Node, name: string): Node | null {
  return n.childForFieldName(name);
}

/** Every token of the file, in document order per kind. */
export function tokensOf(ctx: FileContext): Token[] {
  const family = ctx.file.family;
  const out: Token[] = [];
  const push = (kind: TokenKind, node: Node | null | undefined, text?: string, tail?: string) => {
    if (node) out.push({ kind, text: clip(text ?? node.text), node, tail });
  };
  const defs = (types: string[]) => {
    for (const n of ctx.nodes(...types)) {
      const name = field(n, "name");
      if (name) push("def", name, name.text);
    }
  };
  const strings = (types: string[]) => {
    for (const s of ctx.nodes(...types)) {
      const v = stringValue(s, family);
      if (v !== undefined && v.length <= 400 && !inImport(s)) push("string", s, v);
    }
  };
  switch (family) {
    case "ts": {
      for (const n of ctx.nodes("import_statement")) push("import", field(n, "source") ?? n, stringValue(field(n, "source"), family));
      for (const n of ctx.nodes("call_expression")) {
        const fn = field(n, "function");
        if (fn?.type === "import" || fn?.text === "require") {
          const arg = field(n, "arguments")?.namedChildren[0];
          const v = stringValue(arg, family);
          if (v) push("import", n, v);
          continue;
        }
        push("call", n, fn?.text, tailOf(fn, field(n, "arguments")));
      }
      defs(["function_declaration", "method_definition"]);
      for (const n of ctx.nodes("variable_declarator")) if (/^(arrow_function|function_expression)$/.test(field(n, "value")?.type ?? "")) push("def", field(n, "name"), field(n, "name")?.text);
      for (const n of ctx.nodes("new_expression")) push("call", n, "new " + (field(n, "constructor")?.text ?? ""));
      for (const n of ctx.nodes("decorator")) push("decorator", n, n.text.slice(1));
      for (const n of ctx.nodes("pair")) push("key", field(n, "key") ?? n, `${field(n, "key")?.text ?? ""}: ${field(n, "value")?.text ?? ""}`);
      strings(["string", "template_string"]);
      for (const n of ctx.nodes("implements_clause", "extends_clause")) push("type", n);
      break;
    }
    case "python": {
      for (const n of ctx.nodes("import_statement", "import_from_statement")) push("import", n, n.text.replace(/^from\s+|^import\s+/, "").replace(/\s+import\s+/, "."));
      for (const n of ctx.nodes("call")) push("call", n, field(n, "function")?.text, tailOf(field(n, "function"), field(n, "arguments")));
      defs(["function_definition"]);
      for (const n of ctx.nodes("decorator")) push("decorator", n, n.text.slice(1));
      for (const n of ctx.nodes("keyword_argument")) push("key", field(n, "name") ?? n, `${field(n, "name")?.text ?? ""}=${field(n, "value")?.text ?? ""}`);
      for (const n of ctx.nodes("assignment")) {
        const left = field(n, "left");
        if (left && (left.type === "identifier" || left.type === "attribute")) push("key", left, `${left.text}=${field(n, "right")?.text ?? ""}`);
      }
      for (const n of ctx.nodes("pair")) push("key", field(n, "key") ?? n, `${stringValue(field(n, "key"), family) ?? field(n, "key")?.text ?? ""}=${field(n, "value")?.text ?? ""}`);
      strings(["string"]);
      for (const n of ctx.nodes("class_definition")) {
        const sup = field(n, "superclasses");
        if (sup) push("type", field(n, "name") ?? n, sup.text);
      }
      break;
    }
    case "go": {
      for (const n of ctx.nodes("import_spec")) push("import", n, stringValue(field(n, "path"), family));
      for (const n of ctx.nodes("call_expression")) push("call", n, field(n, "function")?.text, tailOf(field(n, "function"), field(n, "arguments")));
      defs(["function_declaration", "method_declaration"]);
      for (const n of ctx.nodes("keyed_element")) push("key", n, n.text);
      for (const n of ctx.nodes("field_declaration")) {
        const tag = n.namedChildren.find((c) => c?.type === "raw_string_literal" || c?.type === "interpreted_string_literal");
        if (tag) push("decorator", tag, tag.text);
      }
      strings(["interpreted_string_literal", "raw_string_literal"]);
      break;
    }
    case "rust": {
      for (const n of ctx.nodes("use_declaration")) push("import", n, field(n, "argument")?.text);
      for (const n of ctx.nodes("call_expression")) push("call", n, field(n, "function")?.text, tailOf(field(n, "function"), field(n, "arguments")));
      defs(["function_item"]);
      for (const n of ctx.nodes("macro_invocation")) push("call", n, (field(n, "macro")?.text ?? "") + "!");
      for (const n of ctx.nodes("attribute_item", "inner_attribute_item")) push("decorator", n, n.text.replace(/^#!?\[|\]$/g, ""));
      for (const n of ctx.nodes("field_initializer")) push("key", n, n.text);
      strings(["string_literal", "raw_string_literal"]);
      break;
    }
    case "java": {
      for (const n of ctx.nodes("import_declaration")) push("import", n, n.text.replace(/^import\s+(static\s+)?|;$/g, ""));
      for (const n of ctx.nodes("method_invocation")) {
        const obj = field(n, "object");
        const name = field(n, "name")?.text ?? "";
        push("call", field(n, "name") ?? n, obj ? `${obj.type === "method_invocation" ? "" : obj.text}.${name}` : name, clip(name + (field(n, "arguments")?.text ?? "")));
      }
      defs(["method_declaration"]);
      for (const n of ctx.nodes("object_creation_expression")) push("call", n, "new " + (field(n, "type")?.text ?? ""), clip((field(n, "type")?.text ?? "") + (field(n, "arguments")?.text ?? "")));
      for (const n of ctx.nodes("annotation", "marker_annotation")) push("decorator", n, n.text.slice(1));
      strings(["string_literal"]);
      for (const n of ctx.nodes("super_interfaces", "superclass")) push("type", n, n.text);
      break;
    }
  }
  return out;
}
