// TS/JS: Express `req.body` with no validation middleware on the route and no schema parse/validate
// in the handler; Fastify routes reading `request.body` without `schema.body`; NestJS `@Body()`
// typed `any`/`object`/`unknown`/`Record<…>`.
import type { FileContext, ProjectContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { descendants } from "../_shared/input-common";
import { decoratorName, decorators, firstParamName, handlerLikeFunctions, handlerName, memberReads, objectProp, resolveObject, tsRouteRefs, tsRoutes } from "../_shared/input-ts";
import { recordRouteInput } from "./facts";

const VALIDATION_MIDDLEWARE = /valid|schema|celebrate|zod|joi|yup|\bcheck\w*\(|\b(body|param|query)\(|sanitiz|dto|ajv|typebox/i;
/** Body parsers read the body; they do not check it. */
const BODY_PARSER = /bodyParser|express\.(json|urlencoded|raw|text)|multer|upload\.|\.single\(|\.array\(|\.fields\(/;
const VALIDATE_METHODS = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validateOrReject|assert|assertEquals|cast|Check|Decode)$/;
const VALIDATE_FUNCTIONS = /^(validationResult|matchedData|validate|validateOrReject|validateSync|plainToInstance|plainToClass|assert|is|parse)$/;

function validatesInHandler(fn: Node): boolean {
  for (const call of descendants(fn, "call_expression")) {
    const f = call.childForFieldName("function");
    if (f?.type === "member_expression") {
      const prop = f.childForFieldName("property")?.text ?? "";
      const obj = f.childForFieldName("object")?.text ?? "";
      // `JSON.parse` and `Number.parseInt` are not schema checks.
      if (VALIDATE_METHODS.test(prop) && !/^(JSON|Number|Date|path|url|querystring|qs)$/.test(obj)) return true;
    } else if (f?.type === "identifier" && VALIDATE_FUNCTIONS.test(f.text)) return true;
  }
  return false;
}

function onlyLogged(read: Node): boolean {
  for (let p = read.parent; p && !/statement|function|arrow/.test(p.type); p = p.parent) {
    if (p.type === "call_expression") return /^(console|logger|log|this\.logger|req\.log|request\.log|fastify\.log|app\.log)\.\w+$/.test(p.childForFieldName("function")?.text ?? "");
  }
  return false;
}

const UNSTRUCTURED = /^(any|object|Object|unknown|Record<.*>|\{\s*\[[^\]]*\]\s*:.*\}|Map<.*>)$/s;

const HANDLER_FACT = "input-ts-body-handler";
const ROUTE_REF_FACT = "input-ts-route-ref";

/** Does the registration validate the body (validation middleware, Fastify `schema.body`)? */
function refValidated(ctx: FileContext, middleware: Node[], options: Node | null, fastify: boolean): boolean {
  if (fastify) {
    const schemaNode = objectProp(options, "schema");
    if (schemaNode) {
      const schema = resolveObject(ctx, schemaNode);
      if (!schema || objectProp(schema, "body")) return true;
    }
  }
  return middleware.some((m) => !BODY_PARSER.test(m.text) && VALIDATION_MIDDLEWARE.test(m.text));
}

/**
 * Project phase: a handler declared in one file reading the body without validating it, registered in
 * another file. Reported when every registration naming it lacks validation (and there is one).
 */
export function tsProject(pctx: ProjectContext): void {
  const refs = pctx.facts(ROUTE_REF_FACT);
  for (const h of pctx.facts(HANDLER_FACT)) {
    const mine = refs.filter((r) => r.data.name === h.data.name && r.file !== h.file);
    if (!mine.length || mine.some((r) => r.data.validated)) continue;
    pctx.report({
      file: h.file,
      range: h.range,
      message: h.data.fastify
        ? "`request.body` is used but the route declares no `schema.body`: add a JSON schema (or a type-provider schema) so Fastify validates it (input validation)."
        : "`req.body` is used without validation middleware or a schema parse (zod, joi, express-validator): validate it before use (input validation).",
    });
  }
}

export function ts(ctx: FileContext): void {
  // NestJS @Body() parameters.
  for (const p of ctx.nodes("required_parameter", "optional_parameter")) {
    const body = decorators(p).find((d) => decoratorName(d) === "Body");
    if (!body) continue;
    const call = body.namedChildren[0];
    const args = call?.type === "call_expression" ? (call.childForFieldName("arguments")?.namedChildren ?? []) : [];
    if (args.some((a) => a?.type === "string")) continue; // @Body("field"): one property, typed on its own
    const t = p.childForFieldName("type")?.namedChildren[0]?.text.trim();
    if (t !== undefined && !UNSTRUCTURED.test(t)) continue;
    ctx.report({ node: p, message: "`@Body()` is typed without a shape (any/object/Record): declare a DTO class with class-validator decorators so the ValidationPipe checks it (input validation)." });
    const m = p.parent?.parent;
    const name = m?.type === "method_definition" ? m.childForFieldName("name")?.text : undefined;
    if (m && name) recordRouteInput(ctx, m, name, false);
  }

  // Express / Fastify routes.
  const routes = tsRoutes(ctx);
  const local = new Set(routes.map((r) => r.handler.id));
  // Handlers registered in another file: judged in the project phase with their registrations.
  for (const h of handlerLikeFunctions(ctx)) {
    if (local.has(h.fn.id)) continue;
    const reads = memberReads(h.fn, h.req, "body").filter((r) => !onlyLogged(r));
    if (!reads.length || validatesInHandler(h.fn)) continue;
    ctx.fact(HANDLER_FACT, reads[0]!, { name: h.name, fastify: h.req === "request" });
  }
  for (const ref of tsRouteRefs(ctx)) {
    ctx.fact(ROUTE_REF_FACT, ref.call, { name: ref.name, validated: refValidated(ctx, ref.middleware, ref.options, ref.fastify) });
  }
  for (const route of routes) {
    const req = firstParamName(route.handler);
    if (!req) continue;
    // Reads that only go to a log are not uses of the input.
    const reads = memberReads(route.handler, req, "body").filter((r) => !onlyLogged(r));
    if (!reads.length) continue;
    const validated = validatesInHandler(route.handler) || refValidated(ctx, route.middleware, route.options, route.fastify);
    recordRouteInput(ctx, route.handler, handlerName(route), validated);
    if (validated) continue;
    ctx.report({
      node: reads[0]!,
      message: route.fastify
        ? "`request.body` is used but the route declares no `schema.body`: add a JSON schema (or a type-provider schema) so Fastify validates it (input validation)."
        : "`req.body` is used without validation middleware or a schema parse (zod, joi, express-validator): validate it before use (input validation).",
    });
  }
}
