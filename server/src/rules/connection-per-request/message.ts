// The finding's message, shared by the language detectors.
export const MESSAGE = (call: string): string =>
  `\`${call}\` opens a new database connection on every request: create one pool or client at startup and share it (connection pooling).`;
