/**
 * DOCX → mdast: open the package defensively (zip.ts), write Word's numbering labels into the
 * text (numbering.ts), let mammoth turn the document into HTML (it keeps rowspan/colspan and
 * Heading styles), and hand that HTML to the HTML path. Tree positions are then positions in
 * mammoth's HTML; locate() turns them into paragraph and table-cell indexes (locate.ts).
 */
import mammoth from 'mammoth';
import { zipSync } from 'fflate';
import type { Root } from 'mdast';
import type { Fixer, Point, SourceLocation } from '../../types.js';
import { ExtractError } from '../errors.js';
import { htmlToMdast } from '../html.js';
import { readPackage, type Package } from './zip.js';
import { numberingLabels, readNumbering, writeNumberingLabels } from './numbering.js';
import { docxFixer } from './fixer.js';
import { buildLocator } from './locate.js';
import { mainDocument, related } from './parts.js';
import { LIMITS, countTags } from '../limits.js';
import { NO_DEADLINE, type Deadline } from '../deadline.js';

export { MAX_UNZIPPED_BYTES } from './zip.js';

export interface DocxExtract {
  tree: Root;
  pageTitle?: string | null;
  locate: (point: Point) => SourceLocation;
  fixer: Fixer;
}

const utf8 = new TextDecoder('utf-8');
const text = (pkg: Package, path: string | undefined) => {
  const bytes = path ? pkg.get(path) : undefined;
  return bytes ? utf8.decode(bytes) : undefined;
};

export async function docxToMdast(bytes: Uint8Array, deadline: Deadline = NO_DEADLINE): Promise<DocxExtract> {
  const pkg = readPackage(bytes);
  const main = mainDocument(pkg);
  if (!main) throw new ExtractError('docx-no-document', lookalike(pkg));
  checkParts(pkg, main);

  let repacked = bytes;
  const documentXml = text(pkg, main)!;
  const numberingXml = text(pkg, related(pkg, main, 'numbering') ?? 'word/numbering.xml');
  const numbering = numberingXml ? readNumbering(numberingXml, text(pkg, related(pkg, main, 'styles') ?? 'word/styles.xml')) : null;
  if (numbering) {
    const labelled = writeNumberingLabels(documentXml, numbering);
    pkg.set(main, new TextEncoder().encode(labelled));
    // Stored, not deflated: mammoth reads it back at once, and compressing would only cost time.
    repacked = zipSync(Object.fromEntries(pkg), { level: 0 });
  }

  let html: string;
  try {
    const result = await deadline.within(mammoth.convertToHtml(
      // Node's mammoth reads `buffer`, its browser build `arrayBuffer`
      { buffer: Buffer.from(repacked), arrayBuffer: repacked } as { buffer: Buffer },
      // Images would arrive as base64 data URIs, megabytes of HTML that no rule reads.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    ));
    html = result.value; // result.messages: unmapped styles and the like, nothing for the user
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    throw new ExtractError('docx-broken', { detail: (error as Error)?.message ?? String(error) });
  }
  if (html.replace(/<[^>]*>/g, '').trim() === '') throw new ExtractError('no-text');

  const { tree, hast } = htmlToMdast(html);
  // No page title: docProps/core.xml's title is often left over from last year's copy.
  // The locator is built when a finding first needs it (a clean report never does).
  let locator: ReturnType<typeof buildLocator> | undefined;
  const locate = (point: Point) => (locator ??= buildLocator(hast, html))(point);
  const labels = () => (numbering ? numberingLabels(documentXml, numbering) : new Map<number, string>());
  return { tree, pageTitle: null, locate, fixer: docxFixer(bytes, html, hast, documentXml, labels, (offset) => locate({ line: 1, column: offset + 1, offset })) };
}

/**
 * Limits before mammoth reads the package: its XML parser takes about a second a megabyte, and
 * a cell spanning two billion grid columns makes it (and V8) allocate that many.
 */
function checkParts(pkg: Package, main: string): void {
  let xml = 0;
  let elements = 0;
  for (const [name, data] of pkg) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    xml += data.length;
    if (xml > LIMITS.docxXmlBytes) throw new ExtractError('docx-xml-too-large', { size: `> ${mb(LIMITS.docxXmlBytes)}`, limit: mb(LIMITS.docxXmlBytes) });
    const part = utf8.decode(data);
    // Word writes no document type: a DOCTYPE here declares entities (a billion laughs), not Word's XML
    if (/<!DOCTYPE|<!ENTITY/i.test(part)) throw new ExtractError('docx-doctype', { part: name });
    if (!wellFormedEnough(part)) throw new ExtractError('docx-bad-xml', { part: name });
    elements += countTags(part, LIMITS.docxXmlElements - elements);
    if (elements > LIMITS.docxXmlElements)
      throw new ExtractError('docx-xml-elements', { size: `> ${LIMITS.docxXmlElements.toLocaleString('en-US')}`, limit: LIMITS.docxXmlElements.toLocaleString('en-US') });
  }
  const body = text(pkg, main)!;
  let cells = 0;
  for (let i = body.indexOf('<w:tc>'); i >= 0; i = body.indexOf('<w:tc>', i + 6))
    if (++cells > LIMITS.docxCells) throw new ExtractError('table-too-large', { size: `> ${LIMITS.docxCells.toLocaleString('en-US')}`, limit: LIMITS.docxCells.toLocaleString('en-US') });
  for (const m of body.matchAll(/<w:gridSpan\b[^>]*?\bw:val\s*=\s*["']([^"']*)["']/g)) {
    const span = Number(m[1]);
    if (!(span <= LIMITS.span)) throw new ExtractError('span-too-large', { span: m[1], limit: String(LIMITS.span) });
  }
}

/**
 * Two things no well-formed XML has, counted in one pass: a `<` that starts no markup (text must
 * write it &lt;), and fewer `>` than tags opened. xmldom's error recovery on such a part takes
 * seconds a megabyte; the outcome (mammoth fails, the file is damaged) is the same.
 */
function wellFormedEnough(xml: string): boolean {
  let tags = 0;
  let closes = 0;
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62) closes++;
    else if (c === 60) {
      const d = xml.charCodeAt(i + 1);
      const markup = d === 47 || d === 33 || d === 63 || d === 95 || d === 58 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d > 127;
      if (!markup) return false;
      tags++;
    }
  }
  return closes >= tags;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * What a ZIP without a Word body looks like, for the fatal message. The reason templates put
 * {detail} into both the zh and the en sentence, so it is kept language-neutral here.
 */
function lookalike(pkg: Package): Record<string, string> {
  const mimetype = text(pkg, 'mimetype')?.trim() ?? '';
  const kind =
    pkg.has('xl/workbook.xml') ? 'Excel .xlsx'
    : pkg.has('ppt/presentation.xml') ? 'PowerPoint .pptx'
    : mimetype.startsWith('application/vnd.oasis.opendocument') ? 'OpenDocument'
    : mimetype === 'application/epub+zip' ? 'EPUB'
    : pkg.has('OFD.xml') ? 'OFD'
    : null;
  return { detail: kind ? ` (${kind})` : '' };
}
