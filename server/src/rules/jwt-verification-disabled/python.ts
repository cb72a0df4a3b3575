// PyJWT / python-jose: options={"verify_signature": False}, verify=False, algorithms=["none"].
import type { FileContext } from "../../engine/rule";
import { calleeName, calleeText } from "../../languages/common";
import { isBool, kwValue, listStrings, pyDict, pyKwargs } from "../_shared/syntax";
import { NO_SIGNATURE, NONE_ALG } from "./messages";

export function python(ctx: FileContext): void {
  if (!/^\s*(import\s+jwt\b|from\s+(jwt|jose)\b|import\s+jose\b)/m.test(ctx.file.text)) return;
  for (const call of ctx.nodes("call")) {
    const name = calleeName(call, "python");
    if (name !== "decode" && name !== "verify") continue;
    if (!/(^|\.)(jwt|jws|jose\.jwt|PyJWT\(\))\.(decode|verify)$|^decode$/.test(calleeText(call, "python")) && !/jwt/i.test(calleeText(call, "python"))) continue;
    const kw = pyKwargs(call);
    const opts = kwValue(kw.get("options"));
    if (opts?.type === "dictionary") {
      const v = pyDict(opts).keys.get("verify_signature")?.childForFieldName("value");
      if (isBool(v, false)) {
        ctx.report({ node: call, message: NO_SIGNATURE });
        continue;
      }
    } else if (opts?.type === "call" && /verify_signature\s*=\s*False/.test(opts.text)) {
      ctx.report({ node: call, message: NO_SIGNATURE });
      continue;
    }
    if (isBool(kwValue(kw.get("verify")), false)) {
      ctx.report({ node: call, message: NO_SIGNATURE });
      continue;
    }
    const algs = listStrings(kwValue(kw.get("algorithms")), "python");
    if (algs.some((a) => a.toLowerCase() === "none")) ctx.report({ node: call, message: NONE_ALG });
  }
}
