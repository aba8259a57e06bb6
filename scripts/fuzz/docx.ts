/**
 * Damaged DOCX packages: the fixture unzipped, one part changed (huge spans and numbering levels,
 * broken relationships, cut or garbled XML, entity bombs, deep or wide tables), and zipped again;
 * or the ZIP itself damaged (central directory, sizes, an entry that inflates to far more).
 */
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import type { Rng } from './rng.js';

type Parts = Record<string, Uint8Array>;
const HUGE = ['2147483647', '4294967295', '4294967296', '99999999999', '1000000', '65536', '-1', '-2147483648', '0', 'NaN', 'abc', '1e9', ''];

function edit(parts: Parts, name: string, change: (xml: string) => string): void {
  const xml = parts[name] ? strFromU8(parts[name]) : '';
  parts[name] = strToU8(change(xml));
}

const at = (rng: Rng, s: string, re: RegExp): number[] => [...s.matchAll(re)].map((m) => m.index!).filter(() => rng.chance(0.5));

const PART_MUTATIONS: { name: string; apply: (rng: Rng, parts: Parts) => void }[] = [
  {
    name: 'gridSpan',
    apply: (rng, parts) =>
      edit(parts, 'word/document.xml', (xml) => {
        const value = rng.pick(HUGE);
        return xml.replace(/<w:tcPr>/g, (m) => (rng.chance(0.3) ? `${m}<w:gridSpan w:val="${value}"/>` : m)).replace(/w:gridSpan w:val="\d+"/g, `w:gridSpan w:val="${value}"`);
      }),
  },
  {
    name: 'vMerge',
    apply: (rng, parts) =>
      edit(parts, 'word/document.xml', (xml) => xml.replace(/<w:tcPr>/g, (m) => (rng.chance(0.6) ? `${m}<w:vMerge${rng.chance(0.2) ? ' w:val="restart"' : ''}/>` : m))),
  },
  {
    name: 'numbering-levels',
    apply: (rng, parts) => {
      const value = rng.pick(HUGE);
      edit(parts, 'word/document.xml', (xml) => xml.replace(/<w:ilvl w:val="\d+"\/>/g, (m) => (rng.chance(0.5) ? `<w:ilvl w:val="${value}"/>` : m)).replace(/<w:numId w:val="\d+"\/>/g, (m) => (rng.chance(0.3) ? `<w:numId w:val="${rng.pick(HUGE)}"/>` : m)));
      edit(parts, 'word/numbering.xml', (xml) =>
        xml
          .replace(/w:ilvl="\d+"/g, (m) => (rng.chance(0.5) ? `w:ilvl="${rng.pick(HUGE)}"` : m))
          .replace(/<w:start w:val="\d+"\/>/g, (m) => (rng.chance(0.5) ? `<w:start w:val="${rng.pick(HUGE)}"/>` : m))
          .replace(/<w:lvlText w:val="[^"]*"\/>/g, (m) => (rng.chance(0.3) ? `<w:lvlText w:val="${'%1%2%3%4%5%6%7%8%9'.repeat(rng.int(1, 5000))}"/>` : m))
          .replace(/<w:abstractNumId w:val="\d+"\/>/g, (m) => (rng.chance(0.3) ? `<w:abstractNumId w:val="${rng.pick(HUGE)}"/>` : m)),
      );
    },
  },
  {
    name: 'numbering-many',
    apply: (rng, parts) => {
      const n = rng.int(100, 200_000);
      const lvls = Array.from({ length: Math.min(n, 50_000) }, (_, i) => `<w:lvl w:ilvl="${i}"><w:start w:val="${i}"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%${(i % 9) + 1}、"/></w:lvl>`).join('');
      parts['word/numbering.xml'] = strToU8(`<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1">${lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>`);
      edit(parts, 'word/document.xml', (xml) => xml.replace(/<w:pPr>/g, (m) => (rng.chance(0.5) ? `${m}<w:numPr><w:ilvl w:val="${rng.int(0, n)}"/><w:numId w:val="1"/></w:numPr>` : m)));
    },
  },
  {
    name: 'rels',
    apply: (rng, parts) => {
      const name = rng.pick(['_rels/.rels', 'word/_rels/document.xml.rels']);
      const how = rng.int(0, 5);
      if (how === 0) delete parts[name];
      else
        edit(parts, name, (xml) =>
          how === 1 ? xml.slice(0, rng.int(0, xml.length))
          : how === 2 ? xml.replace(/Target="[^"]*"/g, () => `Target="${rng.pick(['', '../../../../etc/passwd', 'word/missing.xml', '/', 'word/document.xml', '\u0000', 'x'.repeat(100_000)])}"`)
          : how === 3 ? xml.replace(/Type="[^"]*"/g, (m) => (rng.chance(0.5) ? 'Type="x"' : m))
          : how === 4 ? xml.replace(/<Relationship /g, '<Relationship Id="rId1" ').repeat(rng.int(1, 50))
          : xml + '<Relationship '.repeat(rng.int(1, 10_000)),
        );
    },
  },
  {
    name: 'xml-cut',
    apply: (rng, parts) => {
      const name = rng.pick(Object.keys(parts).filter((n) => n.endsWith('.xml') || n.endsWith('.rels')));
      edit(parts, name, (xml) => xml.slice(0, rng.int(0, xml.length)));
    },
  },
  {
    name: 'xml-garble',
    apply: (rng, parts) => {
      const name = rng.pick(Object.keys(parts).filter((n) => n.endsWith('.xml')));
      edit(parts, name, (xml) => {
        const chars = [...xml];
        for (let i = rng.int(1, 200); i > 0; i--) chars[rng.int(0, chars.length - 1)] = rng.pick(['<', '>', '"', '&', '/', '', '\u0000', '\uffff', ' ', '=', 'w:']);
        return chars.join('');
      });
    },
  },
  {
    name: 'entity-bomb',
    apply: (rng, parts) =>
      edit(parts, rng.pick(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', '_rels/.rels']), (xml) => {
        const levels = rng.int(3, 12);
        const ents = Array.from({ length: levels }, (_, i) => `<!ENTITY e${i} "${i === 0 ? 'aaaaaaaaaa' : `&e${i - 1};`.repeat(10)}">`).join('');
        const body = xml.replace(/^<\?xml[^>]*\?>/, '');
        return `<?xml version="1.0"?><!DOCTYPE d [${ents}]>${body.replace(/<w:t>/, `<w:t>&e${levels - 1};`)}`;
      }),
  },
  {
    name: 'deep-table',
    apply: (rng, parts) =>
      edit(parts, 'word/document.xml', (xml) => {
        const n = rng.int(100, 100_000);
        const open = '<w:tbl><w:tr><w:tc>';
        const close = '<w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
        return xml.replace('<w:body>', `<w:body>${open.repeat(n)}<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>${close.repeat(rng.chance(0.8) ? n : 0)}<w:p/>`);
      }),
  },
  {
    name: 'wide-table',
    apply: (rng, parts) =>
      edit(parts, 'word/document.xml', (xml) => {
        const rows = rng.int(1, 2000);
        const cols = rng.int(1, Math.max(1, Math.floor(rng.int(2, 1_000_000) / rows)));
        const tc = '<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>';
        const tr = `<w:tr>${tc.repeat(cols)}</w:tr>`;
        return xml.replace('<w:body>', `<w:body><w:tbl>${tr.repeat(rows)}</w:tbl>`);
      }),
  },
  {
    name: 'many-paragraphs',
    apply: (rng, parts) =>
      edit(parts, 'word/document.xml', (xml) => xml.replace('<w:body>', `<w:body>${'<w:p><w:r><w:t>一、总体情况 1件</w:t></w:r></w:p>'.repeat(rng.int(1000, 300_000))}`)),
  },
  {
    name: 'long-run',
    apply: (rng, parts) => edit(parts, 'word/document.xml', (xml) => xml.replace('<w:t>', `<w:t>${rng.pick(['1', '一、', '（', ' ', '第', '件，'])!.repeat(rng.int(10_000, 3_000_000))}`)),
  },
  {
    name: 'drop-part',
    apply: (rng, parts) => {
      delete parts[rng.pick(Object.keys(parts))];
    },
  },
];

