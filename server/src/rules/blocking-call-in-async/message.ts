// Messages shared by the language detectors.
export const MESSAGE = (call: string, where: string): string =>
  `\`${call}\` blocks the event loop inside ${where}: every other request on this worker waits until it returns. Use the async equivalent or move it off the loop.`;
