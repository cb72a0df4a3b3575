// Spring @CrossOrigin / CorsRegistry / CorsConfiguration, and hand-set headers.
import type { FileContext } from "../../engine/rule";
import { chainCalls, chainTop, isBool, listStrings, unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { callArguments, stringValue } from "../../languages/common";
import { ACAO, corsMessage, REFLECTED_HEADER } from "./messages";

const ORIGIN_METHODS = new Set(["allowedOrigins", "allowedOriginPatterns", "addAllowedOrigin", "addAllowedOriginPattern", "setAllowedOrigins", "setAllowedOriginPatterns"]);

function allStrings(args: Node[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const s = stringValue(a, "java");
    if (s !== undefined) out.push(s);
    else if (a.type === "method_invocation" && /^(List|Set|Arrays)\.(of|asList)$/.test(`${a.childForFieldName("object")?.text}.${a.childForFieldName("name")?.text}`)) out.push(...allStrings(callArguments(a, "java")));
    else out.push(...listStrings(a, "java"));
  }
  return out;
}

function chainCredentials(call: Node): boolean {
  return chainCalls(chainTop(call, "java"), "java").some((c) => /^(allowCredentials|setAllowCredentials)$/.test(c.childForFieldName("name")?.text ?? "") && isBool(callArguments(c, "java")[0], true));
}

export function java(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw);
  const text = ctx.file.text;
  const fileCredentials = /setAllowCredentials\(\s*true\s*\)/.test(text);
  for (const ann of ctx.nodes("annotation", "marker_annotation")) {
    if (ann.childForFieldName("name")?.text !== "CrossOrigin") continue;
    const args = ann.childForFieldName("arguments");
    let origins: string[] | undefined;
    let credentials = false;
    for (const c of args?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === "element_value_pair") {
        const key = c.childForFieldName("key")?.text;
        const value = c.childForFieldName("value");
        if (key === "origins" || key === "value" || key === "originPatterns") origins = [...(origins ?? []), ...listStrings(value, "java")];
        if (key === "allowCredentials" && stringValue(value, "java") === "true") credentials = true;
      } else origins = [...(origins ?? []), ...listStrings(c, "java")];
    }
    if (origins === undefined || origins.includes("*")) ctx.report({ node: ann, ...corsMessage(credentials) });
  }
  for (const call of ctx.nodes("method_invocation")) {
    const name = call.childForFieldName("name")?.text ?? "";
    const args = callArguments(call, "java");
    if (ORIGIN_METHODS.has(name)) {
      if (allStrings(args).includes("*")) ctx.report({ node: call.childForFieldName("name")!, ...corsMessage(chainCredentials(call) || fileCredentials) });
      continue;
    }
    if (["setHeader", "addHeader", "header", "add", "putSingle", "set"].includes(name) && args.length >= 2) {
      const h = stringValue(args[0], "java")?.toLowerCase();
      const isAcao = h === ACAO || /ACCESS_CONTROL_ALLOW_ORIGIN$/.test(args[0]!.text);
      if (isAcao && (stringValue(args[1], "java") === "*" || /getHeader\(\s*("Origin"|HttpHeaders\.ORIGIN)\s*\)/i.test(args[1]!.text))) {
        ctx.report({ node: call.childForFieldName("name")!, message: REFLECTED_HEADER });
      }
    }
  }
}
