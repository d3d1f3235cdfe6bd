// Types for text-import.mjs, which the TypeScript configs (vite.config.ts, vitest.config.ts) import.
import type { Plugin } from 'vite';

export const TEXT_EXTENSIONS: readonly string[];
export const TEXT_LOADERS: Record<string, 'text'>;
export function isTextFile(id: string): boolean;
export function textModule(text: string): string;
export function textImport(): Plugin;
export function load(url: string, context: object, nextLoad: (url: string, context: object) => Promise<unknown>): Promise<unknown>;
