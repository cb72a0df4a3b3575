// Java: `throw new X("...")` in a `catch (E e)` block that does not pass `e`. Fix: add `e` as the last
// constructor argument, for JDK and Spring exception types known to have a (message, cause) constructor.
import type { FileContext } from "../../engine/rule";
import type { Fix, Node } from "../../engine/types";
import { callArguments } from "../../languages/common";
import { enclosingHandler, handlerBinding, handlerTypes, simpleName } from "../_shared/errors";
import { FIX_TITLE, MESSAGE } from "./messages";

/** java.lang types (no import needed) with a public (String, Throwable) constructor. */
const JAVA_LANG = new Set([
  "Exception",
  "RuntimeException",
  "IllegalStateException",
  "IllegalArgumentException",
  "UnsupportedOperationException",
  "SecurityException",
  "Error",
  "AssertionError",
  "LinkageError",
  "TypeNotPresentException",
]);

/** Other JDK types with a (String, Throwable) constructor, by package. */
const JDK: Record<string, string> = {
  IOException: "java.io",
  UncheckedIOException: "java.io",
  ConcurrentModificationException: "java.util",
  NoSuchElementException: "java.util",
  CompletionException: "java.util.concurrent",
  DateTimeException: "java.time",
  DateTimeParseException: "",
  SQLException: "java.sql",
  GeneralSecurityException: "java.security",
  InvalidKeyException: "java.security",
  NoSuchAlgorithmException: "java.security",
  KeyStoreException: "java.security",
  SignatureException: "java.security",
  UndeclaredThrowableException: "",
};

/** Spring types with a (String, Throwable) constructor: simple name → package prefix. */
const SPRING: Record<string, string> = {
  DataAccessException: "", // abstract
  DataIntegrityViolationException: "org.springframework.dao",
  DataRetrievalFailureException: "org.springframework.dao",
  DataAccessResourceFailureException: "org.springframework.dao",
  InvalidDataAccessApiUsageException: "org.springframework.dao",
  InvalidDataAccessResourceUsageException: "org.springframework.dao",
  OptimisticLockingFailureException: "org.springframework.dao",
  PessimisticLockingFailureException: "org.springframework.dao",
  TransientDataAccessResourceException: "org.springframework.dao",
  NonTransientDataAccessResourceException: "org.springframework.dao",
  PermissionDeniedDataAccessException: "org.springframework.dao",
  ConcurrencyFailureException: "org.springframework.dao",
  DuplicateKeyException: "org.springframework.dao",
  BadCredentialsException: "org.springframework.security.authentication",
  AuthenticationServiceException: "org.springframework.security.authentication",
  InternalAuthenticationServiceException: "org.springframework.security.authentication",
  UsernameNotFoundException: "org.springframework.security.core.userdetails",
  AccessDeniedException: "org.springframework.security.access",
  BeanCreationException: "org.springframework.beans.factory",
  RestClientException: "org.springframework.web.client",
  ConversionFailedException: "",
  HttpMessageNotReadableException: "",
};

/** IOException subtypes: UncheckedIOException's cause must be one. */
const IO_TYPES = /^(IOException|FileNotFoundException|NoSuchFileException|EOFException|FileAlreadyExistsException|AccessDeniedException|SocketException|SocketTimeoutException|UnknownHostException|MalformedURLException|ConnectException|JsonProcessingException|JsonParseException|JsonMappingException|ZipException|InterruptedIOException)$/;

export function java(ctx: FileContext): void {
  for (const thr of ctx.nodes("throw_statement")) {
    const created = thr.namedChildren.find((c) => c?.type === "object_creation_expression");
    if (!created) continue;
    const handler = enclosingHandler(thr, "java");
    if (!handler) continue;
    const bound = handlerBinding(handler, "java");
    if (!bound) continue;
    const args = callArguments(created, "java");
    if (args.some((a) => unparen(a).text === bound.text)) continue;
    // An anonymous subclass or a builder-style cause (`.initCause(e)`) is out of reach of this rule.
    if (created.namedChildren.some((c) => c?.type === "class_body")) continue;
    ctx.report({ node: thr, message: MESSAGE.java, fixes: fixFor(ctx, created, args, bound.text, handlerTypes(handler, "java")) });
  }
}

function unparen(n: Node): Node {
  let x = n;
  while (x.type === "parenthesized_expression" || x.type === "cast_expression") {
    const inner: Node | null | undefined = x.type === "cast_expression" ? x.childForFieldName("value") : x.namedChildren[0];
    if (!inner) break;
    x = inner;
  }
  return x;
}

function imports(ctx: FileContext): string[] {
  return ctx.nodes("import_declaration").map((i) => i.text.replace(/^import\s+(static\s+)?|;$/g, "").replace(/\s+/g, ""));
}

/** The simple name resolves to `pkg.Name` in this file (import, wildcard import, or java.lang). */
function resolvesTo(ctx: FileContext, typeText: string, pkg: string): boolean {
  const name = simpleName(typeText);
  if (typeText.includes(".")) return typeText === `${pkg}.${name}`;
  const imps = imports(ctx);
  const explicit = imps.find((i) => i.endsWith(`.${name}`));
  if (explicit) return explicit === `${pkg}.${name}`;
  if (ctx.nodes("class_declaration").some((c) => c.childForFieldName("name")?.text === name)) return false;
  if (pkg === "java.lang") return true;
  // A type of the file's own package would shadow a wildcard import: require a wildcard match at least.
  return imps.includes(`${pkg}.*`);
}

/** Looks like a String expression: literal, concatenation with a literal, String.format, getMessage(). */
function stringish(n: Node): boolean {
  const x = unparen(n);
  if (x.type === "string_literal") return true;
  if (x.type === "binary_expression" && x.childForFieldName("operator")?.text === "+") {
    return stringish(x.childForFieldName("left")!) || stringish(x.childForFieldName("right")!);
  }
  if (x.type === "method_invocation") {
    const t = x.text.replace(/\s+/g, "");
    return /^String\.(format|valueOf|join)\(/.test(t) || /\.(formatted|getMessage|toString)\(/.test(t);
  }
  return false;
}

function fixFor(ctx: FileContext, created: Node, args: Node[], cause: string, caught: string[]): Fix[] {
  const typeNode = created.childForFieldName("type");
  if (!typeNode || typeNode.type === "generic_type") return [];
  const typeText = typeNode.text.replace(/\s+/g, "");
  const name = simpleName(typeText);
  let ok = false;
  let wantArgs = 1;
  if (JAVA_LANG.has(name)) ok = resolvesTo(ctx, typeText, "java.lang");
  else if (JDK[name]) {
    ok = resolvesTo(ctx, typeText, JDK[name]!);
    if (name === "UncheckedIOException") ok = ok && caught.length > 0 && caught.every((t) => IO_TYPES.test(simpleName(t)));
  } else if (name === "ResponseStatusException") {
    ok = resolvesTo(ctx, typeText, "org.springframework.web.server");
    wantArgs = 2; // (status, reason) → (status, reason, cause)
  } else if (SPRING[name]) ok = resolvesTo(ctx, typeText, SPRING[name]!);
  if (!ok || args.length !== wantArgs) return [];
  if (!stringish(args[wantArgs - 1]!)) return [];
  const argList = created.childForFieldName("arguments");
  if (!argList || argList.namedChildren.some((c) => c && /comment/.test(c.type))) return [];
  const end = ctx.range(args[args.length - 1]!).end;
  return [{ title: FIX_TITLE, applicability: "safe", edits: [{ range: { start: end, end }, newText: `, ${cause}` }] }];
}
