// jjwt `Jwts.builder()...compact()` without setExpiration/expiration; java-jwt
// `JWT.create()...sign(alg)` without withExpiresAt.
import type { FileContext } from "../../engine/rule";
import { chainCalls } from "../_shared/syntax";
import { MESSAGE } from "./messages";

const UNKNOWN_CLAIMS = new Set(["setClaims", "claims", "addClaims", "withPayload"]);

export function java(ctx: FileContext): void {
  for (const call of ctx.nodes("method_invocation")) {
    const name = call.childForFieldName("name")?.text;
    if (name !== "compact" && name !== "sign") continue;
    const chain = chainCalls(call, "java");
    const root = chain[chain.length - 1]!;
    const rootText = `${root.childForFieldName("object")?.text ?? ""}.${root.childForFieldName("name")?.text ?? ""}`;
    const names = chain.map((c) => c.childForFieldName("name")?.text ?? "");
    if (name === "compact" && /(^|\.)Jwts\.builder$/.test(rootText)) {
      if (names.some((n) => n === "setExpiration" || n === "expiration" || UNKNOWN_CLAIMS.has(n))) continue;
      ctx.report({ node: call.childForFieldName("name")!, message: MESSAGE });
    } else if (name === "sign" && /(^|\.)JWT\.create$/.test(rootText)) {
      if (names.some((n) => n === "withExpiresAt" || UNKNOWN_CLAIMS.has(n))) continue;
      ctx.report({ node: call.childForFieldName("name")!, message: MESSAGE });
    }
  }
}
