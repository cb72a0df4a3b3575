// Project discovery and workspace walking: the I/O side of the project model, shared by the CLI and
// the server. Projects are folders holding a manifest; a file belongs to the deepest one above it.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { parseProjectFile, resolveConfig, type ConfigProblem, type ProjectFile, type Settings } from "../engine/config";
import { languageOf } from "../engine/files";
import { detectFrameworks, GATEWAY_CONFIG_DIRS, GATEWAY_CONFIG_FILE, gatewayHasRateLimit, MANIFEST_FILES, manifestDependencies, type ProjectInfo } from "./model";

/** Folders never walked (RULES.md / the foundation issue). */
export const SKIPPED_DIRS = new Set(["node_modules", "vendor", "target", "dist", "build", ".git", ".venv", "venv", "__pycache__", ".hg", ".svn", ".idea", ".vscode-test", "out"]);

export const PROJECT_FILE = "backend-checklist.json";

const ROOT_FILES = [".env", ".env.example", ".gitignore", "openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json", "tsconfig.json", "mypy.ini", "pyrightconfig.json", "setup.cfg"];

export interface LoadedProject {
  info: ProjectInfo;
  /** The raw project file, when it parsed. */
  projectFile?: ProjectFile;
  configProblem?: ConfigProblem & { file: string };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Build a project's model from its root folder. Never throws on bad content. */
export function loadProject(root: string, settings?: Settings, lastGood?: ProjectFile): LoadedProject {
  const manifests: string[] = [];
  const deps = new Set<string>();
  const binFiles: string[] = [];
  let name: string | undefined;
  let goModule: string | undefined;
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    entries = [];
  }
  for (const file of entries) {
    const kind = MANIFEST_FILES[file];
    if (!kind) continue;
    const text = readText(join(root, file));
    if (text === undefined) continue;
    manifests.push(file);
    const parsed = manifestDependencies(kind, text);
    parsed.deps.forEach((d) => deps.add(d));
    if (parsed.bin) binFiles.push(...parsed.bin.map((b) => b.replace(/^\.\//, "")));
    if (parsed.goModule) goModule = parsed.goModule;
    if (parsed.name && (!name || kind === "package.json" || kind === "Cargo.toml" || kind === "go.mod")) name = parsed.name;
  }
  let projectFile: ProjectFile | undefined;
  let configProblem: LoadedProject["configProblem"];
  const pfText = entries.includes(PROJECT_FILE) ? readText(join(root, PROJECT_FILE)) : undefined;
  if (pfText !== undefined) {
    const parsed = parseProjectFile(pfText);
    if (parsed.ok) projectFile = parsed.value;
    else {
      configProblem = { ...parsed.problem, file: join(root, PROJECT_FILE) };
      projectFile = lastGood;
    }
  }
  const gitignoreText = entries.includes(".gitignore") ? readText(join(root, ".gitignore")) : undefined;
  const dependencies = [...deps].sort();
  const info: ProjectInfo = {
    root,
    name: name ?? basename(root),
    manifests,
    dependencies,
    goModule,
    binFiles,
    frameworks: detectFrameworks(dependencies),
    rootFiles: entries.filter((e) => ROOT_FILES.includes(e)),
    gitignore: gitignoreText?.split("\n"),
    gatewayRateLimit: gatewayRateLimitFiles(root, entries),
    config: resolveConfig(settings, projectFile),
  };
  return { info, projectFile, configProblem };
}

/** Gateway/proxy config files (root or one known folder below) that set a rate limit (RULES.md missing-rate-limit). */
function gatewayRateLimitFiles(root: string, entries: string[]): string[] {
  const found: string[] = [];
  const check = (rel: string) => {
    const text = readText(join(root, rel));
    if (text !== undefined && text.length < 512 * 1024 && gatewayHasRateLimit(text)) found.push(rel);
  };
  for (const e of entries) {
    if (GATEWAY_CONFIG_FILE.test(e)) check(e);
    else if (GATEWAY_CONFIG_DIRS.has(e)) {
      let sub: string[] = [];
      try {
        sub = readdirSync(join(root, e));
      } catch {
        continue;
      }
      for (const f of sub) if (GATEWAY_CONFIG_FILE.test(f) || /\.conf$/.test(f)) check(`${e}/${f}`);
    }
  }
  return found;
}

export interface WalkResult {
  /** Absolute paths of source files, sorted. */
  files: string[];
  /** Folders holding a manifest. */
  projectRoots: string[];
}

/**
 * Walk folders for source files and manifests, honouring .gitignore files (each applies below its
 * folder), the default skipped folders and extra ignore globs (relative to `root`).
 */
export function walkWorkspace(root: string, extraIgnores: readonly string[] = []): WalkResult {
  const files: string[] = [];
  const projectRoots: string[] = [];
  const extra = extraIgnores.length ? picomatch(extraIgnores as string[], { dot: true }) : undefined;
  const visit = (dir: string, stack: Array<{ base: string; ig: Ignore }>) => {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(dirents.map((d) => d.name));
    if ([...names].some((n) => MANIFEST_FILES[n])) projectRoots.push(dir);
    let here = stack;
    if (names.has(".gitignore")) {
      const text = readText(join(dir, ".gitignore"));
      if (text !== undefined) here = [...stack, { base: dir, ig: ignore().add(text) }];
    }
    const ignored = (abs: string, isDir: boolean) => {
      for (const { base, ig } of here) {
        const rel = relative(base, abs).split(sep).join("/");
        if (rel && !rel.startsWith("..") && ig.ignores(isDir ? rel + "/" : rel)) return true;
      }
      if (extra) {
        const rel = relative(root, abs).split(sep).join("/");
        if (extra(rel) || (isDir && extra(rel + "/"))) return true;
      }
      return false;
    };
    for (const d of dirents.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, d.name);
      if (d.isDirectory()) {
        if (SKIPPED_DIRS.has(d.name) || (d.name.startsWith(".") && d.name !== ".github")) continue;
        if (ignored(abs, true)) continue;
        visit(abs, here);
      } else if (d.isFile()) {
        if (!languageOf(d.name)) continue;
        if (ignored(abs, false)) continue;
        files.push(abs);
      }
    }
  };
  const abs = resolve(root);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return { files, projectRoots };
  }
  if (st.isFile()) return { files: languageOf(abs) ? [abs] : [], projectRoots };
  visit(abs, []);
  return { files, projectRoots };
}

/** The deepest project root containing `path`, or undefined. */
export function projectRootFor(roots: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    if ((path === r || path.startsWith(r.endsWith(sep) ? r : r + sep)) && (!best || r.length > best.length)) best = r;
  }
  return best;
}

/** Walk up from a file to find the nearest folder holding a manifest (server: files outside a scan). */
export function findProjectRootUp(path: string, stopAt?: string): string | undefined {
  let dir = resolve(path, "..");
  for (;;) {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      /* unreadable */
    }
    if (entries.some((e) => MANIFEST_FILES[e])) return dir;
    const parent = resolve(dir, "..");
    if (parent === dir || (stopAt && dir === resolve(stopAt))) return undefined;
    dir = parent;
  }
}
