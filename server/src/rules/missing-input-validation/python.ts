// Python: FastAPI parameters typed `dict`/`Any` and `await request.json()`; Flask `request.get_json()`/
// `request.json`/`request.form[...]` without a schema load; Django `json.loads(request.body)`/
// `request.POST[...]` (DRF `request.data[...]`) without a form or serializer `is_valid()`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { calleeText, enclosingFunction } from "../../languages/common";
import { descendants } from "../_shared/input-common";
import { assignedName, functionParams, isRouteHandler, passedToValidator, usesDjango, usesFastapi, usesFlaskRequest, validatedInFunction } from "../_shared/input-python";
import { recordRouteInput } from "./facts";

const MESSAGE_PARAM = "Request body parameter is typed as an unstructured dict/Any: declare a pydantic model so FastAPI validates the input (input validation).";
const MESSAGE_READ = "Request input is read without a schema: validate it (pydantic model, marshmallow schema, form/serializer `is_valid()`) before use (input validation).";

function isUnstructuredType(t: Node | null): boolean {
  if (!t) return false;
  let text = t.text.replace(/\s+/g, "");
  const ann = /^(typing\.)?Annotated\[(.*)\]$/.exec(text);
  if (ann) {
    if (/\b(Depends|Security|Header|Cookie|Path|Query)\(/.test(ann[2]!)) return false;
    text = ann[2]!.split(",")[0]!;
  }
  text = text.replace(/^(typing\.)?Optional\[(.*)\]$/, "$2").replace(/\|None$/, "");
  return /^((typing\.)?(Dict|Any)|dict|Json|JSONObject)(\[.*\])?$/.test(text);
}

function isDependency(def: Node | null): boolean {
  return !!def && def.type === "call" && /^(fastapi\.)?(Depends|Security|Header|Cookie|Path|Query)$/.test(calleeText(def, "python"));
}

/** A route handler (decorated), a class-based view method, or a Django view (`request` parameter). */
function isRequestHandler(fn: Node): boolean {
  if (isRouteHandler(fn)) return true;
  const name = fn.childForFieldName("name")?.text ?? "";
  const params = functionParams(fn).map((p) => p.name);
  if (params[0] === "self" && /^(get|post|put|patch|delete|create|update|partial_update|destroy|list|retrieve|dispatch|form_valid)$/.test(name)) return true;
  return params[0] === "request" || (params[0] === "self" && params[1] === "request");
}

const READ_CALL_START = /(?:request|req)\s*\.\s*(?:json|get_json)(?!\w)|json\s*\.\s*loads(?!\w)/y;
const REQUEST_JSON_START = /request\.json(?!\w)/y;
const REQUEST_FORM_START = /request\.(?:form|POST|data)(?!\w)/y;
const DJANGO_GET_START = /request\s*\.\s*(?:POST|data)\s*\.\s*get(?!\w)/y;

export function python(ctx: FileContext): void {
  const fastapi = usesFastapi(ctx);
  const flask = usesFlaskRequest(ctx);
  const django = usesDjango(ctx);
  const flagged = new Set<number>();

  if (fastapi) {
    for (const fn of ctx.nodes("function_definition")) {
      if (!isRouteHandler(fn)) continue;
      for (const p of functionParams(fn)) {
        if (!isUnstructuredType(p.type) || isDependency(p.default)) continue;
        ctx.report({ node: p.nameNode, message: MESSAGE_PARAM });
        flagged.add(fn.id);
      }
    }
  }

  const reads: Node[] = [];
  const text = ctx.file.text;
  // Each read is recognised by the text it starts with (the callee or value starts the node; calleeText
  // only drops whitespace): tested on the file text before any syntax-tree access.
  const at = (re: RegExp, n: Node) => ((re.lastIndex = n.startIndex), re.test(text));
  if (fastapi || flask || django) {
    for (const call of ctx.nodes("call")) {
      if (!at(READ_CALL_START, call)) continue;
      const callee = calleeText(call, "python");
      if ((fastapi || flask) && /^(request|req)\.(json|get_json)$/.test(callee)) reads.push(call);
      else if (django && /^json\.loads$/.test(callee) && /^request\.body\b/.test(call.childForFieldName("arguments")?.namedChildren[0]?.text ?? "")) reads.push(call);
    }
  }
  if (flask) {
    for (const attr of ctx.nodes("attribute")) {
      if (at(REQUEST_JSON_START, attr) && attr.text === "request.json" && attr.parent?.type !== "call") reads.push(attr);
    }
  }
  if (flask || django) {
    for (const sub of ctx.nodes("subscript")) {
      if (!at(REQUEST_FORM_START, sub)) continue;
      const v = sub.childForFieldName("value")?.text;
      if ((flask && v === "request.form") || (django && (v === "request.POST" || v === "request.data"))) reads.push(sub);
    }
  }
  if (django) {
    for (const call of ctx.nodes("call")) {
      if (!at(DJANGO_GET_START, call)) continue;
      if (/^request\.(POST|data)\.get$/.test(calleeText(call, "python"))) reads.push(call);
    }
  }
  reads.sort((a, b) => a.startIndex - b.startIndex);
  const seenFn = new Set<number>();
  for (const read of reads) {
    const fn = enclosingFunction(read, "python");
    if (!fn || seenFn.has(fn.id)) continue;
    if (passedToValidator(read)) continue;
    if (validatedInFunction(fn, assignedName(read))) continue;
    // FastAPI's `request.json()` only on a Request parameter.
    if (/\.json$/.test(calleeText(read, "python")) && read.type === "call" && fastapi && !flask) {
      const reqName = calleeText(read, "python").split(".")[0];
      if (!functionParams(fn).some((p) => p.name === reqName)) continue;
    }
    if (!isRequestHandler(fn)) continue;
    seenFn.add(fn.id);
    flagged.add(fn.id);
    ctx.report({ node: read, message: MESSAGE_READ });
  }

  for (const fn of ctx.nodes("function_definition")) {
    if (!isRouteHandler(fn)) continue;
    const name = fn.childForFieldName("name")?.text;
    if (!name) continue;
    const readsBody = flagged.has(fn.id) || descendants(fn, "call", "attribute").some((n) => /request\.(json|get_json|form|POST|body|data)\b/.test(n.text));
    const hasModel = functionParams(fn).some((p) => p.type && /^[A-Z]/.test(p.type.text) && !/^(Request|Response|Session|AsyncSession|BackgroundTasks|Annotated|Optional|Any|Dict|List)/.test(p.type.text));
    if (!readsBody && !hasModel) continue;
    recordRouteInput(ctx, fn, name, !flagged.has(fn.id));
  }
}
