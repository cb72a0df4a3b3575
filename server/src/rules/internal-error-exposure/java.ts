// Java: Spring `ResponseEntity.status(500).body(e.getMessage())`, `ResponseEntity.internalServerError()`,
// `new ResponseEntity<>(e.getMessage(), HttpStatus.INTERNAL_SERVER_ERROR)`, JAX-RS/Quarkus
// `Response.serverError().entity(e.getMessage())`, Micronaut `HttpResponse.serverError(e.getMessage())`,
// `ProblemDetail.forStatusAndDetail(INTERNAL_SERVER_ERROR, e.getMessage())`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments } from "../../languages/common";
import { handlerBinding, statusClass } from "../_shared/errors";
import { MESSAGE } from "./messages";

/** Names of exceptions in scope: catch parameters and exception-typed method parameters. */
function errorNames(node: Node): Set<string> {
  const names = new Set<string>();
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "catch_clause") {
      const b = handlerBinding(n, "java");
      if (b) names.add(b.text);
    }
    if (n.type === "method_declaration" || n.type === "lambda_expression") {
      for (const p of n.descendantsOfType("formal_parameter")) {
        if (!p || p.parent?.parent?.id !== n.id) continue;
        if (/(Exception|Throwable|Error)\b/.test(p.childForFieldName("type")?.text ?? "")) {
          const id = p.childForFieldName("name");
          if (id) names.add(id.text);
        }
      }
    }
  }
  return names;
}

export function exposes(node: Node, names: Set<string>): boolean {
  for (const d of [node, ...node.descendantsOfType(["method_invocation", "binary_expression", "identifier"])]) {
    if (!d) continue;
    if (d.type === "method_invocation") {
      const m = d.childForFieldName("name")?.text ?? "";
      const obj = d.childForFieldName("object");
      // Throwable.getMessage() takes no arguments (MessageSource.getMessage(code, args, locale) does).
      if ((m === "getMessage" || m === "getLocalizedMessage") && obj && callArguments(d, "java").length === 0) return true;
      if ((m === "toString" || m === "getStackTrace") && obj && names.has(obj.text)) return true;
      if (/^(getStackTrace|getRootCauseMessage|getStackTraceAsString|getMessage)$/.test(m) && callArguments(d, "java").some((a) => names.has(a.text))) return true;
      if (m === "valueOf" && obj?.text === "String" && callArguments(d, "java").some((a) => names.has(a.text))) return true;
    } else if (d.type === "binary_expression" && d.childForFieldName("operator")?.text === "+") {
      if ([d.childForFieldName("left"), d.childForFieldName("right")].some((x) => !!x && names.has(x.text))) return true;
    }
  }
  return false;
}

/** The receiver chain of a call, outermost first. */
function chain(call: Node): Node[] {
  const out: Node[] = [];
  for (let n: Node | null = call; n?.type === "method_invocation"; n = n.childForFieldName("object")) out.push(n);
  return out;
}

function isServerErrorChain(calls: Node[]): boolean | undefined {
  for (const c of calls) {
    const m = c.childForFieldName("name")?.text ?? "";
    if (m === "internalServerError" || m === "serverError") return true;
    if (m === "status") {
      const cls = statusClass(callArguments(c, "java")[0]);
      return cls === undefined ? undefined : cls === "5xx";
    }
    if (/^(badRequest|notFound|ok|accepted|created|noContent|unprocessableEntity|unauthorized|forbidden|conflict)$/.test(m)) return false;
  }
  return undefined;
}

export function java(ctx: FileContext): void {
  for (const call of ctx.nodes("method_invocation")) {
    // Only the outermost call of a chain decides.
    if (call.parent?.type === "method_invocation" && call.parent.childForFieldName("object")?.id === call.id) continue;
    const calls = chain(call);
    let cached: Set<string> | undefined;
    const names = () => (cached ??= errorNames(call));
    // Body-setting call anywhere in the chain: body(x) / entity(x) / serverError(x).
    const bodyCall = calls.find((c) => /^(body|entity|serverError)$/.test(c.childForFieldName("name")?.text ?? "") && callArguments(c, "java").length === 1);
    if (bodyCall && isServerErrorChain(calls) === true) {
      if (exposes(callArguments(bodyCall, "java")[0]!, names())) ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    // ProblemDetail.forStatusAndDetail(status, detail) and similar (status, detail) factories.
    const m = call.childForFieldName("name")?.text ?? "";
    if (/^(forStatusAndDetail|of|error)$/.test(m)) {
      const args = callArguments(call, "java");
      const si = args.findIndex((a) => /Status|^\d{3}$/.test(a.text));
      if (si >= 0 && statusClass(args[si]) === "5xx" && args.some((a, i) => i !== si && exposes(a, names()))) ctx.report({ node: call, message: MESSAGE });
    }
  }
  for (const created of ctx.nodes("object_creation_expression")) {
    const type = created.childForFieldName("type")?.text ?? "";
    if (!/^ResponseEntity\b/.test(type)) continue;
    const args = callArguments(created, "java");
    if (args.length >= 2 && statusClass(args[args.length - 1]) === "5xx" && exposes(args[0]!, errorNames(created))) ctx.report({ node: created, message: MESSAGE });
  }
}
