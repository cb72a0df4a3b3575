// Python: `raise X(...)` inside an `except` block without `from`. `from None` is deliberate, a bare
// `raise` and `raise <caught name>` re-raise the original: none of these is a finding.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node, TextEdit } from "../../engine/types";
import { enclosingFunction } from "../../languages/common";
import { enclosingHandler, freshName, handlerBinding } from "../_shared/errors";
import { MESSAGE, FIX_TITLE } from "./messages";

export function python(ctx: FileContext): void {
  for (const raise of ctx.nodes("raise_statement")) {
    if (raise.childForFieldName("cause")) continue;
    const value = raise.namedChildren.find((c) => c && c.type !== "comment") ?? null;
    if (!value) continue; // bare `raise`
    const handler = enclosingHandler(raise, "python");
    if (!handler) continue;
    const bound = handlerBinding(handler, "python");
    if (bound && value.type === "identifier" && value.text === bound.text) continue; // `raise e`
    // Re-raising any caught exception object (`raise exc_info[1]`, `raise self._error`) is not a new error.
    if (value.type !== "call" && value.type !== "identifier" && value.type !== "attribute") continue;
    // A variable holding an error of unknown origin (`raise error`, `raise self._error`) is not flagged;
    // a class (`raise NotFound`, `raise errors.NotFound`) is.
    if (value.type !== "call" && !/^[A-Z]/.test(value.text.split(".").pop() ?? "")) continue;
    ctx.report({ node: raise, message: MESSAGE.python, fixes: fixFor(ctx, value, handler, bound) });
  }
}

function fixFor(ctx: FileContext, value: Node, handler: Node, bound: Node | null): Fix[] {
  const edits: TextEdit[] = [];
  let name = bound?.text;
  if (!name) {
    const scope = enclosingFunction(handler, "python") ?? ctx.file.tree.rootNode;
    name = freshName(scope);
    const type = handler.childForFieldName("value");
    if (type) {
      // A non-empty range: two raises in one handler must not both add the binding in one pass.
      edits.push({ range: ctx.range(type), newText: `${type.text} as ${name}` });
    } else {
      // bare `except:` catches BaseException; naming it keeps the same behaviour.
      const kw = handler.children.find((c) => c?.type === "except");
      if (!kw) return [];
      edits.push({ range: ctx.range(kw), newText: `except BaseException as ${name}` });
    }
  }
  const end = ctx.range(value).end;
  edits.push({ range: { start: end, end }, newText: ` from ${name}` });
  return [{ title: FIX_TITLE, applicability: "safe", edits }];
}
