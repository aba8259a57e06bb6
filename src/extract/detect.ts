/**
 * Detect the format of a file from its bytes (magic bytes first, then the extension),
 * and for HTML and text the character encoding: BOM, <meta charset>, UTF-8, GB18030.
 */
import iconv from 'iconv-lite';
import type { Format } from '../types.js';
import { ExtractError } from './errors.js';

export const MAX_BYTES = 50 * 1024 * 1024;

/** Extensions of the page images a scanned report may come as. */
export const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'tif', 'tiff']);

export interface Detected {
  format: Format;
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function extension(fileName?: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName ?? '');
  return m ? m[1].toLowerCase() : '';
}

export function detectFormat(bytes: Uint8Array, fileName?: string): Detected {
  if (bytes.length === 0) throw new ExtractError('empty');
  if (bytes.length > MAX_BYTES)
    throw new ExtractError('too-large', { size: `${(bytes.length / 1048576).toFixed(1)} MB`, limit: `${MAX_BYTES / 1048576} MB` });
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { format: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { format: 'docx' };
  // OLE2 compound file: an encrypted OOXML package or a legacy .doc
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ExtractError('encrypted-office');
  // page images of a scanned report: PNG, JPEG, TIFF (both byte orders)
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { format: 'image' };
  const ext = extension(fileName);
  if (IMAGE_EXTENSIONS.has(ext)) throw new ExtractError('wrong-signature', { ext, kind: ext === 'jpg' || ext === 'jpeg' ? 'JPEG' : ext === 'tif' || ext === 'tiff' ? 'TIFF' : 'PNG' });
  if (ext === 'pdf' || ext === 'docx') {
    // The extension promises a binary container but the magic bytes say otherwise.
    throw new ExtractError('wrong-signature', { ext, kind: ext.toUpperCase() });
  }
  if (looksBinary(bytes)) throw new ExtractError('binary');
  const head = sniffText(bytes);
  if (/^\s*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])/i.test(head)) return { format: 'html' };
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return { format: 'html' };
  if (ext === 'md' || ext === 'markdown') return { format: 'markdown' };
  return { format: 'text' };
}

/** NUL bytes (outside UTF-16 with a BOM) mean this is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

function sniffText(bytes: Uint8Array): string {
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  return new TextDecoder('latin1').decode(bytes.subarray(start, Math.min(bytes.length, start + 1024)));
}

/** The charset named by an HTML page itself (<meta charset> or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([a-z0-9_\-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export interface Decoded {
  text: string;
  encoding: string;
}

/** Decode text or HTML bytes: BOM, then the declared charset, then strict UTF-8, then GB18030. */
export function decodeText(bytes: Uint8Array, format: Format): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (format === 'html') {
    const declared = declaredCharset(bytes);
    if (declared) {
      const enc = /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared) ? 'gb18030' : declared;
      if (enc !== 'utf-8' && enc !== 'utf8' && iconv.encodingExists(enc)) {
        return { text: iconv.decode(Buffer.from(bytes), enc), encoding: enc };
      }
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(Buffer.from(bytes), 'gb18030');
    // GB18030 decodes almost anything; too many replacement characters mean it was something else.
    const bad = (text.match(/\ufffd/g) ?? []).length;
    if (bad > Math.max(3, text.length / 100)) throw new ExtractError('decode-failed');
    return { text, encoding: 'gb18030' };
  }
}