/** A DOCX fixture with one of its parts damaged, zipped again (or its ZIP structure damaged). */
export function mutateDocx(rng: Rng, bytes: Uint8Array): { bytes: Uint8Array; mutation: string } {
  if (rng.chance(0.2)) return zipDamage(rng, bytes);
  const parts = unzipSync(bytes) as Parts;
  const m = rng.pick(PART_MUTATIONS);
  m.apply(rng, parts);
  if (rng.chance(0.15)) PART_MUTATIONS[rng.int(0, PART_MUTATIONS.length - 1)].apply(rng, parts);
  return { bytes: zipSync(parts, { level: rng.chance(0.5) ? 0 : 6 }), mutation: `docx:${m.name}` };
}

function zipDamage(rng: Rng, bytes: Uint8Array): { bytes: Uint8Array; mutation: string } {
  const how = rng.int(0, 3);
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  // the central directory records: damage one of their fields
  const records: number[] = [];
  for (let p = 0; p + 4 <= out.length; p++) if (view.getUint32(p, true) === 0x02014b50) records.push(p);
  if (how === 0 && records.length) {
    const p = rng.pick(records);
    const field = rng.pick([10, 20, 24, 28, 30, 32, 42]);
    if (field === 28 || field === 30 || field === 32) view.setUint16(p + field, rng.pick([0, 0xffff, rng.int(0, 0xffff)]), true);
    else view.setUint32(p + field, rng.pick([0, 0xffffffff, 0x7fffffff, rng.int(0, 0xffffffff)]), true);
    return { bytes: out, mutation: 'docx:zip-field' };
  }
  if (how === 1) {
    // an entry that inflates far past what it declares, or declares a bomb
    const parts = unzipSync(bytes) as Parts;
    const size = rng.int(1, 64) * 1024 * 1024;
    parts['word/document.xml'] = new Uint8Array(size).fill(rng.pick([0x20, 0x41, 0x3c]));
    const zipped = zipSync(parts, { level: 1 });
    return { bytes: zipped, mutation: 'docx:inflate-large' };
  }
  if (how === 2) {
    const start = records.length ? records[0] : Math.floor(out.length * 0.9);
    for (let i = rng.int(1, 40); i > 0; i--) out[rng.int(start, out.length - 1)] ^= 1 << rng.int(0, 7);
    return { bytes: out, mutation: 'docx:zip-flip-directory' };
  }
  for (let i = rng.int(1, 100); i > 0; i--) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
  return { bytes: out, mutation: 'docx:zip-flip' };
}
