// Shared by the unbounded-pagination detectors: the message, the fix title, and the per-handler
// pagination state (read by the `route-input` fact).
import type { Node } from "../../engine/types";

export const FIX_TITLE = (max: number): string => `Add pagination bounds (1…${max})`;

export function message(name: string): string {
  return `Page size \`${name}\` has no upper bound before it reaches the query: a client can ask for every row at once. Clamp or validate it (input validation).`;
}

/** Per handler (function node id): false when some page size is unbounded, true when all are bounded. */
export class PaginationState {
  readonly byHandler = new Map<number, { node: Node; bounded: boolean }>();
  bounded(fn: Node): void {
    if (!this.byHandler.has(fn.id)) this.byHandler.set(fn.id, { node: fn, bounded: true });
  }
  unbounded(fn: Node): void {
    this.byHandler.set(fn.id, { node: fn, bounded: false });
  }
}
