// The build reads these files as text at build time (vite and vitest: the text-import plugin in
// build/scripts/text-import.mjs; esbuild: its `text` loader; tsx: the same module's load hook), so
// core stays free of run-time file reads. An import's default export is the file's whole text.
declare module '*.csl' {
  const text: string;
  export default text;
}

declare module '*.xml' {
  const text: string;
  export default text;
}
