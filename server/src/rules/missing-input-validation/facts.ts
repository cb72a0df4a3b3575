// The `route-input` fact: one per handler that reads request input or a page size, keyed by handler
// function name, for the route inventory (`routes` command):
//   { handler: string, validated: boolean, paginationBounded: boolean | null }
// `validated` is false when this rule found unvalidated input in the handler, null when the handler
// reads only a page size; `paginationBounded` is null when the handler reads no page size.
import type { Detector, FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { ancestor } from "../../languages/common";
import { prefetchInputNodes, type RouteInputFact } from "../_shared/input-common";
import { PaginationState } from "../unbounded-pagination/shared";

interface Entry {
  node: Node;
  handler: string;
  /** null: the handler reads only a page size, so input validation does not apply to it. */
  validated: boolean | null;
}

const pending = new WeakMap<FileContext, Map<number, Entry>>();

export function recordRouteInput(ctx: FileContext, fn: Node, handler: string, validated: boolean): void {
  let map = pending.get(ctx);
  if (!map) pending.set(ctx, (map = new Map()));
  const prev = map.get(fn.id);
  map.set(fn.id, { node: fn, handler, validated: validated && (prev?.validated ?? true) });
}

function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName("name")?.text;
  if (own) return own;
  if (fn.parent?.type === "variable_declarator") return fn.parent.childForFieldName("name")?.text;
  // An inline Express/Fastify handler: `router.get("/items", async (req, res) => …)` → "GET /items".
  const call = fn.parent?.type === "arguments" ? fn.parent.parent : null;
  const callee = call?.childForFieldName("function");
  const method = callee?.type === "member_expression" ? callee.childForFieldName("property")?.text : undefined;
  const path = call?.childForFieldName("arguments")?.namedChildren[0];
  if (method && /^(get|post|put|patch|delete|all|head|options)$/.test(method) && path && /^(string|template_string)$/.test(path.type)) return `${method.toUpperCase()} ${path.text.slice(1, -1)}`;
  return undefined;
}

/** `Class.method` for methods (as the route inventory names them), the plain name otherwise. */
function qualified(fn: Node, name: string): string {
  if (name.includes(" ") || name.includes(".")) return name;
  const cls = ancestor(fn, ["class_declaration", "class_definition", "class", "record_declaration"]);
  if (!cls || !/^(method_declaration|method_definition|function_definition)$/.test(fn.type)) return name;
  const clsName = cls.childForFieldName("name")?.text;
  return clsName ? `${clsName}.${name}` : name;
}

/** Wrap a detector: run it, run the pagination analysis silently, then emit one fact per handler. */
export function withRouteInputFacts(detect: Detector, paginate: (ctx: FileContext, state: PaginationState) => void): Detector {
  return (ctx) => {
    prefetchInputNodes(ctx);
    detect(ctx);
    const state = new PaginationState();
    const silent: FileContext = { ...ctx, options: ctx.options, file: ctx.file, project: ctx.project, nodes: ctx.nodes, range: ctx.range, report: () => undefined, fact: () => undefined };
    try {
      paginate(silent, state);
    } catch {
      /* the pagination rule reports its own errors */
    }
    const map = pending.get(ctx) ?? new Map<number, Entry>();
    pending.delete(ctx);
    for (const [id, { node }] of state.byHandler) {
      if (map.has(id)) continue;
      const name = functionName(node);
      if (name) map.set(id, { node, handler: name, validated: null });
    }
    for (const [id, e] of map) {
      const b = state.byHandler.get(id);
      const data: RouteInputFact = { handler: qualified(e.node, e.handler), validated: e.validated, paginationBounded: b ? b.bounded : null };
      ctx.fact("route-input", e.node, { ...data });
    }
  };
}
