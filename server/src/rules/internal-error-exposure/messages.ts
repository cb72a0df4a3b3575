// Message of internal-error-exposure.
export const MESSAGE =
  "Response with a server-error (or default) status built from the error's message or stack: internal details (queries, paths, hosts, library internals) leak to clients (error-handling checklist item). Log the error with a correlation id and return a generic message.";

/** Callees that log or wrap rather than respond: never a response, whatever their arguments. */
export const NOT_A_RESPONSE = /(^|\.)(log|logger|logging|slog|zap|console|tracing|log4j|LOG|LOGGER)\.|^(fmt\.Errorf|errors\.|panic|anyhow|bail|print|eprint)|(^|\.)(debug|info|warn|warning|error|fatal|trace|exception|critical|Errorf|Printf|Println|Infof|Warnf|Debugf|Fatalf|Wrap|Wrapf)$/;
