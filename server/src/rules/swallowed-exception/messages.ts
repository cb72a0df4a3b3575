// Messages of swallowed-exception.
const WHY = "the failure disappears without a trace, so nobody can see or handle it (error-handling checklist item). Handle it, log it, or say in a comment why ignoring it is safe.";

export const MESSAGE = {
  handler: `Empty error handler swallows the exception: ${WHY}`,
  go: `Empty \`if err != nil\` block swallows the error: ${WHY}`,
  goContinue: `\`if err != nil { continue }\` skips the item and drops the error: ${WHY}`,
  goDiscard: (call: string) => `The error returned by \`${call}\` is discarded with \`_\`: ${WHY}`,
  rust: `Empty \`Err\` handling swallows the error: ${WHY}`,
};
