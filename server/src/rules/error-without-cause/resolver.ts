// Deferred part of the TS/JS "wrap with cause" fix for custom error classes: does the constructor
// accept `{ cause }` at the options position and forward it to `Error`? Answered with ts-morph, which
// is loaded lazily on first use (never at server start or on the keystroke path) from the separate
// bundle dist/semantic.js; test bundles, which have no such file beside them, fall back to the
// source module with ts-morph from node_modules.
import * as path from "node:path";
import { registerResolver } from "../../engine/resolvers";
import type { SemanticModule } from "../_shared/semantic-api";

export const TS_CAUSE_RESOLVER = "error-without-cause/ts-cause";

let semantic: SemanticModule | undefined;

export function loadSemantic(): SemanticModule {
  if (semantic) return semantic;
  try {
    // A computed path: esbuild leaves it alone, so ts-morph is not pulled into the main bundles.
    semantic = require(path.join(__dirname, "semantic.js")) as SemanticModule;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: evaluated only here
    semantic = require("../_shared/semantic") as SemanticModule;
  }
  return semantic;
}

registerResolver(TS_CAUSE_RESOLVER, async (payload, env) => {
  const className = payload["className"];
  const line = payload["line"];
  const character = payload["character"];
  const argCount = payload["argCount"];
  if (typeof className !== "string" || typeof line !== "number" || typeof character !== "number" || typeof argCount !== "number") return null;
  const ok = loadSemantic().acceptsCause({ filePath: env.filePath, text: env.text, className, line, character, argCount, readFile: env.readFile });
  return ok ? { edits: [] } : null;
});
