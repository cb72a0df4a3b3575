// gin-contrib/cors, rs/cors, Echo's CORS middleware, go-chi/cors and hand-set headers.
import type { FileContext } from "../../engine/rule";
import { goKeyed, goKeyedValue, isBool, listStrings, unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { callArguments, calleeText, stringValue } from "../../languages/common";
import { ACAO, corsMessage, REFLECTED_HEADER } from "./messages";

function credentialsIn(lit: Node | null | undefined): boolean {
  if (!lit) return false;
  return isBool(goKeyedValue(goKeyed(lit).get("AllowCredentials")), true);
}

function readsRequestOrigin(n: Node): boolean {
  return /Header\.Get\(\s*"Origin"\s*\)|GetHeader\(\s*"Origin"\s*\)|Header\(\)\.Get\(\s*"Origin"\s*\)/i.test(n.text);
}

export function go(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw);
  const text = ctx.file.text;
  const usesCorsPkg = /"github\.com\/(gin-contrib\/cors|rs\/cors|go-chi\/cors)"/.test(text);
  const usesEcho = /"github\.com\/labstack\/echo(\/v\d+)?\/middleware"/.test(text);
  for (const call of ctx.nodes("call_expression")) {
    const callee = calleeText(call, "go");
    // cors.Default() (gin-contrib/cors and rs/cors both allow every origin), cors.AllowAll() (rs/cors)
    if (usesCorsPkg && (callee === "cors.Default" || callee === "cors.AllowAll")) {
      ctx.report({ node: call, ...corsMessage(false) });
      continue;
    }
    // Echo: middleware.CORS() defaults to AllowOrigins ["*"]
    if (usesEcho && callee === "middleware.CORS") {
      ctx.report({ node: call, ...corsMessage(false) });
      continue;
    }
    // w.Header().Set("Access-Control-Allow-Origin", "*"), c.Header(...), c.Response().Header().Set(...)
    if (/(Header\(\)\.(Set|Add)|\.Header)$/.test(callee)) {
      const [h, v] = callArguments(call, "go");
      if (stringValue(h, "go")?.toLowerCase() === ACAO && v && (stringValue(v, "go") === "*" || readsRequestOrigin(v))) ctx.report({ node: call, message: REFLECTED_HEADER });
    }
  }
  // config := cors.DefaultConfig(); config.AllowAllOrigins = true / config.AllowOrigins = []string{"*"}
  for (const asg of ctx.nodes("assignment_statement")) {
    const left = asg.childForFieldName("left")?.text ?? "";
    const right = asg.childForFieldName("right")?.namedChildren[0];
    if (!usesCorsPkg && !usesEcho) continue;
    if (/\.AllowAllOrigins$/.test(left) && isBool(right, true)) ctx.report({ node: asg, ...corsMessage(/\.AllowCredentials\s*=\s*true/.test(text)) });
    else if (/\.(AllowOrigins|AllowedOrigins)$/.test(left) && listStrings(right, "go").includes("*")) ctx.report({ node: asg, ...corsMessage(/\.AllowCredentials\s*=\s*true/.test(text)) });
  }
  for (const lit of ctx.nodes("composite_literal")) {
    const type = lit.childForFieldName("type")?.text ?? "";
    if (!/(^|\.)(Config|Options|CORSConfig)$/.test(type)) continue;
    const keyed = goKeyed(lit);
    const all = keyed.get("AllowAllOrigins");
    if (all && isBool(goKeyedValue(all), true)) {
      ctx.report({ node: all, ...corsMessage(credentialsIn(lit)) });
      continue;
    }
    for (const k of ["AllowOrigins", "AllowedOrigins"]) {
      const el = keyed.get(k);
      if (el && listStrings(goKeyedValue(el), "go").includes("*")) ctx.report({ node: el, ...corsMessage(credentialsIn(lit)) });
    }
    const fn = keyed.get("AllowOriginFunc") ?? keyed.get("AllowOriginRequestFunc");
    const fv = goKeyedValue(fn);
    if (fn && fv?.type === "func_literal") {
      const body = fv.childForFieldName("body")?.text.replace(/\s+/g, " ") ?? "";
      if (/^\{ return true \}$/.test(body)) ctx.report({ node: fn, ...corsMessage(credentialsIn(lit)) });
    }
  }
}
