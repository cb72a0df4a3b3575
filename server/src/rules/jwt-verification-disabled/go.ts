// golang-jwt: ParseUnverified; jwt.Parse/ParseWithClaims with a key function that never checks the
// signing method and no WithValidMethods option; `UnsafeAllowNoneSignatureType`; jwx WithVerify(false).
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, calleeText } from "../../languages/common";
import { methodNameNode } from "../_shared/syntax";
import { ANY_METHOD, NO_SIGNATURE, NONE_ALG } from "./messages";

/** Whether a key function's body looks at the token's signing method. */
function checksMethod(fn: Node): boolean {
  return /\.Method\b|\.Header\[\s*"alg"\s*\]|SigningMethod|Alg\(\)/.test(fn.childForFieldName("body")?.text ?? fn.text);
}

function findFunction(root: Node, name: string): Node | undefined {
  const bare = name.replace(/^.*\./, "");
  for (const f of root.descendantsOfType(["function_declaration", "method_declaration"])) {
    if (f?.childForFieldName("name")?.text === bare) return f;
  }
  return undefined;
}

export function go(ctx: FileContext): void {
  const text = ctx.file.text;
  const golangJwt = /"github\.com\/(golang-jwt|dgrijalva)\/jwt/.test(text);
  const jwx = /"github\.com\/lestrrat-go\/jwx/.test(text);
  if (!golangJwt && !jwx) return;
  const root = ctx.file.tree.rootNode;
  for (const call of ctx.nodes("call_expression")) {
    const nameNode = methodNameNode(call, "go");
    const name = nameNode?.text ?? "";
    const callee = calleeText(call, "go");
    if (golangJwt && name === "ParseUnverified") {
      ctx.report({ node: call, message: NO_SIGNATURE });
      continue;
    }
    if (jwx && /WithVerify$/.test(callee) && callArguments(call, "go")[0]?.text === "false") {
      ctx.report({ node: call, message: NO_SIGNATURE });
      continue;
    }
    if (!golangJwt || (name !== "Parse" && name !== "ParseWithClaims")) continue;
    const args = callArguments(call, "go");
    const keyIdx = name === "Parse" ? 1 : 2;
    const keyFn = args[keyIdx];
    if (!keyFn) continue;
    if (args.slice(keyIdx + 1).some((a) => /WithValidMethods/.test(a.text))) continue;
    // parser built with jwt.NewParser(jwt.WithValidMethods(...)) — on this line or stored in a variable
    const recv = call.childForFieldName("function")?.childForFieldName("operand");
    if (recv && recv.text !== "jwt" && (/WithValidMethods/.test(recv.text) || new RegExp(`\\b${recv.text.replace(/\W/g, "")}\\s*:?=\\s*jwt\\.NewParser\\([^\\n]*WithValidMethods`).test(text))) continue;
    let fn: Node | undefined;
    if (keyFn.type === "func_literal") fn = keyFn;
    else if (keyFn.type === "identifier" || keyFn.type === "selector_expression") fn = findFunction(root, keyFn.text);
    if (!fn) continue;
    const body = fn.childForFieldName("body")?.text ?? "";
    if (/UnsafeAllowNoneSignatureType/.test(body)) {
      ctx.report({ node: call, message: NONE_ALG });
      continue;
    }
    if (!checksMethod(fn)) ctx.report({ node: call, message: ANY_METHOD });
  }
}
