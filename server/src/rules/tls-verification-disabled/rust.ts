// reqwest / native-tls `danger_accept_invalid_certs(true)` / `danger_accept_invalid_hostnames(true)`.
import type { FileContext } from "../../engine/rule";
import { isBool, methodNameNode, unlessConfigGuarded } from "../_shared/syntax";
import { callArguments } from "../../languages/common";
import { HOSTNAME, MESSAGE } from "./messages";

export function rust(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw, true);
  for (const call of ctx.nodes("call_expression")) {
    const name = methodNameNode(call, "rust");
    if (!name) continue;
    // rustls: .dangerous().set_certificate_verifier(Arc::new(NoVerifier)) / with_custom_certificate_verifier(...)
    if ((name.text === "set_certificate_verifier" || name.text === "with_custom_certificate_verifier") && /NoVerif|NoCertificateVerification|AcceptAll|AcceptAny|Insecure|SkipServerVerification|Danger/i.test(callArguments(call, "rust")[0]?.text ?? "")) {
      ctx.report({ node: name, message: MESSAGE });
      continue;
    }
    if (name.text !== "danger_accept_invalid_certs" && name.text !== "danger_accept_invalid_hostnames") continue;
    if (!isBool(callArguments(call, "rust")[0], true)) continue;
    ctx.report({ node: name, message: name.text === "danger_accept_invalid_hostnames" ? HOSTNAME : MESSAGE });
  }
}
