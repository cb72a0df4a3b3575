// The project model: what rules may know about the project a file belongs to. Plain data, built by
// the shells (CLI, server) from the manifests they read; rules never read files themselves.
import type { ResolvedConfig } from "../engine/config";
import type { LanguageFamily } from "../engine/types";

export type ManifestKind =
  | "package.json"
  | "pyproject.toml"
  | "requirements.txt"
  | "setup.py"
  | "manage.py"
  | "Pipfile"
  | "go.mod"
  | "Cargo.toml"
  | "pom.xml"
  | "build.gradle";

export const MANIFEST_FILES: Record<string, ManifestKind> = {
  "package.json": "package.json",
  "pyproject.toml": "pyproject.toml",
  "requirements.txt": "requirements.txt",
  "setup.py": "setup.py",
  "manage.py": "manage.py",
  Pipfile: "Pipfile",
  "go.mod": "go.mod",
  "Cargo.toml": "Cargo.toml",
  "pom.xml": "pom.xml",
  "build.gradle": "build.gradle",
  "build.gradle.kts": "build.gradle",
};

export interface ProjectInfo {
  /** Absolute path of the project root (the folder holding the manifest). */
  root: string;
  name: string;
  manifests: string[];
  /** Declared dependency names, lower-cased (npm names, PyPI names, Go module paths, crates, Maven artifactIds and group:artifact). */
  dependencies: string[];
  /** Go module path, when there is a go.mod. */
  goModule?: string;
  /** Files a package.json `bin` points at, relative to the root. */
  binFiles: string[];
  /** Frameworks recognised from the dependencies. */
  frameworks: string[];
  /** Relevant non-source files present at the root (.env, .env.example, .gitignore, openapi.yaml …). */
  rootFiles: string[];
  /** Lines of the root .gitignore, when present. */
  gitignore?: string[];
  /** Gateway/proxy configuration files of the project that set a rate limit (nginx `limit_req`, Kong/Traefik/Envoy rate-limit plugins), relative to the root. */
  gatewayRateLimit?: string[];
  config: ResolvedConfig;
}

export function hasDependency(project: ProjectInfo, ...names: string[]): boolean {
  return names.some((n) => {
    const needle = n.toLowerCase();
    return project.dependencies.some((d) => d === needle || d.endsWith("/" + needle) || d.endsWith(":" + needle));
  });
}

export function hasDependencyMatching(project: ProjectInfo, re: RegExp): boolean {
  return project.dependencies.some((d) => re.test(d));
}

const FRAMEWORKS: Array<[string, LanguageFamily, RegExp]> = [
  ["express", "ts", /^express$/],
  ["nestjs", "ts", /^@nestjs\/core$/],
  ["fastify", "ts", /^fastify$/],
  ["koa", "ts", /^koa$/],
  ["hapi", "ts", /^@hapi\/hapi$/],
  ["fastapi", "python", /^fastapi$/],
  ["django", "python", /^django$/],
  ["flask", "python", /^flask$/],
  ["starlette", "python", /^starlette$/],
  ["gin", "go", /^github\.com\/gin-gonic\/gin$/],
  ["echo", "go", /^github\.com\/labstack\/echo(\/v\d+)?$/],
  ["chi", "go", /^github\.com\/go-chi\/chi(\/v\d+)?$/],
  ["axum", "rust", /^axum$/],
  ["actix-web", "rust", /^actix-web$/],
  ["rocket", "rust", /^rocket$/],
  ["warp", "rust", /^warp$/],
  ["poem", "rust", /^poem$/],
  ["spring-boot", "java", /^spring-boot-starter-(web|webflux)$/],
  ["micronaut", "java", /^micronaut-http(-server-netty)?$/],
  ["quarkus", "java", /^quarkus-(rest|resteasy)(-reactive)?(-jackson|-jsonb)?$/],
];

export function detectFrameworks(dependencies: string[]): string[] {
  const found = new Set<string>();
  for (const [name, , re] of FRAMEWORKS) if (dependencies.some((d) => re.test(d) || re.test(d.split(":").pop()!))) found.add(name);
  return [...found];
}

