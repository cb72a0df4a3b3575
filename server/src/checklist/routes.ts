// The route inventory: routes recorded as facts (kind "route") by framework detectors.
import { relative, sep } from "node:path";
import type { ScanOutput } from "../project/scan";

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
    for (const rec of state.files.values()) {
      for (const fact of rec.result.facts) {
        if (fact.kind !== "route") continue;
        const d = fact.data;
        routes.push({
          project: state.loaded.info.name,
          method: String(d.method ?? "GET"),
          path: String(d.path ?? ""),
          file: relative(base, fact.file).split(sep).join("/"),
          line: fact.range.start.line + 1,
          handler: String(d.handler ?? ""),
          auth: d.auth === true,
          validated: typeof d.validated === "boolean" ? d.validated : null,
          paginationBounded: typeof d.paginationBounded === "boolean" ? d.paginationBounded : null,
        });
      }
    }
  }
  return routes;
}

export function routesText(routes: RouteEntry[]): string {
  if (!routes.length) return "no routes found\n";
  const lines = routes.map((r) => `${r.method.padEnd(7)} ${r.path.padEnd(32)} ${r.auth ? "auth" : "open"}  ${r.file}:${r.line}  ${r.handler}`);
  return lines.join("\n") + "\n";
}
