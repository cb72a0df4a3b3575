import type { FileContext } from "../../engine/rule";
export function rust(ctx: FileContext): void { void ctx; }
