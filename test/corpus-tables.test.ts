/**
 * Every table of the real corpus against its hand transcription (`<report>.tables.json`, written
 * from the documents before the linter was compared with them): each row the model places holds
 * exactly the transcribed cells; a row the transcriber could not split with certainty is never
 * placed; a transcribed row the model does not place is a reading doubt of its table. Never a misread.
 */
import { describe, it, expect } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fixture, modelOf } from './helpers/fixtures.js';

type Rows = Record<string, Array<number | string | null> | null>;
interface Hand { about: string; active?: Rows; application?: Rows; review?: Rows }

const dir = fixture('realworld');
const files = (await readdir(dir, { recursive: true })).map(String).filter((f) => f.endsWith('.tables.json') && !f.includes('pingtan-zone.tables'));

async function reportOf(tables: string): Promise<string> {
  const stem = path.basename(tables, '.tables.json');
  const names = await readdir(path.join(dir, path.dirname(tables)));
  return path.join(path.dirname(tables), names.find((n) => n.startsWith(stem + '.') && !/\.(json|md)$/.test(n))!);
}

describe('the corpus tables, cell by cell', () => {
  it('there are transcriptions to compare with', () => expect(files.length).toBeGreaterThanOrEqual(20));

  it.each(files)('%s', async (tables) => {
    const hand = JSON.parse(await readFile(path.join(dir, tables), 'utf8')) as Hand;
    const m = await modelOf(`realworld/${await reportOf(tables)}`);
    // the older transcriptions list only the rows that are not all zero
    const zerosUnlisted = /Rows not listed hold 0/.test(hand.about);
    const off: string[] = [];
    for (const id of ['active', 'application', 'review'] as const) {
      const want = hand[id];
      const t = m.tables[id];
      if (!want) continue;
      for (const r of t?.rows ?? []) {
        const cells = r.placement === 'placed' ? r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind === 'blank' ? null : c.value.kind === 'word' ? c.value.raw : null)) : null;
        const w = r.def.key in want ? want[r.def.key] : zerosUnlisted ? r.cells.map(() => 0) : undefined;
        if (cells && w === null) off.push(`${id}.${r.def.key}: placed ${JSON.stringify(cells)} where the transcriber could not split it`);
        else if (cells && w !== undefined && JSON.stringify(cells) !== JSON.stringify(w)) off.push(`${id}.${r.def.key}: read ${JSON.stringify(cells)}, transcribed ${JSON.stringify(w)}`);
        else if (cells && w === undefined) off.push(`${id}.${r.def.key}: placed ${JSON.stringify(cells)}, not in the document as transcribed`);
        else if (!cells && w && t!.doubts.length === 0) off.push(`${id}.${r.def.key}: not placed, with no reading doubt`);
      }
      // a transcribed table the model did not find at all is a miss only if it names rows with figures
      if (!t && Object.values(want).some((v) => Array.isArray(v))) off.push(`${id}: not found`);
    }
    expect(off).toEqual([]);
  });
});
