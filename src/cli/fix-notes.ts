/**
 * What `check --fix` and `--fix-dry-run` did to each file, for people, on stderr (stdout carries
 * the report in the format asked for): each change as `before → after` at its place, and each fix
 * left alone with the reason.
 */
import type { Lang, LintResult } from '../types.js';
import type { AppliedFix, FixChange } from '../engine/fix-run.js';
import { location } from '../report/location.js';

export interface FileFixes {
  filePath: string;
  applied: AppliedFix[];
  result: LintResult;
  /** where the fixed file was written ('-': standard output; null: nothing written — a dry run, or nothing fixed) */
  written: string | null;
  dryRun: boolean;
}

// the template tables by their number in the format (the ids are the model's)
const TABLES: Record<string, { zh: string; en: string }> = { active: { zh: '表2', en: 'table 2' }, application: { zh: '表3', en: 'table 3' }, review: { zh: '表4', en: 'table 4' } };

const place = (c: FixChange, lang: Lang) => location({ line: c.line ?? null, column: c.column ?? null, page: null, paragraph: c.paragraph ?? null, tableCell: c.tableCell ?? null }, lang);

export function fixNotes(files: FileFixes[], lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  for (const f of files) {
    const refused = f.result.messages.filter((m) => m.fixRefused);
    if (f.applied.length === 0 && refused.length === 0) continue;
    const n = f.applied.reduce((s, a) => s + a.changes.length, 0);
    const head = f.dryRun
      ? zh ? `将修正 ${n} 处（试运行，未写入文件）` : `would make ${n} change${n === 1 ? '' : 's'} (dry run, nothing written)`
      : f.written === '-'
        ? zh ? `已修正 ${n} 处，修正后的文档写到标准输出` : `made ${n} change${n === 1 ? '' : 's'}, the fixed document written to standard output`
      : f.written
        ? f.written === f.filePath
          ? zh ? `已修正 ${n} 处，已写回原文件` : `made ${n} change${n === 1 ? '' : 's'}, written back to the file`
          : zh ? `已修正 ${n} 处，修正后的副本写到 ${f.written}（原文件未改动）` : `made ${n} change${n === 1 ? '' : 's'} in a copy, ${f.written} (the original is unchanged)`
        : zh ? '未修正任何内容' : 'nothing changed';
    out.push(`${f.filePath}: ${head}`);
    for (const a of f.applied) {
      const where = a.cell ? `  ${[TABLES[a.cell.table]?.[lang] ?? a.cell.table, a.cell.row, a.cell.column].filter(Boolean).join(' › ')}` : '';
      for (const c of a.changes) out.push(`  ${place(c, lang).padEnd(8)} ${c.before} → ${c.after}  ${a.ruleId}${where}`);
    }
    for (const m of refused) {
      const at = location(m, lang);
      out.push(zh ? `  未修正 ${at} ${m.ruleId}：${m.fixRefused!.title}——${m.fixRefused!.reason}` : `  not fixed ${at} ${m.ruleId}: ${m.fixRefused!.title} — ${m.fixRefused!.reason}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
