import type { FileContext } from "../../engine/rule";
export function java(ctx: FileContext): void { void ctx; }
