// The CSL engine as the renderer uses it. Only ever imported dynamically (citation-engine.ts), so
// Vite puts citation-js and citeproc (about 2.4 MB) in a chunk of their own, off the startup path.
export { formatNoteCitations } from '../../core/citations/note-citations';
export { registerStyle, resolveStyle } from '../../core/citations/styles';
