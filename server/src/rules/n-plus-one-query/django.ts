// Django related-object access in loops: `for post in Post.objects.filter(…): post.author.username`
// queries `author` once per post unless the queryset has select_related/prefetch_related. Which
// attributes are relations is only known from the models (often another file), so the detector
// records facts and the project phase decides:
//   django-relation        { model, field, target?, relatedName? }  ForeignKey/OneToOneField/ManyToManyField
//   django-related-access  { model, attr, manager }                 first access of `v.attr` in a loop
import type { FileContext, ProjectContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import { callArguments, stringValue } from "../../languages/common";
import { within } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

export const FACT_RELATION = "django-relation";
export const FACT_ACCESS = "django-related-access";

const REL = /^(models\.)?(ForeignKey|OneToOneField|ManyToManyField|ParentalKey|TreeForeignKey)$/;
const MANAGER_READS = /^(all|filter|exclude|count|exists|first|last|get|values|values_list|order_by|aggregate)$/;

function relationFacts(ctx: FileContext): void {
  // REL names the callee of a field's value: the file's text names it too.
  if (!/ForeignKey|OneToOneField|ManyToManyField|ParentalKey/.test(ctx.file.text)) return;
  for (const cls of ctx.nodes("class_definition")) {
    const model = cls.childForFieldName("name")?.text ?? "";
    const body = cls.childForFieldName("body");
    if (!body) continue;
    for (const st of body.namedChildren) {
      const a = st?.type === "expression_statement" ? st.namedChildren[0] : null;
      if (a?.type !== "assignment") continue;
      const field = a.childForFieldName("left")?.text ?? "";
      const right = a.childForFieldName("right");
      if (right?.type !== "call" || !REL.test(right.childForFieldName("function")?.text ?? "") || !/^\w+$/.test(field)) continue;
      const args = callArguments(right, "python");
      const targetNode = args.find((x) => x.type !== "keyword_argument") ?? args.find((x) => x.type === "keyword_argument" && x.childForFieldName("name")?.text === "to")?.childForFieldName("value");
      const target = targetNode ? (stringValue(targetNode, "python") ?? targetNode.text).split(".").pop() : undefined;
      const rn = args.find((x) => x.type === "keyword_argument" && x.childForFieldName("name")?.text === "related_name")?.childForFieldName("value");
      const relatedName = rn ? stringValue(rn, "python") : undefined;
      ctx.fact(FACT_RELATION, a, { model, field, target: target === "self" ? model : target, relatedName: relatedName ?? `${model.toLowerCase()}_set` });
    }
  }
}

/** The model of a queryset expression (`Post.objects.filter(…)` → Post), unless it prefetches or yields dicts. */
function querysetModel(expr: Node, fnText: string): string | undefined {
  const m = /\b([A-Z]\w*)\.objects\b/.exec(expr.text);
  if (!m) return undefined;
  if (/select_related|prefetch_related|\.values(_list)?\(|\.in_bulk\(/.test(expr.text) || /select_related|prefetch_related/.test(fnText)) return undefined;
  return m[1];
}

function resolveIterable(iter: Node, fn: Node | null, assignments: readonly Node[]): Node | undefined {
  if (iter.type !== "identifier") return iter;
  if (!fn) return undefined;
  let found: Node | undefined;
  for (const a of within(assignments, fn)) {
    if (!a || a.startIndex > iter.startIndex) continue;
    if (a.childForFieldName("left")?.text === iter.text) found = a.childForFieldName("right") ?? undefined;
  }
  return found;
}

export function djangoFacts(ctx: FileContext): void {
  relationFacts(ctx);
  // querysetModel needs `Model.objects` in the iterable's text, which is part of the file's.
  if (!ctx.file.text.includes(".objects")) return;
  const loops: Array<{ varName: string; iter: Node; body: Node }> = [];
  for (const f of ctx.nodes("for_statement")) {
    const left = f.childForFieldName("left");
    const right = f.childForFieldName("right");
    const body = f.childForFieldName("body");
    if (left?.type === "identifier" && right && body) loops.push({ varName: left.text, iter: right, body });
  }
  for (const c of ctx.nodes("list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression")) {
    const clause = c.namedChildren.find((x) => x?.type === "for_in_clause");
    const left = clause?.childForFieldName("left");
    const right = clause?.childForFieldName("right");
    if (left?.type === "identifier" && right) loops.push({ varName: left.text, iter: right, body: c });
  }
  for (const loop of loops) {
    let fn: Node | null = loop.body.parent;
    while (fn && fn.type !== "function_definition") fn = fn.parent;
    const qs = resolveIterable(loop.iter, fn, ctx.nodes("assignment"));
    const model = qs ? querysetModel(qs, fn?.text ?? "") : undefined;
    if (!model) continue;
    const seen = new Set<string>();
    for (const attr of loop.body.descendantsOfType("attribute")) {
      if (!attr || attr.childForFieldName("object")?.text !== loop.varName) continue;
      if (loop.iter.startIndex <= attr.startIndex && attr.endIndex <= loop.iter.endIndex) continue;
      const name = attr.childForFieldName("attribute")?.text ?? "";
      if (/_id$|^(pk|id)$/.test(name) || seen.has(name)) continue;
      // `v.attr(...)` is a method; `v.attr.read(...)` is a related manager.
      const parent = attr.parent;
      if (parent?.type === "call" && parent.childForFieldName("function")?.id === attr.id) continue;
      const outer = parent?.type === "attribute" && parent.childForFieldName("object")?.id === attr.id ? parent : null;
      const manager = !!outer && outer.parent?.type === "call" && MANAGER_READS.test(outer.childForFieldName("attribute")?.text ?? "");
      seen.add(name);
      ctx.fact(FACT_ACCESS, attr, { model, attr: name, manager });
    }
  }
}

export function djangoProject(ctx: ProjectContext): void {
  const relations = ctx.facts(FACT_RELATION);
  if (!relations.length) return;
  for (const a of ctx.facts(FACT_ACCESS)) {
    const model = String(a.data.model);
    const attr = String(a.data.attr);
    const forward = relations.some((r) => r.data.model === model && r.data.field === attr);
    const reverse = a.data.manager === true && !attr.endsWith("_set") && relations.some((r) => r.data.target === model && r.data.relatedName === attr);
    if (!forward && !reverse) continue;
    ctx.report({ file: a.file, range: a.range, message: MESSAGE(`Related-object access \`${attr}\` on \`${model}\` rows (no select_related/prefetch_related)`) });
  }
}
