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
  /** Calls: the last name of the callee with the argument list (`allowedOrigins("https://a")`), computed on demand. */
  tail?: () => string;
}

const IMPORT_PARENTS = new Set(["import_spec", "import_statement", "import_from_statement", "import_declaration", "use_declaration", "import_spec_list"]);

/** A string that is part of an import (a Go module path with /v5 is no versioned route). */
function inImport(n: Node): boolean {
  for (let p = n.parent, i = 0; p && i < 4; p = p.parent, i++) if (IMPORT_PARENTS.has(p.type)) return true;
  return false;
}

function tailOf(call: Node, calleeField = "function", argsField = "arguments"): () => string {
  return () => {
    const callee = call.childForFieldName(calleeField);
    const args = call.childForFieldName(argsField);
    const name = callee ? (callee.childForFieldName("field") ?? callee.childForFieldName("property") ?? callee.childForFieldName("name") ?? callee.childForFieldName("attribute") ?? callee) : null;
    return clip(`${name?.text ?? ""}${(args?.text ?? "").slice(0, 480)}`);
  };
}

/** Short, single-line text: slice first (a call's text may be a whole callback), then collapse spaces. */
const clip = (s: string) => s.slice(0, 480).replace(/\s+/g, " ").slice(0, 240);

function field(n: Node, name: string): Node | null {
  return n.childForFieldName(name);
}

/** The start of a node's text (a value may be a whole object literal or callback). */
const head = (n: Node | null | undefined, max = 480): string => (n ? n.text.slice(0, max) : "");

/**
 * A callee's text for matching: patterns look at its end (`.safeParse`, `Governor::new`), so a long
 * receiver chain keeps its last part — never a cut that happens to end in a known name.
 */
const callee = (n: Node | null | undefined): string => {
  if (!n) return "";
  const t = n.text;
  return t.length > 200 ? "…" + t.slice(-160).replace(/^[^.:]*/, "") : t;
};

/** What a string pattern of ./patterns.ts can match: a version segment, id or security headers, … */
const STRING_GATE = /v\d|x-(request|correlation|trace)-id|strict-transport|content-security|x-frame|x-content-type|connection_limit|join\s+fetch|%w|SecurityMiddleware|api-version|accept-version|vnd\./i;
/** Keys (object keys, keyword arguments, settings, struct fields) that a "key" pattern can match. */
const KEY_GATE: Partial<Record<string, RegExp>> = {
  ts: /^(schema|cause|pool|include|relations|genReqId|requestIdHeader|requestIdLogLabel|origin|hsts|https|logger)$/,
  python: /^(allow_origins|origins|permission_classes|pool_size|max_overflow|pool_pre_ping|pool_recycle|pool_timeout|min_size|max_size|minconn|maxconn|ssl_keyfile|ssl_certfile|ssl_context|CORS_\w+|SECURE_\w+|X_FRAME_OPTIONS|EXCEPTION_HANDLER|DEFAULT_VERSIONING_CLASS|CONN_MAX_AGE|SESSION_COOKIE_SECURE)$/,
  go: /^(AllowOrigins|AllowedOrigins|TLSConfig|HTTPErrorHandler)$/,
};
/** What a role-checking function name contains. */
const DEF_GATE = /role|permission|scope|admin|staff|authori[sz]/i;

