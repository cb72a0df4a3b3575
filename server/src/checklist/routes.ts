// The route inventory: every route of every project, resolved across files (routers mounted
// elsewhere, prefixes, auth from routers/app/framework configuration) by the same function that
// missing-auth's project phase uses (rules/_shared/routes.ts).
import { relative, sep } from "node:path";
import type { Fact } from "../engine/types";
import type { ScanOutput } from "../project/scan";
import { resolveRoutes } from "../rules/_shared/routes";

export interface RouteEntry {
  project: string;
  method: string;
  path: string;
  file: string;
  line: number;
  handler: string;
  auth: boolean;
  validated: boolean | null;
  paginationBounded: boolean | null;
}

export function collectRoutes(scan: ScanOutput, base: string): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const state of scan.projects) {
    const info = state.loaded.info;
    const byKind = new Map<string, Fact[]>();
    for (const rec of state.files.values()) {
      for (const fact of rec.result.facts) {
        let list = byKind.get(fact.kind);
        if (!list) byKind.set(fact.kind, (list = []));
        list.push(fact);
      }
    }
    const ruleNames = info.config.ruleOptions["missing-auth"]?.authNames;
    const authNames = [...info.config.authNames, ...(Array.isArray(ruleNames) ? ruleNames.filter((x): x is string => typeof x === "string") : [])];
    for (const r of resolveRoutes(info, (k) => byKind.get(k) ?? [], authNames)) {
      routes.push({
        project: info.name,
        method: r.method,
        path: r.path,
        file: relative(base, r.file).split(sep).join("/"),
        line: r.range.start.line + 1,
        handler: r.handler,
        auth: r.auth,
        validated: r.validated,
        paginationBounded: r.paginationBounded,
      });
    }
  }
  return routes;
}

export function routesText(routes: RouteEntry[]): string {
  if (!routes.length) return "no routes found\n";
  const flag = (v: boolean | null, yes: string, no: string) => (v === null ? "-" : v ? yes : no);
  const lines = routes.map(
    (r) =>
      `${r.method.padEnd(7)} ${r.path.padEnd(36)} ${(r.auth ? "auth" : "open").padEnd(5)} ${flag(r.validated, "valid", "raw").padEnd(5)} ${flag(r.paginationBounded, "bounded", "unbounded").padEnd(9)} ${r.file}:${r.line}  ${r.handler}`,
  );
  return lines.join("\n") + "\n";
}
