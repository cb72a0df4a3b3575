// Go: sql.Open, sqlx.Open/Connect, pgx.Connect, pgxpool.New, gorm.Open inside handlers.
import type { FileContext } from "../../engine/rule";
import { calleeText } from "../../languages/common";
import { inRequestPath } from "../_shared/app-handlers";
import { goImports } from "../_shared/app-imports";
import { headAt } from "../_shared/app-nodes";
import { MESSAGE } from "./message";

const OPENERS: Array<[RegExp, RegExp]> = [
  [/^database\/sql$/, /^Open(DB)?$/],
  [/jmoiron\/sqlx$/, /^(Open|Connect|MustOpen|MustConnect)$/],
  [/jackc\/pgx(\/v\d+)?$/, /^Connect(Config)?$/],
  [/jackc\/pgx(\/v\d+)?\/pgxpool$/, /^(New|NewWithConfig|Connect)$/],
  [/^gorm\.io\/gorm$|jinzhu\/gorm$/, /^Open$/],
  [/go\.mongodb\.org\/mongo-driver(\/v\d+)?\/mongo$/, /^(Connect|NewClient)$/],
];

export function go(ctx: FileContext): void {
  const imports = goImports(ctx);
  // `pkg.Func` with pkg imported from a driver: the package name starts the call's text.
  const pkgs = new Set([...imports].filter(([, path]) => OPENERS.some(([p]) => p.test(path))).map(([name]) => name));
  if (!pkgs.size) return;
  const text = ctx.file.text;
  for (const call of ctx.nodes("call_expression")) {
    const head = headAt(text, call.startIndex);
    if (head !== undefined && !pkgs.has(head)) continue;
    const callee = calleeText(call, "go");
    const m = /^(\w+)\.(\w+)$/.exec(callee);
    if (!m) continue;
    const path = imports.get(m[1]!);
    if (!path || !OPENERS.some(([p, f]) => p.test(path) && f.test(m[2]!))) continue;
    if (!inRequestPath(call, ctx)) continue;
    ctx.report({ node: call, message: MESSAGE(callee) });
  }
}
