// The `route-input` fact: one per handler that reads request input, keyed by handler name, for the
// route inventory (`routes` command): `{ handler, validated, paginationBounded }`.
import type { FileContext } from "../../engine/rule";
import type { Node } from "../../engine/types";
import type { RouteInputFact } from "../_shared/input-common";

/** Handlers' pagination state, filled by the pagination analysis of the same file (id of the function node → bounded). */
export type PaginationByHandler = Map<number, boolean>;

export function recordRouteInput(ctx: FileContext, fn: Node, handler: string, validated: boolean, pagination?: PaginationByHandler): void {
  const bounded = pagination?.get(fn.id);
  const data: RouteInputFact = { handler, validated, paginationBounded: bounded === undefined ? null : bounded };
  ctx.fact("route-input", fn, { ...data });
}
