// Go: Gin/Echo `c.JSON(500, gin.H{"error": err.Error()})`, `http.Error(w, err.Error(), 500)`,
// `echo.NewHTTPError(500, err.Error())`, Fiber `c.Status(500).JSON(...)`, and project helpers of the
// same shape (`writeJSON(w, http.StatusInternalServerError, …err.Error()…)`): a call with a 5xx status
// argument and an argument built from an error's text. Also `w.WriteHeader(500)` followed in the same
// block by a write of the error's text.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText } from "../../languages/common";
import { statusClass } from "../_shared/errors";
import { MESSAGE, NOT_A_RESPONSE } from "./messages";

const ERR_NAME = /^(e|err|error|.*Err|err[A-Z0-9_]\w*|.*Error)$/;
const RESPONSE_CALLEE = /(JSON|XML|YAML|String|HTML|Data|Error|Render|Respond|respond|Write|write|Send|send|Reply|reply|Abort|Problem|problem|Fail|fail|NewHTTPError|NewError|JSONP|Blob)\w*$/;

/** An expression carrying the error's text: `err.Error()`, `fmt.Sprint*(…, err)`, `fmt.Errorf(…err…).Error()`. */
export function exposes(node: Node): boolean {
  for (const call of [node, ...node.descendantsOfType("call_expression")]) {
    if (!call || call.type !== "call_expression") continue;
    const fn = call.childForFieldName("function");
    if (fn?.type === "selector_expression" && fn.childForFieldName("field")?.text === "Error" && callArguments(call, "go").length === 0) return true;
    const callee = calleeText(call, "go");
    if (/^fmt\.Sprint(f|ln)?$/.test(callee) && callArguments(call, "go").some((a) => a.type === "identifier" && ERR_NAME.test(a.text))) return true;
  }
  return false;
}

export function go(ctx: FileContext): void {
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "go");
    if (NOT_A_RESPONSE.test(callee)) continue;
    const args = callArguments(call, "go");
    const fn = call.childForFieldName("function");
    // Fiber: c.Status(500).JSON(body) / .SendString(body)
    let chainStatus: Node | undefined;
    if (fn?.type === "selector_expression") {
      const inner = fn.childForFieldName("operand");
      if (inner?.type === "call_expression" && /\.Status$/.test(calleeText(inner, "go"))) chainStatus = callArguments(inner, "go")[0];
    }
    if (chainStatus) {
      if (statusClass(chainStatus) === "5xx" && args.some(exposes)) ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    const last = callee.split(".").pop() ?? "";
    if (!RESPONSE_CALLEE.test(last) || /^(log|Log|record|Record|report|Report|track|Track|emit|Emit|notify|Notify|metric|Metric|audit|Audit)/.test(last)) continue;
    const statusIdx = args.findIndex((a) => isStatusArg(a));
    if (statusIdx < 0) continue;
    if (statusClass(args[statusIdx]) !== "5xx") continue;
    if (args.some((a, i) => i !== statusIdx && exposes(a))) ctx.report({ node: call, message: MESSAGE });
  }
  // net/http: w.WriteHeader(500) then a write of err.Error() in the same block.
  for (const call of ctx.nodes("call_expression")) {
    if (!/\.WriteHeader$/.test(calleeText(call, "go"))) continue;
    if (statusClass(callArguments(call, "go")[0]) !== "5xx") continue;
    const stmt = call.parent?.type === "expression_statement" ? call.parent : null;
    for (let s = stmt?.nextNamedSibling ?? null; s; s = s.nextNamedSibling) {
      if (s.type === "return_statement") break;
      const writes = [s, ...s.descendantsOfType("call_expression")].filter((c): c is Node => !!c && c.type === "call_expression");
      const w = writes.find((c) => /(\.Write|\.Encode|^fmt\.Fprint\w*|^io\.WriteString)$/.test(calleeText(c, "go")) && callArguments(c, "go").some(exposes));
      if (w) {
        ctx.report({ node: w, message: MESSAGE });
        break;
      }
    }
  }
}

function isStatusArg(a: Node): boolean {
  if (a.type === "int_literal") return /^[1-5]\d\d$/.test(a.text);
  return /^(http\.)?Status[A-Z]\w*$|^(fiber|echo)\.Status\w+$/.test(a.text.replace(/\s+/g, ""));
}
