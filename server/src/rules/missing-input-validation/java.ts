// Java: Spring `@RequestBody`, Micronaut `@Body` and JAX-RS/Quarkus entity parameters without
// `@Valid`/`@Validated`, or typed as a `Map`/`JsonNode`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { namedChildren } from "../_shared/input-common";
import { recordRouteInput } from "./facts";

const JAXRS_CONTEXT = /^(AsyncResponse|SecurityContext|UriInfo|HttpHeaders|Request|HttpServletRequest|HttpServletResponse|ContainerRequestContext|Sse|SseEventSink|RoutingContext|HttpServerRequest)$/;
const SCALAR = /^(String|CharSequence|int|long|Integer|Long|Double|double|BigDecimal|Boolean|boolean)$/;
const CONSTRAINTS = /^(NotBlank|NotEmpty|NotNull|Size|Pattern|Email|Min|Max|Positive|PositiveOrZero|Negative|DecimalMin|DecimalMax|Digits|Length|Range|URL)$/;
const UNSTRUCTURED = /^(java\.util\.)?(Map|HashMap|LinkedHashMap|MultiValueMap)\b|^(JsonNode|ObjectNode|JsonObject|Object)$/;

function annotationNames(p: Node): string[] {
  const mods = namedChildren(p).find((c) => c.type === "modifiers");
  return namedChildren(mods)
    .filter((a) => a.type === "marker_annotation" || a.type === "annotation")
    .map((a) => (a.childForFieldName("name")?.text ?? "").replace(/^.*\./, ""));
}

function annotationHasArgs(p: Node, name: string): boolean {
  const mods = namedChildren(p).find((c) => c.type === "modifiers");
  return namedChildren(mods).some((a) => a.type === "annotation" && (a.childForFieldName("name")?.text ?? "").endsWith(name) && (a.childForFieldName("arguments")?.namedChildren.length ?? 0) > 0);
}

export function java(ctx: FileContext): void {
  const jaxrs = /import\s+(jakarta|javax)\.ws\.rs\b/.test(ctx.file.text);
  for (const m of ctx.nodes("method_declaration")) {
    const methodAnns = annotationNames(m);
    const jaxrsWrite = jaxrs && methodAnns.some((a) => /^(POST|PUT|PATCH|DELETE)$/.test(a));
    const name = m.childForFieldName("name")?.text ?? "";
    let sawBody = false;
    let bad = false;
    for (const p of namedChildren(m.childForFieldName("parameters"))) {
      if (p.type !== "formal_parameter") continue;
      const anns = annotationNames(p);
      const type = (p.childForFieldName("type")?.text ?? "").replace(/\s+/g, "");
      let body = false;
      if (anns.includes("RequestBody")) body = true;
      else if (anns.includes("Body") && !annotationHasArgs(p, "Body")) body = true;
      else if (jaxrsWrite && anns.every((a) => a === "Valid" || a === "Validated" || a === "NotNull") && !/^[a-z]/.test(type) && !JAXRS_CONTEXT.test(type) && !/^(String|InputStream|byte\[\]|Reader)$/.test(type)) body = true;
      if (!body) continue;
      sawBody = true;
      const valid = anns.includes("Valid") || anns.includes("Validated");
      const unstructured = UNSTRUCTURED.test(type);
      // A plain value body (`@Body String name`) is validated by constraints on it, not by @Valid.
      const scalar = SCALAR.test(type);
      if (scalar ? anns.some((a) => CONSTRAINTS.test(a)) : valid && !unstructured) continue;
      bad = true;
      ctx.report({
        node: p,
        message: unstructured
          ? `The request body is bound to an untyped \`${type}\`: bind a DTO with Bean Validation constraints and \`@Valid\` (input validation).`
          : scalar
            ? `The request body is bound to a bare \`${type}\` with no constraint: add Bean Validation constraints (\`@NotBlank @Size(max = …)\`) or bind a validated DTO (input validation).`
            : "The request body is bound without `@Valid`, so its Bean Validation constraints are never checked: annotate the parameter with `@Valid` (input validation).",
      });
    }
    if (sawBody && name) recordRouteInput(ctx, m, name, !bad);
  }
}