/** Every token of the file, in document order per kind. */
export function tokensOf(ctx: FileContext): Token[] {
  const family = ctx.file.family;
  const out: Token[] = [];
  const push = (kind: TokenKind, node: Node | null | undefined, text?: string, tail?: () => string) => {
    if (node) out.push({ kind, text: clip(text ?? head(node)), node, tail });
  };
  const defs = (types: string[]) => {
    if (!wantDefs) return;
    for (const n of ctx.nodes(...types)) {
      const name = field(n, "name");
      if (name) push("def", name, name.text);
    }
  };
  // Cheap gates on the file's text: string literals and function names are only looked at when the
  // file could hold what the patterns want (walking every literal is most of the analyzer's cost).
  const text = ctx.file.text;
  const wantStrings = STRING_GATE.test(text);
  const wantDefs = DEF_GATE.test(text);
  const keyGate = KEY_GATE[family] ?? /$^/;
  const strings = (types: string[]) => {
    if (!wantStrings) return;
    for (const s of ctx.nodes(...types)) {
      const raw = s.text;
      if (raw.length > 420 || !STRING_GATE.test(raw)) continue; // one cheap look before the careful one
      const v = stringValue(s, family);
      if (v !== undefined && v.length <= 400 && !inImport(s)) push("string", s, v);
    }
  };
  switch (family) {
    case "ts": {
      for (const n of ctx.nodes("import_statement")) push("import", field(n, "source") ?? n, stringValue(field(n, "source"), family));
      for (const n of ctx.nodes("call_expression")) {
        const fn = field(n, "function");
        const name = callee(fn);
        if (fn?.type === "import" || name === "require") {
          const arg = field(n, "arguments")?.namedChildren[0];
          const v = stringValue(arg, family);
          if (v) push("import", n, v);
          continue;
        }
        push("call", n, name, tailOf(n));
      }
      defs(["function_declaration", "method_definition"]);
      if (wantDefs) for (const n of ctx.nodes("variable_declarator")) if (/^(arrow_function|function_expression)$/.test(field(n, "value")?.type ?? "")) push("def", field(n, "name"), field(n, "name")?.text);
      for (const n of ctx.nodes("new_expression")) push("call", n, "new " + (field(n, "constructor")?.text ?? ""));
      for (const n of ctx.nodes("decorator")) push("decorator", n, head(n).slice(1));
      for (const n of ctx.nodes("pair")) {
        const key = field(n, "key");
        const name = head(key, 40);
        if (keyGate.test(name)) push("key", key, `${name}: ${head(field(n, "value"))}`);
      }
      strings(["string", "template_string"]);
      for (const n of ctx.nodes("implements_clause", "extends_clause")) push("type", n, head(n));
      break;
    }
    case "python": {
      for (const n of ctx.nodes("import_statement", "import_from_statement")) push("import", n, head(n).replace(/^from\s+|^import\s+/, "").replace(/\s+import\s+/, "."));
      for (const n of ctx.nodes("call")) push("call", n, callee(field(n, "function")), tailOf(n));
      defs(["function_definition"]);
      for (const n of ctx.nodes("decorator")) push("decorator", n, head(n).slice(1));
      for (const n of ctx.nodes("keyword_argument")) {
        const key = field(n, "name");
        const name = head(key, 40);
        if (keyGate.test(name)) push("key", key, `${name}=${head(field(n, "value"))}`);
      }
      for (const n of ctx.nodes("assignment")) {
        const left = field(n, "left");
        if (left && (left.type === "identifier" || left.type === "attribute")) {
          const name = head(left, 60);
          if (keyGate.test(name.replace(/^.*\./, ""))) push("key", left, `${name}=${head(field(n, "right"))}`);
        }
      }
      for (const n of ctx.nodes("pair")) {
        const key = field(n, "key");
        const name = stringValue(key, family) ?? head(key, 40);
        if (keyGate.test(name)) push("key", key, `${name}=${head(field(n, "value"))}`);
      }
      strings(["string"]);
      for (const n of ctx.nodes("class_definition")) {
        const sup = field(n, "superclasses");
        if (sup) push("type", field(n, "name") ?? n, head(sup));
      }
      break;
    }
    case "go": {
      for (const n of ctx.nodes("import_spec")) push("import", n, stringValue(field(n, "path"), family));
      for (const n of ctx.nodes("call_expression")) push("call", n, callee(field(n, "function")), tailOf(n));
      defs(["function_declaration", "method_declaration"]);
      for (const n of ctx.nodes("keyed_element")) {
        const t = head(n);
        if (keyGate.test(t.slice(0, Math.max(0, t.indexOf(":"))).trim())) push("key", n, t);
      }
      for (const n of ctx.nodes("field_declaration")) {
        const tag = n.namedChildren.find((c) => c?.type === "raw_string_literal" || c?.type === "interpreted_string_literal");
        if (tag) push("decorator", tag, tag.text);
      }
      strings(["interpreted_string_literal", "raw_string_literal"]);
      break;
    }
    case "rust": {
      for (const n of ctx.nodes("use_declaration")) push("import", n, field(n, "argument")?.text);
      for (const n of ctx.nodes("call_expression")) push("call", n, callee(field(n, "function")), tailOf(n));
      defs(["function_item"]);
      for (const n of ctx.nodes("macro_invocation")) push("call", n, (field(n, "macro")?.text ?? "") + "!");
      for (const n of ctx.nodes("attribute_item", "inner_attribute_item")) push("decorator", n, head(n).replace(/^#!?\[|\]$/g, ""));
      strings(["string_literal", "raw_string_literal"]);
      break;
    }
    case "java": {
      for (const n of ctx.nodes("import_declaration")) push("import", n, head(n).replace(/^import\s+(static\s+)?|;$/g, ""));
      for (const n of ctx.nodes("method_invocation")) {
        const obj = field(n, "object");
        const name = field(n, "name")?.text ?? "";
        push("call", field(n, "name") ?? n, obj ? `${obj.type === "method_invocation" ? "" : obj.text.slice(0, 200)}.${name}` : name, () => clip(name + (field(n, "arguments")?.text ?? "").slice(0, 480)));
      }
      defs(["method_declaration"]);
      for (const n of ctx.nodes("object_creation_expression")) push("call", n, "new " + (field(n, "type")?.text ?? ""), () => clip((field(n, "type")?.text ?? "") + (field(n, "arguments")?.text ?? "").slice(0, 480)));
      for (const n of ctx.nodes("annotation", "marker_annotation")) push("decorator", n, head(n).slice(1));
      strings(["string_literal"]);
      for (const n of ctx.nodes("super_interfaces", "superclass")) push("type", n, head(n));
      break;
    }
  }
  return out;
}
