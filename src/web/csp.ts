/**
 * The check page's Content-Security-Policy, in one place: scripts/bundle-web.mjs writes it into
 * index.html's <meta>, and `reportlint serve` sends it as a header (with frame-ancestors, which a
 * <meta> cannot carry). No connection of any kind; scripts and styles only from the page's own
 * files; workers only from blob: URLs the page makes from its own bundled code (a page opened from
 * disk may not start a worker from a file).
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; worker-src blob:; style-src 'self'; img-src 'self' blob: data:; font-src 'none'; connect-src 'none'; object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'";
