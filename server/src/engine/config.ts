// Configuration: one zod schema for the project file and the editor settings, one resolver of defaults.
// Precedence: project file (backend-checklist.json) over editor settings over defaults (RULES.md).
import { z } from "zod";
import { CHECKLIST_ITEMS, type Severity } from "./types";

const severityOrOff = z.enum(["off", "info", "warning", "error"]);
const ruleSetting = z.union([
  severityOrOff,
  z.object({ severity: severityOrOff.optional() }).catchall(z.unknown()),
]);

export const attestationSchema = z.object({
  status: z.enum(["done", "not-applicable"]),
  note: z.string().optional(),
  by: z.string().optional(),
  at: z.string().optional(),
});
export type Attestation = z.infer<typeof attestationSchema>;

/** `backend-checklist.json` at a project root; all keys optional. */
export const projectFileSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.record(z.string(), ruleSetting).optional(),
    ignore: z.array(z.string()).optional(),
    maxPageSize: z.number().int().positive().optional(),
    authNames: z.array(z.string()).optional(),
    includeTests: z.boolean().optional(),
    checklist: z.partialRecord(z.enum(CHECKLIST_ITEMS), attestationSchema).optional(),
  })
  .loose();
export type ProjectFile = z.infer<typeof projectFileSchema>;

/** The editor settings under `backendChecklist.*`, as the client sends them. */
export const settingsSchema = z
  .object({
    rules: z.record(z.string(), ruleSetting).optional(),
    ignore: z.array(z.string()).optional(),
    maxPageSize: z.number().int().positive().optional(),
    authNames: z.array(z.string()).optional(),
    includeTests: z.boolean().optional(),
    maxFileSizeKb: z.number().int().positive().optional(),
  })
  .loose();
export type Settings = z.infer<typeof settingsSchema>;

export interface ResolvedConfig {
  /** Per rule: "off" or the severity in force; absent = the rule's default. */
  severities: Record<string, Severity | "off">;
  /** Per rule options from the object form. */
  ruleOptions: Record<string, Record<string, unknown>>;
  ignore: string[];
  maxPageSize: number;
  authNames: string[];
  includeTests: boolean;
  maxFileSizeBytes: number;
}

export const DEFAULT_MAX_FILE_KB = 1024;

export function resolveConfig(settings: Settings | undefined, project: ProjectFile | undefined): ResolvedConfig {
  const severities: Record<string, Severity | "off"> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const source of [settings?.rules, project?.rules]) {
    for (const [rule, value] of Object.entries(source ?? {})) {
      if (typeof value === "string") severities[rule] = value;
      else {
        const { severity, ...options } = value;
        if (severity) severities[rule] = severity;
        ruleOptions[rule] = { ...ruleOptions[rule], ...options };
      }
    }
  }
  return {
    severities,
    ruleOptions,
    ignore: [...(settings?.ignore ?? []), ...(project?.ignore ?? [])],
    maxPageSize: project?.maxPageSize ?? settings?.maxPageSize ?? 100,
    authNames: [...(settings?.authNames ?? []), ...(project?.authNames ?? [])],
    includeTests: project?.includeTests ?? settings?.includeTests ?? false,
    maxFileSizeBytes: (settings?.maxFileSizeKb ?? DEFAULT_MAX_FILE_KB) * 1024,
  };
}

export interface ConfigProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * Parse a project file's text. Never throws: a problem is returned with its place so the caller can
 * report it (as a diagnostic on the file, a CLI notice) and keep the last good configuration.
 */
export function parseProjectFile(text: string): { ok: true; value: ProjectFile } | { ok: false; problem: ConfigProblem } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : 0;
    const before = text.slice(0, offset).split("\n");
    return {
      ok: false,
      problem: { message: `invalid JSON: ${message}`, line: before.length - 1, column: before[before.length - 1]!.length },
    };
  }
  const parsed = projectFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join(".");
  const key = issue.path[issue.path.length - 1];
  // Point at the offending key when it can be found in the text.
  let line = 0;
  let column = 0;
  if (key !== undefined) {
    const idx = text.indexOf(JSON.stringify(String(key)));
    if (idx >= 0) {
      const before = text.slice(0, idx).split("\n");
      line = before.length - 1;
      column = before[before.length - 1]!.length;
    }
  }
  return { ok: false, problem: { message: `backend-checklist.json: ${where ? where + ": " : ""}${issue.message}`, line, column } };
}
