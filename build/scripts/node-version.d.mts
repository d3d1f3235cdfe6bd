// Types for node-version.mjs, imported by its test.
export const NODE_DOWNLOAD: string;
export function parseMinimum(range: string | undefined): [number, number, number];
export function parseVersion(version: string): [number, number, number];
export function atLeast(version: readonly number[], minimum: readonly number[]): boolean;
export function nodeVersionProblem(input: { range: string | undefined; version: string; execPath: string; command: string }): string | null;
export function requiredNodeRange(): string | undefined;
export function requireSupportedNode(command: string): void;
