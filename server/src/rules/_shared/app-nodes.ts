// Node lists shared by the app/route/DB analyzers. Every new type asked of `ctx.nodes(...)` costs one
// walk of the whole tree in WASM (~2–4 ms on a 2,000-line file, whatever the types), and the
// engine's per-file cache walks once per call for all the types that call names. So these analyzers
// ask for every type any of them needs in a single call first: one walk serves them all, and each
// later `ctx.nodes("call")` is a cache hit. And a node's descendants of a type are read from that
// list by position instead of another `descendantsOfType` walk of the subtree.
import type { Detector, FileContext } from "../../engine/rule";
import type { LanguageFamily, Node } from "../../engine/types";

/** Types (string literals included: the evidence analyzer and several other rules read them) used by missing-auth, the app facts, blocking/N+1/connection/logging/debug rules and the evidence analyzer. */
export const APP_NODE_TYPES: Record<LanguageFamily, readonly string[]> = {
  python: [
    "import_from_statement",
    "import_statement",
    "assignment",
    "type_alias_statement",
    "function_definition",
    "lambda",
    "decorated_definition",
    "decorator",
    "call",
    "class_definition",
    "for_statement",
    "list_comprehension",
    "set_comprehension",
    "dictionary_comprehension",
    "generator_expression",
    "keyword_argument",
    "pair",
    "raise_statement",
    "string",
  ],
  ts: [
    "import_statement",
    "variable_declarator",
    "call_expression",
    "new_expression",
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
    "object",
    "class_declaration",
    "required_parameter",
    "optional_parameter",
    "public_field_definition",
    "predefined_type",
    "await_expression",
    "decorator",
    "pair",
    "implements_clause",
    "extends_clause",
    "string",
    "template_string",
  ],
  go: [
    "package_clause",
    "import_declaration",
    "import_spec",
    "short_var_declaration",
    "assignment_statement",
    "var_spec",
    "call_expression",
    "function_declaration",
    "method_declaration",
    "func_literal",
    "composite_literal",
    "keyed_element",
    "field_declaration",
    "interpreted_string_literal",
    "raw_string_literal",
  ],
  rust: ["use_declaration", "function_item", "closure_expression", "impl_item", "attribute_item", "inner_attribute_item", "macro_invocation", "call_expression", "string_literal", "raw_string_literal"],
  java: [
    "import_declaration",
    "class_declaration",
    "field_declaration",
    "formal_parameter",
    "local_variable_declaration",
    "method_declaration",
    "constructor_declaration",
    "lambda_expression",
    "method_invocation",
    "method_reference",
    "object_creation_expression",
    "marker_annotation",
    "annotation",
    "super_interfaces",
    "superclass",
    "string_literal",
  ],
};

/** Fill the per-file node cache with every type of APP_NODE_TYPES in one walk (a no-op once done). */
export function prefetchNodes(ctx: FileContext): void {
  ctx.prefetch(...APP_NODE_TYPES[ctx.file.family]);
}

/**
 * The nodes of a document-ordered list that lie within `container` (the container itself included
 * when listed): what `container.descendantsOfType(type)` returns, without walking the subtree.
 */
export function within(list: readonly Node[], container: Node): Node[] {
  const start = container.startIndex;
  const end = container.endIndex;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.startIndex < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < list.length; i++) {
    const n = list[i]!;
    if (n.startIndex >= end && !(n.startIndex === end && start === end)) break;
    // Starting where the container starts: an ancestor of it unless it also ends within it.
    if (n.startIndex === start && n.endIndex > end) continue;
    out.push(n);
  }
  return out;
}

/**
 * Detectors whose first `ctx.nodes(...)` fills the node cache with all of APP_NODE_TYPES in one walk
 * (a detector that returns before asking for nodes walks nothing).
 */
export function prefetched(detectors: Partial<Record<LanguageFamily, Detector>>): Partial<Record<LanguageFamily, Detector>> {
  const out: Partial<Record<LanguageFamily, Detector>> = {};
  for (const [family, detect] of Object.entries(detectors) as Array<[LanguageFamily, Detector]>) {
    out[family] = (ctx) => {
      let done = false;
      const nodes = (...types: string[]): Node[] => {
        if (!done) {
          done = true;
          prefetchNodes(ctx);
        }
        return ctx.nodes(...types);
      };
      detect({ ...ctx, nodes });
    };
  }
  return out;
}

const HEAD = /[A-Za-z_][A-Za-z0-9_]*(?![\p{L}\p{N}\p{M}\p{Pc}$])/uy;

/**
 * The identifier a node's text starts with (`time` of `time.sleep(1)`), read from the file's text
 * at the node's start (free) rather than through the tree; undefined when it does not start with a
 * plain ASCII identifier (the caller then looks at the node itself).
 */
export function headAt(text: string, index: number): string | undefined {
  HEAD.lastIndex = index;
  return HEAD.exec(text)?.[0];
}
