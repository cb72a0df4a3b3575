// Everything that analyses a file: the rules, plus the checklist's evidence analyzer (facts only).
// Shells (CLI, server) pass ANALYZERS where they analyse, and ALL_RULES where they list rules.
import type { Rule } from "../engine/rule";
import { ALL_RULES } from "../rules";
import { evidence } from "./evidence";

export const ANALYZERS: readonly Rule[] = [...ALL_RULES, evidence];
