// Semantic questions answered with ts-morph, bundled separately (dist/semantic.js, minified) and
// loaded lazily by the resolvers that need it. Each question builds one small in-memory Project from
// the file and the files it imports relatively (bounded), and drops it afterwards: memory stays
// bounded and nothing is ever loaded for the whole workspace. We walk compiler nodes where we can.
import * as path from "node:path";
import { Node as TsNode, Project, ts, type ClassDeclaration, type SourceFile } from "ts-morph";
import { BUILTIN_OPTIONS_INDEX, type CauseRequest, type SemanticModule } from "./semantic-api";

const MAX_FILES = 40;
const MAX_DEPTH = 8;
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".jsx", ".mjs", ".cjs"];

function newProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      allowJs: true,
      checkJs: false,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
    },
  });
}

function resolveRelative(from: string, spec: string, readFile: (p: string) => string | undefined): { path: string; text: string } | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base.replace(/\.(js|jsx|mjs|cjs)$/, "") + e), ...EXTENSIONS.map((e) => path.join(base, "index" + e))];
  for (const c of candidates) {
    if (c === base && !/\.[cm]?[jt]sx?$/.test(c)) continue;
    const text = readFile(c);
    if (text !== undefined) return { path: c, text };
  }
  return undefined;
}

/** Add the file and, breadth-first, the files it imports by relative path (bounded). */
function loadGraph(project: Project, filePath: string, text: string, readFile: (p: string) => string | undefined): SourceFile {
  const root = project.createSourceFile(filePath, text, { overwrite: true });
  const queue: SourceFile[] = [root];
  const seen = new Set([filePath]);
  while (queue.length && seen.size < MAX_FILES) {
    const sf = queue.shift()!;
    const specs: string[] = [];
    for (const stmt of sf.compilerNode.statements) {
      if ((ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier)) specs.push(stmt.moduleSpecifier.text);
    }
    for (const spec of specs) {
      if (!spec.startsWith(".")) continue;
      const hit = resolveRelative(sf.getFilePath(), spec, readFile);
      if (!hit || seen.has(hit.path)) continue;
      seen.add(hit.path);
      queue.push(project.createSourceFile(hit.path, hit.text, { overwrite: true }));
    }
  }
  return root;
}

function offsetOf(text: string, line: number, character: number): number {
  let off = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf("\n", off);
    if (nl < 0) return -1;
    off = nl + 1;
  }
  return off + character;
}

function isLibFile(sf: SourceFile): boolean {
  return /\/lib\.[\w.]+\.d\.ts$/.test(sf.getFilePath()) || sf.isDeclarationFile() && sf.getFilePath().includes("/typescript/lib/");
}

/** The class an identifier/expression names, or "builtin:<Name>" for a lib error constructor. */
function classOf(expr: TsNode): ClassDeclaration | string | undefined {
  let symbol = expr.getSymbol();
  if (!symbol) return undefined;
  if (symbol.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (const decl of symbol.getDeclarations()) {
    if (TsNode.isClassDeclaration(decl)) return decl;
    if (isLibFile(decl.getSourceFile()) && symbol.getName() in BUILTIN_OPTIONS_INDEX) return `builtin:${symbol.getName()}`;
  }
  return undefined;
}

/** Does constructing `cls` with an options object at `index` hand it to the built-in Error? */
function forwardsOptions(cls: ClassDeclaration | string, index: number, depth: number): boolean {
  if (typeof cls === "string") return BUILTIN_OPTIONS_INDEX[cls.slice("builtin:".length)] === index;
  if (depth > MAX_DEPTH) return false;
  const ext = cls.getExtends();
  const base = ext ? classOf(ext.getExpression()) : undefined;
  const ctor = cls.getConstructors().find((c) => c.hasBody());
  if (!ctor) return base !== undefined && forwardsOptions(base, index, depth + 1);
  const params = ctor.getParameters();
  let param = params[index];
  if (!param) {
    const last = params[params.length - 1];
    if (!last?.isRestParameter()) return false;
    param = last;
  }
  const nameNode = param.getNameNode();
  if (!TsNode.isIdentifier(nameNode)) return false;
  const name = nameNode.getText();
  if (!base) return false;
  // Find `super(...)` and where the parameter goes.
  let forwardedAt: number | undefined;
  ctor.getBody()?.forEachDescendant((d, traversal) => {
    if (TsNode.isFunctionLikeDeclaration(d) || TsNode.isClassDeclaration(d) || TsNode.isClassExpression(d)) {
      traversal.skip();
      return;
    }
    if (!TsNode.isCallExpression(d) || d.getExpression().getKind() !== ts.SyntaxKind.SuperKeyword) return;
    d.getArguments().forEach((arg, i) => {
      if (TsNode.isIdentifier(arg) && arg.getText() === name) forwardedAt = i;
      else if (TsNode.isSpreadElement(arg) && arg.getExpression().getText() === name) forwardedAt = i;
      else if (TsNode.isObjectLiteralExpression(arg)) {
        const text = arg.getText();
        if (new RegExp(`\\.\\.\\.\\s*${name}\\b|\\bcause\\s*:\\s*${name}(\\?)?\\.cause\\b`).test(text)) forwardedAt = i;
      }
    });
  });
  if (forwardedAt === undefined) return false;
  return forwardsOptions(base, forwardedAt, depth + 1);
}

/** The parameter accepting the options object must accept `{ cause: unknown }`. */
function optionsTypeAccepted(project: Project, newExpr: TsNode, index: number): boolean {
  if (!TsNode.isNewExpression(newExpr)) return false;
  const probe = project.createSourceFile("/__backend_checklist_probe__.ts", "export const probe: { cause: unknown } = { cause: undefined };", { overwrite: true });
  const probeType = probe.getVariableDeclarationOrThrow("probe").getType();
  const signatures = newExpr.getExpression().getType().getConstructSignatures();
  return signatures.some((sig) => {
    const params = sig.getParameters();
    const p = params[index] ?? params[params.length - 1];
    if (!p) return false;
    const decl = p.getValueDeclaration();
    if (!decl) return false;
    if (!params[index] && !(TsNode.isParameterDeclaration(decl) && decl.isRestParameter())) return false;
    let type = p.getTypeAtLocation(newExpr);
    if (TsNode.isParameterDeclaration(decl) && decl.isRestParameter()) type = type.getArrayElementType() ?? type;
    return type.isAny() || type.isUnknown() || probeType.isAssignableTo(type);
  });
}

export const acceptsCause: SemanticModule["acceptsCause"] = (req: CauseRequest) => {
  const project = newProject();
  try {
    const sf = loadGraph(project, req.filePath, req.text, req.readFile);
    const offset = offsetOf(req.text, req.line, req.character);
    if (offset < 0) return false;
    const at = sf.getDescendantAtPos(offset);
    const newExpr = at?.getFirstAncestor((a) => TsNode.isNewExpression(a) && a.getStart() === offset) ?? (at && TsNode.isNewExpression(at) ? at : undefined);
    if (!newExpr || !TsNode.isNewExpression(newExpr)) return false;
    const ctorExpr = newExpr.getExpression();
    if (ctorExpr.getText() !== req.className) return false;
    const cls = classOf(ctorExpr);
    if (!cls) return false;
    if (!forwardsOptions(cls, req.argCount, 0)) return false;
    return optionsTypeAccepted(project, newExpr, req.argCount);
  } catch {
    return false;
  } finally {
    for (const f of project.getSourceFiles()) project.removeSourceFile(f);
  }
};