/** Parse a manifest's text into dependency names. Regex-based on purpose: manifests in the wild are messy. */
export function manifestDependencies(kind: ManifestKind, text: string): { deps: string[]; name?: string; goModule?: string; bin?: string[] } {
  const deps = new Set<string>();
  let name: string | undefined;
  let goModule: string | undefined;
  let bin: string[] | undefined;
  switch (kind) {
    case "package.json": {
      try {
        const pkg = JSON.parse(text) as Record<string, unknown>;
        if (typeof pkg.name === "string") name = pkg.name;
        for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
          const section = pkg[key];
          if (section && typeof section === "object") for (const d of Object.keys(section)) deps.add(d.toLowerCase());
        }
        if (typeof pkg.bin === "string") bin = [pkg.bin];
        else if (pkg.bin && typeof pkg.bin === "object") bin = Object.values(pkg.bin).filter((v): v is string => typeof v === "string");
      } catch {
        /* a broken package.json has no dependencies we can trust */
      }
      break;
    }
    case "requirements.txt":
    case "Pipfile":
      for (const line of text.split("\n")) {
        const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:[=<>!~;]|$|\s*=\s*["*{])/.exec(line);
        if (m && !line.trim().startsWith("#") && !line.trim().startsWith("-") && !line.trim().startsWith("[")) deps.add(normalizePy(m[1]!));
      }
      break;
    case "pyproject.toml":
    case "setup.py": {
      const nm = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(text);
      if (nm) name = nm[1];
      for (const m of text.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:[=<>!~;][^"']*)?["']/g)) deps.add(normalizePy(m[1]!));
      // Poetry style: `fastapi = "^0.110"` under [tool.poetry.dependencies]
      for (const m of text.matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*(?:["'{])/gm)) deps.add(normalizePy(m[1]!));
      break;
    }
    case "manage.py":
      deps.add("django");
      break;
    case "go.mod": {
      const mod = /^module\s+(\S+)/m.exec(text);
      if (mod) goModule = name = mod[1];
      for (const m of text.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/[^\s]+)\s+v[0-9]/gm)) deps.add(m[1]!.toLowerCase());
      break;
    }
    case "Cargo.toml": {
      const nm = /^\s*name\s*=\s*"([^"]+)"/m.exec(text);
      if (nm) name = nm[1];
      let inDeps = false;
      for (const line of text.split("\n")) {
        const header = /^\s*\[([^\]]+)\]/.exec(line);
        if (header) {
          const h = header[1]!.trim();
          inDeps = /(^|\.)((dev-|build-)?dependencies)$/.test(h);
          const inline = /(?:^|\.)(?:dev-|build-)?dependencies\.([A-Za-z0-9_-]+)$/.exec(h);
          if (inline) deps.add(inline[1]!.toLowerCase());
          continue;
        }
        if (!inDeps) continue;
        const m = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line);
        if (m) deps.add(m[1]!.toLowerCase());
      }
      break;
    }
    case "pom.xml": {
      const art = /<artifactId>([^<]+)<\/artifactId>/.exec(text.replace(/<parent>[\s\S]*?<\/parent>/, ""));
      if (art) name = art[1]!.trim();
      for (const m of text.matchAll(/<dependency>\s*<groupId>([^<]+)<\/groupId>\s*<artifactId>([^<]+)<\/artifactId>/g)) {
        deps.add(m[2]!.trim().toLowerCase());
        deps.add(`${m[1]!.trim()}:${m[2]!.trim()}`.toLowerCase());
      }
      for (const m of text.matchAll(/<artifactId>([^<]+)<\/artifactId>/g)) deps.add(m[1]!.trim().toLowerCase());
      break;
    }
    case "build.gradle":
      for (const m of text.matchAll(/["']([A-Za-z0-9._-]+):([A-Za-z0-9._-]+)(?::[^"']*)?["']/g)) {
        deps.add(m[2]!.toLowerCase());
        deps.add(`${m[1]}:${m[2]}`.toLowerCase());
      }
      break;
  }
  return { deps: [...deps], name, goModule, bin };
}

function normalizePy(name: string): string {
  return name.toLowerCase().replace(/[._]+/g, "-");
}

/** Gateway/proxy config files looked at for rate limiting: at the root or one folder below. */
export const GATEWAY_CONFIG_FILE = /^(nginx[\w.-]*\.conf|[\w.-]+\.nginx(\.conf)?|default\.conf|kong[\w.-]*\.ya?ml|traefik[\w.-]*\.(ya?ml|toml)|envoy[\w.-]*\.ya?ml|(docker-)?compose[\w.-]*\.ya?ml)$/;
export const GATEWAY_CONFIG_DIRS = new Set(["nginx", "deploy", "gateway", "infra", "config", "conf", "proxy", "traefik", "kong", "envoy", "docker", "ops"]);

/** Does this gateway/proxy configuration text set a rate limit? */
export function gatewayHasRateLimit(text: string): boolean {
  return /^\s*limit_req(_zone)?\b/m.test(text) || /name:\s*["']?rate-limiting(-advanced)?\b/.test(text) || /\brate[-_]?limit\b[\w.]*\s*[:=]/i.test(text) || /envoy\.filters\.http\.(local_)?ratelimit/.test(text) || /traefik\.http\.middlewares\.[\w-]+\.ratelimit\./i.test(text);
}
