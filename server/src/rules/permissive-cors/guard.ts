// An open CORS policy applied only when the environment says so (`if settings.DEBUG:`,
// `if (process.env.NODE_ENV !== "production")`) is a development setting, not a finding.
import type { FileContext } from "../../engine/rule";
import { guardedByConfig } from "../_shared/syntax";

export function envGuarded(ctx: FileContext): FileContext {
  return {
    ...ctx,
    file: ctx.file,
    project: ctx.project,
    options: ctx.options,
    nodes: (...types: string[]) => ctx.nodes(...types),
    range: (n) => ctx.range(n),
    fact: (kind, at, data) => ctx.fact(kind, at, data),
    report(args) {
      if (args.node && guardedByConfig(args.node)) return;
      ctx.report(args);
    },
  };
}
