// Reports of the `routes` and `checklist` commands, built from a scan. The checklist itself is
// computed by ../checklist; the route inventory by the rules' facts (kind "route").
import { buildChecklists, checklistMarkdown, checklistText } from "../checklist";
import { collectRoutes, routesText } from "../checklist/routes";
import { ALL_RULES } from "../rules";
import type { ScanOutput } from "../project/scan";

export function checklistReport(scan: ScanOutput, base: string) {
  const projects = buildChecklists(scan, base, { rules: ALL_RULES });
  return { json: projects, text: checklistText(projects), markdown: checklistMarkdown(projects) };
}

export function routesReport(scan: ScanOutput, base: string) {
  const routes = collectRoutes(scan, base);
  return { json: { routes }, text: routesText(routes) };
}
