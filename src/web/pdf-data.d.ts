/** Made by scripts/bundle-web.mjs: pdf.js's worker as code, its CMaps and standard fonts as base64. */
declare module 'reportlint-web:pdf-data' {
  export const PDF_WORKER_SOURCE: string;
  export const CMAPS: Record<string, string>;
  export const STANDARD_FONTS: Record<string, string>;
}
declare module 'reportlint-web:lint-worker' {
  /** the lint worker's bundled code, started from a blob URL by the page */
  export const LINT_WORKER_SOURCE: string;
}
