// A disabled check that only runs when configuration asks for it (an env-driven or explicitly named
// opt-in flag: `if (process.env.ALLOW_INSECURE_TLS)`, `if self.insecure:`) is a decision, not a finding.
import type { FileContext } from "../../engine/rule";
import { guardedByConfig } from "../_shared/syntax";

export function guarded(ctx: FileContext): FileContext {
  return {
    ...ctx,
    file: ctx.file,
    project: ctx.project,
    options: ctx.options,
    nodes: (...types: string[]) => ctx.nodes(...types),
    range: (n) => ctx.range(n),
    fact: (kind, at, data) => ctx.fact(kind, at, data),
    report(args) {
      if (args.node && guardedByConfig(args.node, true)) return;
      ctx.report(args);
    },
  };
}
