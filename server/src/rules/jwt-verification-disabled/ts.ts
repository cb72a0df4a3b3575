// jsonwebtoken `jwt.verify(token, key, { algorithms: ["none"] })`; jose's `UnsecuredJWT.decode`.
import type { FileContext } from "../../engine/rule";
import { callArguments, calleeName, calleeText } from "../../languages/common";
import { listStrings, pairValue, tsProps } from "../_shared/syntax";
import { NO_SIGNATURE, NONE_ALG } from "./messages";

export function ts(ctx: FileContext): void {
  const text = ctx.file.text;
  if (!/["'](jsonwebtoken|jose|express-jwt|fast-jwt|@fastify\/jwt|@nestjs\/jwt)["']/.test(text)) return;
  for (const call of ctx.nodes("call_expression")) {
    const name = calleeName(call, "ts");
    const callee = calleeText(call, "ts");
    if (callee === "UnsecuredJWT.decode") {
      ctx.report({ node: call, message: NO_SIGNATURE });
      continue;
    }
    if (!["verify", "verifyAsync", "expressjwt", "jwt", "createVerifier", "register"].includes(name)) continue;
    for (const arg of callArguments(call, "ts")) {
      if (arg.type !== "object") continue;
      const props = tsProps(arg);
      const algs = listStrings(pairValue(props.get("algorithms")), "ts");
      if (algs.some((a) => a.toLowerCase() === "none")) {
        ctx.report({ node: call, message: NONE_ALG });
        break;
      }
    }
  }
}
