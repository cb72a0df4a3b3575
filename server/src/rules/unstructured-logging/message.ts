// The finding's message, shared by the language detectors.
export const MESSAGE = (call: string, instead: string): string =>
  `\`${call}\` writes unstructured output from service code: it has no level, no fields and no correlation id. Use ${instead}.`;
