// tower-http CorsLayer, actix-cors, and hand-set headers.
import type { FileContext } from "../../engine/rule";
import { chainCalls, chainTop, isBool, methodNameNode, unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, stringValue } from "../../languages/common";
import { ACAO, corsMessage, REFLECTED_HEADER } from "./messages";

/** Whether the builder chain this call belongs to also allows credentials. */
function chainAllowsCredentials(call: Node): boolean {
  const top = chainTop(call, "rust");
  return chainCalls(top, "rust").some((c) => methodNameNode(c, "rust")?.text === "allow_credentials" ? isBool(callArguments(c, "rust")[0], true) : methodNameNode(c, "rust")?.text === "supports_credentials");
}

export function rust(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw);
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "rust");
    const nameNode = methodNameNode(call, "rust");
    const name = nameNode?.text ?? "";
    const args = callArguments(call, "rust");
    if (/(^|::)CorsLayer::(permissive|very_permissive)$/.test(callee) || /(^|::)Cors::permissive$/.test(callee)) {
      ctx.report({ node: call, ...corsMessage(name === "very_permissive" || chainAllowsCredentials(call)) });
      continue;
    }
    if (name === "allow_any_origin" && args.length === 0) {
      ctx.report({ node: nameNode!, ...corsMessage(chainAllowsCredentials(call)) });
      continue;
    }
    if (name === "allow_origin" && args[0] && /^(\w+::)*(Any|AllowOrigin::any\(\)|AllowOrigin::mirror_request\(\))$/.test(args[0].text.replace(/\s+/g, ""))) {
      ctx.report({ node: nameNode!, ...corsMessage(chainAllowsCredentials(call)) });
      continue;
    }
    if (name === "allowed_origin" && stringValue(args[0], "rust") === "*") {
      ctx.report({ node: nameNode!, ...corsMessage(chainAllowsCredentials(call)) });
      continue;
    }
    // headers.insert("access-control-allow-origin", HeaderValue::from_static("*")), insert_header(("Access-Control-Allow-Origin", "*"))
    if (["insert", "append", "insert_header", "append_header", "header", "raw_header"].includes(name)) {
      const t = call.text;
      if (/ACCESS_CONTROL_ALLOW_ORIGIN|access-control-allow-origin/i.test(t) && (/"\*"/.test(t) || /headers\(\)\.get\(\s*(header::)?(ORIGIN|"origin")/i.test(t))) {
        ctx.report({ node: nameNode ?? call, message: REFLECTED_HEADER });
      }
    }
  }
  void ACAO;
}
