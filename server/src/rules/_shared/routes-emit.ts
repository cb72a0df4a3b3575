// Recording route-inventory facts from a detector (see routes-model.ts for the kinds).
import type { FileContext } from "../../engine/rule";
import type { Node, Range } from "../../engine/types";
import type { GlobalAuthData, ImportData, MountData, RouteData, RouterData, UseData } from "./routes-model";

export class RouteFacts {
  constructor(private readonly ctx: FileContext) {}
  get rel(): string {
    return this.ctx.file.relPath;
  }
  varKey(name: string): string {
    return `v:${this.rel}:${name}`;
  }
  route(at: Node | Range, d: RouteData): void {
    this.ctx.fact("route", at, { ...d });
  }
  router(at: Node, d: RouterData): void {
    this.ctx.fact("router", at, { ...d });
  }
  mount(at: Node, d: MountData): void {
    this.ctx.fact("mount", at, { ...d });
  }
  use(at: Node, d: UseData): void {
    this.ctx.fact("use", at, { ...d });
  }
  import(at: Node, d: ImportData): void {
    this.ctx.fact("import", at, { ...d });
  }
  authCode(at: Node, name: string): void {
    this.ctx.fact("auth-code", at, { name });
  }
  dep(at: Node, name: string, deps: string[]): void {
    if (deps.length) this.ctx.fact("dep", at, { name, deps });
  }
  /** Functions called by a function (for wrapper middleware that delegates to an auth check). */
  calls(at: Node, name: string, callees: string[]): void {
    const uniq = [...new Set(callees)].slice(0, 40);
    if (uniq.length) this.ctx.fact("calls", at, { name, calls: uniq });
  }
  global(at: Node, d: GlobalAuthData): void {
    this.ctx.fact("global-auth", at, { ...d });
  }
  input(at: Node, handler: string, validated: boolean | null, paginationBounded: boolean | null): void {
    this.ctx.fact("route-input-local", at, { handler, validated, paginationBounded });
  }
}

/** The synthetic middleware name of inline code that authenticates (matches the auth-like names). */
export const INLINE_AUTH = "inline-auth";

export const PAGE_SIZE_RE = /^(limit|page_?size|pagesize|per_?page|perpage|size|take|top|max_?results|maxresults|count)$/i;
