// Typed messages shared by the client, the server and the webview. Every custom request and
// notification is declared here once, with a zod schema checked at each boundary.
import { z } from "zod";

export const RULES_NAMESPACE = "backendChecklist";

const position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
export const rangeSchema = z.object({ start: position, end: position });

/** What rides in Diagnostic.data: the fixes of the finding and the document version it came from. */
export const diagnosticDataSchema = z.object({
  version: z.number().int(),
  fixes: z.array(
    z.object({
      title: z.string(),
      applicability: z.enum(["safe", "unsafe"]),
      edits: z.array(z.object({ range: rangeSchema, newText: z.string() })),
      files: z.array(z.object({ kind: z.literal("env-var"), name: z.string(), valueFrom: rangeSchema, unescape: z.boolean().optional() })).optional(),
      deferred: z.object({ resolver: z.string(), payload: z.record(z.string(), z.unknown()) }).optional(),
    }),
  ),
});
export type DiagnosticData = z.infer<typeof diagnosticDataSchema>;

/** What rides in CodeAction.data until codeAction/resolve. */
export const codeActionDataSchema = z.object({
  uri: z.string(),
  version: z.number().int(),
  rule: z.string(),
  fix: diagnosticDataSchema.shape.fixes.element,
});
export type CodeActionData = z.infer<typeof codeActionDataSchema>;

export const Methods = {
  /** Client → server: the checklist of every project in the workspace. */
  checklist: "backendChecklist/checklist",
  /** Server → client: the checklist changed (payload as the request's result). */
  checklistChanged: "backendChecklist/checklistChanged",
  /** Client → server: the route inventory. */
  routes: "backendChecklist/routes",
  /** Client → server: attest or un-attest an item. */
  attest: "backendChecklist/attest",
} as const;
