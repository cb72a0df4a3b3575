import type { FileContext } from "../../engine/rule";
export function go(ctx: FileContext): void { void ctx; }
