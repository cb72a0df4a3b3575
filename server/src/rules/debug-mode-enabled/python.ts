// Python: Flask `app.run(debug=True)` / `app.debug = True` / `app.config["DEBUG"] = True`, Django
// `DEBUG = True` in a settings module, `FastAPI(debug=True)` / `Starlette(debug=True)`. Only the literal
// `True`: a value read from the environment or configuration is not a finding.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeName, calleeText } from "../../languages/common";

const MESSAGE = (what: string) =>
  `${what} enables debug mode: tracebacks and internals are shown to clients and the debugger may execute code (error-handling checklist item). Read it from the environment, off by default.`;

/** Settings files meant for development or tests, where DEBUG = True is the point. */
const DEV_SETTINGS = /(^|[/_.-])(dev|devel|development|local|test|tests|testing|ci)(\.py$|[/_.-])/i;

function isDjangoSettings(ctx: FileContext): boolean {
  const rel = ctx.file.relPath;
  if (DEV_SETTINGS.test(rel.split("/").slice(-2).join("/"))) return false;
  if (/(^|\/)settings(\/[^/]+)?\.py$/.test(rel) || /(^|\/)settings[^/]*\.py$/.test(rel)) return true;
  // Any module that looks like Django settings.
  return /^(INSTALLED_APPS|MIDDLEWARE|ROOT_URLCONF|ALLOWED_HOSTS)\s*=/m.test(ctx.file.text);
}

export function python(ctx: FileContext): void {
  // A call is reported for its `debug=` / `DEBUG=` keyword argument, whose name is in the text.
  for (const call of /debug|DEBUG/.test(ctx.file.text) ? ctx.nodes("call") : []) {
    const name = calleeName(call, "python");
    const callee = calleeText(call, "python");
    const isRun = name === "run" && callee.includes(".");
    const isApp = /^(fastapi\.)?FastAPI$|^(starlette\.applications\.)?Starlette$/.test(callee);
    const isUpdate = /\.config\.(update|from_mapping)$/.test(callee);
    if (!isRun && !isApp && !isUpdate) continue;
    const key = isUpdate ? "DEBUG" : "debug";
    const kw = call.childForFieldName("arguments")?.namedChildren.find((a) => a?.type === "keyword_argument" && a.childForFieldName("name")?.text === key);
    if (kw?.childForFieldName("value")?.type !== "true" || guardedByEnvironment(call)) continue;
    ctx.report({ node: call, message: MESSAGE(`\`${callee}(${key}=True)\``) });
  }
  for (const asg of ctx.nodes("assignment")) {
    const left = asg.childForFieldName("left");
    const right = asg.childForFieldName("right");
    if (!left || right?.type !== "true" || guardedByEnvironment(asg)) continue;
    if (left.type === "identifier" && left.text === "DEBUG") {
      if (!isModuleLevel(asg) || !isDjangoSettings(ctx)) continue;
      ctx.report({ node: asg, message: MESSAGE("`DEBUG = True` in Django settings") });
    } else if (left.type === "attribute" && left.childForFieldName("attribute")?.text === "debug" && isFlaskApp(ctx, left.childForFieldName("object"))) {
      ctx.report({ node: asg, message: MESSAGE(`\`${left.text} = True\``) });
    } else if (left.type === "subscript" && /\.config$/.test(left.childForFieldName("value")?.text ?? "") && /^["']DEBUG["']$/.test(left.childForFieldName("subscript")?.text ?? "")) {
      ctx.report({ node: asg, message: MESSAGE(`\`${left.text} = True\``) });
    }
  }
}

/** `app` in `app.debug = True`: a name bound to `Flask(...)` in this file, or `app` in a Flask project. */
function isFlaskApp(ctx: FileContext, obj: Node | null): boolean {
  if (obj?.type !== "identifier") return false;
  const bound = ctx.nodes("assignment").some((a) => a.childForFieldName("left")?.text === obj.text && /^(flask\.)?Flask\(/.test(a.childForFieldName("right")?.text ?? ""));
  return bound || (obj.text === "app" && ctx.project.frameworks.includes("flask"));
}

/** `if os.environ.get("ENV") == "development": app.run(debug=True)`: the environment decides. */
export function guardedByEnvironment(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "if_statement" || n.type === "elif_clause" || n.type === "conditional_expression") {
      const cond = n.childForFieldName("condition")?.text ?? (n.type === "conditional_expression" ? n.text : "");
      if (/\b(environ|getenv|env|settings|config|args|options|opts|debug)\b/i.test(cond)) return true;
    }
  }
  return false;
}

function isModuleLevel(asg: Node): boolean {
  const stmt = asg.parent;
  return stmt?.type === "expression_statement" && stmt.parent?.type === "module";
}
