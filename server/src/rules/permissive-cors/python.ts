// FastAPI/Starlette CORSMiddleware, Flask-CORS, django-cors-headers settings, and a hand-set
// Access-Control-Allow-Origin header.
import type { FileContext } from "../../engine/rule";
import { isBool, kwValue, listStrings, pyDict, pyKwargs, pyPositional, unlessConfigGuarded } from "../_shared/syntax";
import type { Node } from "../../engine/types";
import { calleeName, calleeText, stringValue } from "../../languages/common";
import { ACAO, corsMessage, REFLECTED_HEADER } from "./messages";

const ANY_REGEX = /^\^?\.[*+]\$?$/;

function anyOrigin(values: string[]): boolean {
  return values.includes("*");
}

/** Whether the request's own Origin header is read: `request.headers.get("Origin")`, `request.headers["origin"]`. */
function readsRequestOrigin(n: Node): boolean {
  return /\bheaders\b.*["']origin["']/i.test(n.text) || /\bMETA\s*\[\s*["']HTTP_ORIGIN["']/.test(n.text) || /\bMETA\.get\(\s*["']HTTP_ORIGIN["']/.test(n.text);
}

export function python(raw: FileContext): void {
  const ctx = unlessConfigGuarded(raw);
  const text = ctx.file.text;
  for (const call of ctx.nodes("call")) {
    const name = calleeName(call, "python");
    const kw = pyKwargs(call);
    // app.add_middleware(CORSMiddleware, allow_origins=[...]) / Middleware(CORSMiddleware, ...)
    const first = pyPositional(call)[0];
    const isStarlette = name === "CORSMiddleware" || ((name === "add_middleware" || name === "Middleware") && first?.text.endsWith("CORSMiddleware"));
    if (isStarlette) {
      const origins = kw.get("allow_origins");
      const regex = kw.get("allow_origin_regex");
      const credentials = isBool(kwValue(kw.get("allow_credentials")), true);
      if (origins && anyOrigin(listStrings(kwValue(origins), "python"))) ctx.report({ node: call, ...corsMessage(credentials) });
      else if (regex) {
        const v = stringValue(kwValue(regex), "python");
        if (v !== undefined && ANY_REGEX.test(v)) ctx.report({ node: call, ...corsMessage(credentials) });
      }
      continue;
    }
    // Flask-CORS: CORS(app) without origins, CORS(app, origins="*"), @cross_origin()
    if ((name === "CORS" && /flask_cors/.test(text)) || (name === "cross_origin" && /flask_cors/.test(text))) {
      const credentials = isBool(kwValue(kw.get("supports_credentials")), true);
      const origins = kw.get("origins");
      const resources = kw.get("resources");
      if (origins) {
        const vals = listStrings(kwValue(origins), "python");
        if (anyOrigin(vals) || vals.some((v) => ANY_REGEX.test(v))) ctx.report({ node: call, ...corsMessage(credentials) });
      } else if (resources) {
        const r = kwValue(resources);
        if (r?.type === "dictionary") {
          let any = false;
          for (const pair of r.namedChildren) {
            const v = pair?.childForFieldName("value");
            if (v?.type !== "dictionary") continue;
            const o = pyDict(v).keys.get("origins");
            if (!o) any = true;
            else if (anyOrigin(listStrings(o.childForFieldName("value"), "python"))) any = true;
          }
          if (any) ctx.report({ node: call, ...corsMessage(credentials) });
        }
      } else if (!/\bCORS_(ORIGINS|RESOURCES)\b/.test(text)) ctx.report({ node: call, ...corsMessage(credentials) });
      continue;
    }
    // response.headers.__setitem__ alternatives: resp.headers.add("Access-Control-Allow-Origin", "*")
    if ((name === "add" || name === "set" || name === "setdefault" || name === "__setitem__") && /headers/.test(calleeText(call, "python"))) {
      const [h, v] = pyPositional(call);
      if (stringValue(h, "python")?.toLowerCase() === ACAO && v && (stringValue(v, "python") === "*" || readsRequestOrigin(v))) ctx.report({ node: call, message: REFLECTED_HEADER });
    }
  }
  for (const asg of ctx.nodes("assignment")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (!left || !right) continue;
    // Django: CORS_ALLOW_ALL_ORIGINS = True / CORS_ORIGIN_ALLOW_ALL = True
    if (left.type === "identifier" && (left.text === "CORS_ALLOW_ALL_ORIGINS" || left.text === "CORS_ORIGIN_ALLOW_ALL") && isBool(right, true)) {
      const credentials = /^\s*CORS_ALLOW_CREDENTIALS\s*=\s*True\b/m.test(text);
      ctx.report({ node: asg, ...corsMessage(credentials) });
      continue;
    }
    // response["Access-Control-Allow-Origin"] = "*" / resp.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
    if (left.type === "subscript" && stringValue(left.childForFieldName("subscript"), "python")?.toLowerCase() === ACAO) {
      if (stringValue(right, "python") === "*" || readsRequestOrigin(right)) ctx.report({ node: asg, message: REFLECTED_HEADER });
    }
  }
}
