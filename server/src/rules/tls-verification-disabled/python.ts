// requests/httpx `verify=False`, aiohttp `ssl=False`/`verify_ssl=False`, `ssl._create_unverified_context`,
// `verify_mode = ssl.CERT_NONE`, `session.verify = False`.
import type { FileContext } from "../../engine/rule";
import { isBool, kwValue, pyKwargs, unlessConfigGuarded } from "../_shared/syntax";
import { calleeName, calleeText } from "../../languages/common";
import { HOSTNAME, MESSAGE } from "./messages";

const NOT_TLS = new Set(["decode", "encode", "verify", "jwt_decode", "get_unverified_claims"]);
const AIOHTTP_METHODS = new Set(["TCPConnector", "get", "post", "put", "patch", "delete", "head", "options", "request", "ws_connect"]);

export function python(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw, true);
  const text = ctx.file.text;
  const aiohttp = /^\s*(import|from)\s+aiohttp\b/m.test(text);
  for (const call of ctx.nodes("call")) {
    const callee = calleeText(call, "python");
    const name = calleeName(call, "python");
    if (/(^|\.)_create_unverified_context$/.test(callee)) {
      ctx.report({ node: call, message: MESSAGE });
      continue;
    }
    if (NOT_TLS.has(name) || /jwt|jose/i.test(callee)) continue;
    const kw = pyKwargs(call);
    const verify = kw.get("verify");
    if (verify && isBool(kwValue(verify), false)) {
      ctx.report({ node: verify, message: MESSAGE });
      continue;
    }
    // Elasticsearch/OpenSearch verify_certs=False, generic verify_ssl=False, urllib3 cert_reqs="CERT_NONE"
    let generic = false;
    for (const k of ["verify_certs", "verify_ssl", "ssl_verify"]) {
      const a = kw.get(k);
      if (a && isBool(kwValue(a), false)) {
        ctx.report({ node: a, message: MESSAGE });
        generic = true;
      }
    }
    for (const k of ["cert_reqs", "ssl_cert_reqs"]) {
      const a = kw.get(k);
      if (a && /(^|\.)CERT_NONE$|^["']?(CERT_NONE|none)["']?$/i.test(kwValue(a)?.text ?? "")) {
        ctx.report({ node: a, message: MESSAGE });
        generic = true;
      }
    }
    if (generic) continue;
    if (aiohttp && AIOHTTP_METHODS.has(name)) {
      for (const k of ["ssl", "verify_ssl"]) {
        const a = kw.get(k);
        if (a && isBool(kwValue(a), false)) ctx.report({ node: a, message: MESSAGE });
      }
    }
  }
  for (const asg of ctx.nodes("assignment")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (!left || !right) continue;
    if (left.type === "attribute" && left.childForFieldName("attribute")?.text === "verify_mode" && /(^|\.)CERT_NONE$/.test(right.text)) ctx.report({ node: asg, message: MESSAGE });
    else if (left.type === "attribute" && left.childForFieldName("attribute")?.text === "check_hostname" && isBool(right, false)) ctx.report({ node: asg, message: HOSTNAME });
    else if (left.type === "attribute" && left.childForFieldName("attribute")?.text === "verify" && isBool(right, false) && /session|client|http/i.test(left.text)) ctx.report({ node: asg, message: MESSAGE });
    else if (/(^|\.)_create_default_https_context$/.test(left.text) && /_create_unverified_context$/.test(right.text)) ctx.report({ node: asg, message: MESSAGE });
  }
}
