import { readFile } from "node:fs/promises";

export async function loadConfig(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new Error("could not load the configuration");
  }
}
