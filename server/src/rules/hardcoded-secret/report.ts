// Shared by the per-language detectors: where a literal sits (its "slot": the name it is assigned,
// passed or defaulted to), the verdict, and the *extract secret to env* fix as data.
import type { FileContext } from "../../engine/rule";
import type { Fix, LanguageFamily, Node, Range, TextEdit } from "../../engine/types";
import { envNameFor, secretMessage, secretVerdict, tokenFormat, urlPassword } from "./secrets";

export interface Slot {
  /** The name the value is bound to, for the secret-name test (`api_key`, `JWT_SECRET`). */
  name?: string;
  /** Text naming the target in the message and for the env name (`stripe.apiKey`). */
  target?: string;
  /** The literal is the fallback of an environment lookup of this variable. */
  fallbackOf?: string;
  /** Node the fix replaces (defaults to the literal). */
  replace?: Node;
  /** Replacement text builder given the env variable name; undefined = no fix for this slot. */
  replacement?: (envName: string) => string;
  /** Extra edits (an import) — computed by the language module. */
  extraEdits?: TextEdit[];
  /** Checked only when a finding is reported: may the fix be offered here (not in a const, an annotation)? */
  fixAllowed?: () => boolean;
  /** Keys beside this one in the same object/dict/struct literal, to qualify a generic name. */
  siblingKeys?: string[];
}

const GENERIC = /^(password|passwd|pwd|pass|secret|token|key|apikey|api_key|credentials|auth)$/i;
const DB_KEYS = /^(host|hostname|port|user|username|database|db|dbname|db_name|engine|dialect|driver|schema)$/i;

/** `PASSWORD` beside host/user/database keys becomes `DB_PASSWORD`: an env name that says what it is. */
function qualify(target: string, siblings: string[] | undefined): string {
  if (!GENERIC.test(target) || !siblings) return target;
  return siblings.some((k) => DB_KEYS.test(k)) ? `DB_${target}` : target;
}

const OPEN: Record<LanguageFamily, RegExp> = {
  python: /^[rRbBuU]*("""|'''|"|')/,
  ts: /^["'`]/,
  go: /^["`]/,
  rust: /^b?r?#*"/,
  java: /^"/,
};

/** The range of a literal's content inside its quotes, or undefined for literals a fix should not move. */
export function contentRange(literal: Node, family: LanguageFamily): Range | undefined {
  const text = literal.text;
  const open = OPEN[family].exec(text);
  if (!open || text.includes("\n") || (family === "java" && text.startsWith('"""'))) return undefined;
  const closeLen = family === "rust" ? (/"#*$/.exec(text)?.[0].length ?? 1) : open[1]?.length ?? 1;
  const start = literal.startPosition;
  return {
    start: { line: start.row, character: start.column + open[0].length },
    end: { line: literal.endPosition.row, character: literal.endPosition.column - closeLen },
  };
}

/** Raw strings keep backslashes literally; others are unescaped when written to `.env`. */
function isRaw(literal: Node, family: LanguageFamily): boolean {
  const t = literal.text;
  return (family === "python" && /^[bBuU]*[rR]/.test(t)) || (family === "rust" && /^b?r/.test(t)) || (family === "go" && t.startsWith("`"));
}

/** Words that must appear near a literal for any name-based slot to make it a secret. */
const NEARBY = /pass|pwd|secret|token|key|credential|auth|sign|hmac|jwt|private|fernet|cipher|env|unwrap_or|getOrDefault|orElse|requireNonNullElse|Set(?:Default)?\(/i;

/**
 * Text-only pre-filter, before any syntax-tree access (each costs microseconds through WASM):
 * a literal is worth a look when its value has a token format or inline credentials, or when the
 * text around it mentions something secret-like.
 */
export function worthChecking(text: string, literal: Node, value: string): boolean {
  if (tokenFormat(value) || urlPassword(value)) return true;
  const start = literal.startIndex;
  return NEARBY.test(text.slice(Math.max(0, start - 160), start)) || NEARBY.test(text.slice(literal.endIndex, literal.endIndex + 160));
}

export function check(ctx: FileContext, literal: Node, value: string, slot: Slot): void {
  const verdict = secretVerdict(value, slot.fallbackOf ?? slot.name, { fallback: slot.fallbackOf !== undefined });
  if (!verdict) return;
  const target = slot.fallbackOf ?? slot.target ?? slot.name;
  const fixes: Fix[] = [];
  const base = slot.target ?? slot.name;
  const envName = slot.fallbackOf ?? (base ? envNameFor(qualify(base, slot.siblingKeys)) : verdict.envName ?? "SECRET");
  const valueFrom = contentRange(literal, ctx.file.family);
  if (slot.replacement && valueFrom && (slot.fixAllowed?.() ?? true)) {
    const replace = slot.replace ?? literal;
    fixes.push({
      title: `Extract secret to environment variable ${envName}`,
      applicability: "unsafe",
      edits: [{ range: ctx.range(replace), newText: slot.replacement(envName) }, ...(slot.extraEdits ?? [])],
      files: [{ kind: "env-var", name: envName, valueFrom, unescape: !isRaw(literal, ctx.file.family) }],
    });
  }
  ctx.report({ node: literal, message: secretMessage(value, verdict.reason, target), fixes });
}

/** Climb through parentheses and the given wrapper test; returns the outermost value node. */
export function climb(node: Node, isWrapper: (parent: Node, child: Node) => boolean): Node {
  let n = node;
  for (let p = n.parent; p; p = n.parent) {
    if (p.type === "parenthesized_expression" || isWrapper(p, n)) n = p;
    else break;
  }
  return n;
}

/** Index of `node` among the named children of its parent (comments excluded). */
export function indexIn(parent: Node, node: Node): number {
  return parent.namedChildren.filter((c) => c && !/comment/.test(c.type)).findIndex((c) => c?.id === node.id);
}
