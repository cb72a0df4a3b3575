// jsonwebtoken `validation.insecure_disable_signature_validation()`, `dangerous_insecure_decode`.
import type { FileContext } from "../../engine/rule";
import { methodNameNode } from "../_shared/syntax";
import { NO_SIGNATURE } from "./messages";

export function rust(ctx: FileContext): void {
  for (const call of ctx.nodes("call_expression")) {
    const name = methodNameNode(call, "rust");
    if (!name) continue;
    if (name.text === "insecure_disable_signature_validation" || name.text === "dangerous_insecure_decode" || name.text === "dangerous_insecure_decode_with_validation" || name.text === "insecure_decode") {
      ctx.report({ node: name, message: NO_SIGNATURE });
    }
  }
}
