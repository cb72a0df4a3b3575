// jjwt: parseClaimsJwt / parsePlaintextJwt (unsigned tokens), parseUnsecuredClaims /
// parseUnsecuredContent, `.unsecured()`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { chainCalls, chainTop } from "../_shared/syntax";
import { NO_SIGNATURE } from "./messages";

const PARSE_UNSIGNED = new Set(["parseClaimsJwt", "parsePlaintextJwt", "parseUnsecuredClaims", "parseUnsecuredContent"]);

export function java(ctx: FileContext): void {
  if (!/io\.jsonwebtoken/.test(ctx.file.text)) return;
  const reported = new Set<number>();
  for (const call of ctx.nodes("method_invocation")) {
    const name = call.childForFieldName("name");
    if (!name) continue;
    if (!PARSE_UNSIGNED.has(name.text) && name.text !== "unsecured") continue;
    // one finding per chain: the parse call when there is one, otherwise `.unsecured()`
    const top = chainTop(call, "java");
    if (reported.has(top.id)) continue;
    const chain = chainCalls(top, "java");
    const target: Node | undefined = chain.find((c) => PARSE_UNSIGNED.has(c.childForFieldName("name")?.text ?? "")) ?? call;
    reported.add(top.id);
    ctx.report({ node: target.childForFieldName("name")!, message: NO_SIGNATURE });
  }
}
