// Deferred parts of fixes, computed when a code action is resolved or `--fix` applies it: type
// information (ts-morph) and other work kept off the keystroke path. A resolver returns the edits to
// add (possibly none) or null to veto the fix.
import type { ProjectInfo } from "../project/model";
import type { TextEdit } from "./types";

export interface ResolveEnv {
  filePath: string;
  text: string;
  project: ProjectInfo;
  /** Read another file of the workspace (the shell supplies it; undefined when missing). */
  readFile(path: string): string | undefined;
}

export type Resolver = (payload: Record<string, unknown>, env: ResolveEnv) => Promise<{ edits: TextEdit[] } | null>;

const resolvers = new Map<string, Resolver>();

export function registerResolver(name: string, resolver: Resolver): void {
  resolvers.set(name, resolver);
}

export function getResolver(name: string): Resolver | undefined {
  return resolvers.get(name);
}
