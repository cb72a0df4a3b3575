// NoopHostnameVerifier, ALLOW_ALL_HOSTNAME_VERIFIER, TrustAllStrategy, hostname verifiers that return
// true, and X509TrustManagers whose checkServerTrusted accepts everything.
import type { FileContext } from "../../engine/rule";
import { unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { callArguments } from "../../languages/common";
import { HOSTNAME, MESSAGE } from "./messages";

const VERIFIER_SETTERS = new Set(["setDefaultHostnameVerifier", "setHostnameVerifier", "hostnameVerifier", "setSSLHostnameVerifier"]);
const TRUST_SETTERS = new Set(["loadTrustMaterial"]);

function alwaysTrue(n: Node): boolean {
  if (n.type === "lambda_expression") {
    const body = n.childForFieldName("body");
    if (!body) return false;
    const t = body.text.replace(/\s+/g, " ");
    return t === "true" || /^\{ return true; \}$/.test(t);
  }
  return false;
}

function emptyBody(m: Node): boolean {
  const body = m.childForFieldName("body");
  if (!body) return false;
  return body.namedChildren.filter((c) => c && c.type !== "line_comment" && c.type !== "block_comment").length === 0;
}

export function java(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw, true);
  for (const id of ctx.nodes("identifier", "type_identifier")) {
    if (id.text === "NoopHostnameVerifier" || id.text === "ALLOW_ALL_HOSTNAME_VERIFIER" || id.text === "AllowAllHostnameVerifier") {
      if (id.parent?.type === "import_declaration" || id.parent?.type === "scoped_identifier") continue;
      ctx.report({ node: id, message: HOSTNAME });
    } else if (id.text === "TrustAllStrategy") {
      if (id.parent?.type === "import_declaration" || id.parent?.type === "scoped_identifier") continue;
      ctx.report({ node: id, message: MESSAGE });
    }
  }
  for (const call of ctx.nodes("method_invocation")) {
    const name = call.childForFieldName("name")?.text ?? "";
    if (VERIFIER_SETTERS.has(name) && callArguments(call, "java").some(alwaysTrue)) ctx.report({ node: call.childForFieldName("name")!, message: HOSTNAME });
    else if (TRUST_SETTERS.has(name) && callArguments(call, "java").some(alwaysTrue)) ctx.report({ node: call.childForFieldName("name")!, message: MESSAGE });
  }
  for (const m of ctx.nodes("method_declaration")) {
    const name = m.childForFieldName("name");
    if (!name) continue;
    if (name.text === "checkServerTrusted" && emptyBody(m)) ctx.report({ node: name, message: MESSAGE });
    else if (name.text === "verify" && /\bSSLSession\b/.test(m.childForFieldName("parameters")?.text ?? "")) {
      const body = m.childForFieldName("body")?.text.replace(/\s+/g, " ");
      if (body === "{ return true; }") ctx.report({ node: name, message: HOSTNAME });
    }
  }
}
