// The interface of the lazily loaded semantic module (dist/semantic.js, ts-morph inside).

/** Built-in error constructors: index of the `{ cause }` options parameter. */
export const BUILTIN_OPTIONS_INDEX: Readonly<Record<string, number>> = {
  Error: 1,
  TypeError: 1,
  RangeError: 1,
  SyntaxError: 1,
  ReferenceError: 1,
  EvalError: 1,
  URIError: 1,
  AggregateError: 2,
};

export interface CauseRequest {
  /** Absolute path of the file holding the `new X(...)` expression. */
  filePath: string;
  /** Its current text. */
  text: string;
  className: string;
  /** 0-based position of the `new` expression. */
  line: number;
  character: number;
  /** Arguments the expression passes today; the options would go at this index. */
  argCount: number;
  /** Reads another workspace file (undefined when missing). */
  readFile(path: string): string | undefined;
}

export interface SemanticModule {
  /** True when the class's constructor takes `{ cause }` at index `argCount` and forwards it to `Error`. */
  acceptsCause(req: CauseRequest): boolean;
}
