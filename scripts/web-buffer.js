// The browser build's Buffer (src/extract/detect.ts and iconv-lite use Node's): the npm `buffer`
// package, the same implementation browserify and webpack have long shipped for it.
export { Buffer } from 'buffer';
