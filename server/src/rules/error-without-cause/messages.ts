// Messages and the fix title of error-without-cause, shared by its detectors.
const WHY = "the original error and its stack are lost, so the failure cannot be traced to its cause (error-handling checklist item)";

export const MESSAGE = {
  python: `Exception raised in an except block without \`from\`: ${WHY}.`,
  ts: `Error thrown in a catch block without the caught error as \`cause\`: ${WHY}.`,
  go: {
    verb: "`fmt.Errorf` formats the error with %v/%s instead of wrapping it with %w: callers lose the error chain (errors.Is/As) that structured error handling relies on (error-handling checklist item).",
    dropped: "A new error is returned from an `if err != nil` block without wrapping `err`: the original error is lost, so the failure cannot be traced to its cause and callers cannot match it with errors.Is/As (error-handling checklist item).",
  },
  rust: `\`.map_err(|_| …)\` discards the source error: ${WHY}.`,
  java: `Exception thrown in a catch block without the caught exception as its cause: ${WHY}.`,
};

export const FIX_TITLE = "Chain the caught error as cause";
