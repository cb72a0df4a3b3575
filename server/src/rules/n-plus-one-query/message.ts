// The finding's message, shared by the language detectors.
export const MESSAGE = (what: string): string =>
  `${what} runs once per loop iteration (N+1 queries): load the rows in one query (IN/ANY, a join, eager loading) before the loop.`;
