/**
 * Which format a table is written in. The 2021 format rebuilt Table 2 and split Table 3's
 * （六）其他处理 into three sub-rows (template-spec §4c, §5b); the words below stand only in
 * one of the two, so finding them tells the version a table was copied from.
 */
import type { TemplateVersion } from '../types.js';
import type { TableId } from '../format/template.js';
import type { Token } from './tables.js';
import { labelKey } from '../util/cjk.js';

/** Words found only in one version's tables (template-spec §4c lists the 2019 ones). */
export const VERSION_MARKERS: Record<TemplateVersion, Partial<Record<TableId, string[]>>> = {
  '2019': {
    active: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '本年增减', '其他对外管理服务事项', '第二十条第（九）项', '政府集中采购', '采购项目数量', '采购总金额'],
  },
  '2021': {
    active: ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'],
    application: ['申请人无正当理由逾期不补正', '申请人逾期未按收费通知要求缴纳费用'],
  },
};

export interface MarkerHit {
  marker: string;
  token: Token;
}

/** The markers of `version` among a table's tokens, in document order, each once. */
export function markersIn(tokens: Token[], table: TableId, version: TemplateVersion): MarkerHit[] {
  const words = markerKeys(version, table);
  const hits: MarkerHit[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.empty) continue;
    const key = labelKey(token.text);
    for (const { w, key: k } of words) {
      if (!seen.has(w) && key.includes(k)) {
        seen.add(w);
        hits.push({ marker: w, token });
      }
    }
  }
  return hits;
}

const keyed = new Map<string, Array<{ w: string; key: string }>>();
function markerKeys(version: TemplateVersion, table: TableId): Array<{ w: string; key: string }> {
  let words = keyed.get(version + table);
  if (!words) keyed.set(version + table, (words = (VERSION_MARKERS[version][table] ?? []).map((w) => ({ w, key: labelKey(w) }))));
  return words;
}

export const otherVersion = (v: TemplateVersion): TemplateVersion => (v === '2021' ? '2019' : '2021');
