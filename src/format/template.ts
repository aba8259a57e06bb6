/**
 * src/format: what the official formats fix, shared by the extractors (which need the row labels to
 * join a table's fragments) and the model (which reads the tables against them); it depends on nothing.
 *
 * The official table layouts (template-spec.md §4–§6): every row label, column path and
 * the words that only ever stand in headers, for the 2019 试行 format and the 2021 format
 * (Table 2 rebuilt; Table 3's （六）其他处理 split into three sub-rows; Table 4 unchanged).
 */
import type { TemplateVersion } from '../types.js';

export type TableId = 'active' | 'application' | 'review';
export type CellKind = 'count' | 'signed' | 'amount';

export interface ColumnDef {
  key: string;
  /** the header label, and the path from the top of the column tree */
  label: string;
  path: string[];
}

export interface RowDef {
  key: string;
  label: string;
  /** the row path from the top of the row tree, labels as the template writes them */
  path: string[];
  /** labels this row may be written as (the first is the template's) */
  match: string[];
  columns: ColumnDef[];
  kind: CellKind[];
  /**
   * A row of the older layout tolerated in this one (a 2021 table that keeps 2019's single
   * （六）其他处理 row): read when present so its numbers still count, never missing itself;
   * the sub-rows it stands for are the ones missing.
   */
  optional?: boolean;
  /** labels of the older format this row was renamed from (2021: 规范性文件 → 行政规范性文件) */
  former?: string[];
}

export interface TableDef {
  id: TableId;
  section: 2 | 3 | 4;
  /** 表2, 表3, 表4 in messages */
  name: { zh: string; en: string };
  rows: RowDef[];
  /** labels that carry no numbers but head sub-rows (三、本年度办理结果, （三）不予公开 …) */
  groups: string[];
  /** words that only stand in header cells */
  headers: string[];
  /** a T2 banner (第二十条第（一）项) */
  banner?: RegExp;
  /** where a flattened copy of the table starts */
  anchor: RegExp;
  /** Table 4 has one data row with no label of its own */
  unlabelledRow?: boolean;
}

const col = (key: string, label: string, path: string[] = [label]): ColumnDef => ({ key, label, path });

// ── Table 2 (2019): 主动公开政府信息情况 ───────────────────────────────────────
const t2Made = [col('made', '本年新制作数量'), col('published', '本年新公开数量'), col('total', '对外公开总数量')];
const t2Items = [col('lastYear', '上一年项目数量'), col('change', '本年增/减'), col('decisions', '处理决定数量')];
const t2Fees = [col('lastYear', '上一年项目数量'), col('change', '本年增/减')];
const t2Procure = [col('projects', '采购项目数量'), col('amount', '采购总金额')];

function t2Row(key: string, banner: string, label: string, columns: ColumnDef[], kind: CellKind[], more: string[] = []): RowDef {
  return { key, label, path: [banner, label], match: [label, ...more], columns, kind };
}

const activeTable2019: TableDef = {
  id: 'active',
  section: 2,
  name: { zh: '表2（主动公开）', en: 'table 2 (proactive disclosure)' },
  rows: [
    t2Row('rules', '第二十条第（一）项', '规章', t2Made, ['count', 'count', 'count']),
    t2Row('normativeDocs', '第二十条第（一）项', '规范性文件', t2Made, ['count', 'count', 'count'], ['行政规范性文件']),
    t2Row('licensing', '第二十条第（五）项', '行政许可', t2Items, ['count', 'signed', 'count']),
    t2Row('otherServices', '第二十条第（五）项', '其他对外管理服务事项', t2Items, ['count', 'signed', 'count']),
    t2Row('penalties', '第二十条第（六）项', '行政处罚', t2Items, ['count', 'signed', 'count']),
    t2Row('enforcement', '第二十条第（六）项', '行政强制', t2Items, ['count', 'signed', 'count']),
    t2Row('fees', '第二十条第（八）项', '行政事业性收费', t2Fees, ['count', 'signed']),
    t2Row('procurement', '第二十条第（九）项', '政府集中采购', t2Procure, ['count', 'amount']),
  ],
  groups: [],
  headers: ['信息内容', ...[...t2Made, ...t2Items, ...t2Procure].map((c) => c.label), '本年增减', '本年增／减'],
  banner: /^第二十条第[（(][一二三四五六七八九十]+[)）]项$/,
  anchor: /^第二十条第[（(]/,
};

// ── Table 2 (2021): the same banners, fewer items, new columns (template-spec §4b) ──
const t2Issued = [col('issued', '本年制发件数'), col('repealed', '本年废止件数'), col('inForce', '现行有效件数')];
const t2Decisions = [col('decisions', '本年处理决定数量')];
const t2FeeAmount = [col('amount', '本年收费金额（单位：万元）')];

const activeTable2021: TableDef = {
  id: 'active',
  section: 2,
  name: activeTable2019.name,
  rows: [
    t2Row('rules', '第二十条第（一）项', '规章', t2Issued, ['count', 'count', 'count']),
    { ...t2Row('normativeDocs', '第二十条第（一）项', '行政规范性文件', t2Issued, ['count', 'count', 'count'], ['规范性文件']), former: ['规范性文件'] },
    t2Row('licensing', '第二十条第（五）项', '行政许可', t2Decisions, ['count']),
    t2Row('penalties', '第二十条第（六）项', '行政处罚', t2Decisions, ['count']),
    t2Row('enforcement', '第二十条第（六）项', '行政强制', t2Decisions, ['count']),
    t2Row('fees', '第二十条第（八）项', '行政事业性收费', t2FeeAmount, ['amount']),
  ],
  groups: [],
  headers: ['信息内容', ...[...t2Issued, ...t2Decisions, ...t2FeeAmount].map((c) => c.label), '本年收费金额'],
  banner: activeTable2019.banner,
  anchor: activeTable2019.anchor,
};

// ── Table 3: 收到和处理政府信息公开申请情况 ──────────────────────────────────────
const applicants = '申请人情况';
const legal = '法人或其他组织';
const applicantColumns: ColumnDef[] = [
  col('natural', '自然人', [applicants, '自然人']),
  col('business', '商业企业', [applicants, legal, '商业企业']),
  col('research', '科研机构', [applicants, legal, '科研机构']),
  col('publicWelfare', '社会公益组织', [applicants, legal, '社会公益组织']),
  col('legalService', '法律服务机构', [applicants, legal, '法律服务机构']),
  col('other', '其他', [applicants, legal, '其他']),
  col('total', '总计', [applicants, '总计']),
];
const counts7: CellKind[] = Array(7).fill('count');
const results = '三、本年度办理结果';

function t3Row(key: string, path: string[], more: string[] = []): RowDef {
  const label = path[path.length - 1];
  return { key, label, path, match: [label, ...more], columns: applicantColumns, kind: counts7 };
}

function applicationRows(version: TemplateVersion): RowDef[] {
  const withheld = '（三）不予公开';
  const unable = '（四）无法提供';
  const notHandled = '（五）不予处理';
  const other = '（六）其他处理';
  const rows: RowDef[] = [
    t3Row('received', ['一、本年新收政府信息公开申请数量'], ['一、本年新收']),
    t3Row('carriedOver', ['二、上年结转政府信息公开申请数量'], ['二、上年结转']),
    t3Row('disclosed', [results, '（一）予以公开']),
    t3Row('partlyDisclosed', [results, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'], ['（二）部分公开']),
    t3Row('withheld.stateSecret', [results, withheld, '1.属于国家秘密']),
    t3Row('withheld.prohibitedByLaw', [results, withheld, '2.其他法律行政法规禁止公开']),
    t3Row('withheld.threeSecurities', [results, withheld, '3.危及“三安全一稳定”'], ['3.危及三安全一稳定']),
    t3Row('withheld.thirdParty', [results, withheld, '4.保护第三方合法权益']),
    t3Row('withheld.internalAffairs', [results, withheld, '5.属于三类内部事务信息']),
    t3Row('withheld.processInfo', [results, withheld, '6.属于四类过程性信息']),
    t3Row('withheld.enforcementFiles', [results, withheld, '7.属于行政执法案卷']),
    t3Row('withheld.inquiry', [results, withheld, '8.属于行政查询事项']),
    t3Row('unable.notHeld', [results, unable, '1.本机关不掌握相关政府信息']),
    t3Row('unable.needsCreating', [results, unable, '2.没有现成信息需要另行制作']),
    t3Row('unable.unclear', [results, unable, '3.补正后申请内容仍不明确']),
    t3Row('notHandled.petition', [results, notHandled, '1.信访举报投诉类申请']),
    t3Row('notHandled.repeated', [results, notHandled, '2.重复申请']),
    t3Row('notHandled.publication', [results, notHandled, '3.要求提供公开出版物']),
    t3Row('notHandled.massRepeated', [results, notHandled, '4.无正当理由大量反复申请']),
    t3Row('notHandled.confirmation', [results, notHandled, '5.要求行政机关确认或重新出具已获取信息']),
  ];
  if (version === '2019') rows.push(t3Row('otherHandling', [results, other]));
  else
    rows.push(
      { ...t3Row('otherHandling', [results, other]), optional: true },
      t3Row('otherHandling.noCorrection', [results, other, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']),
      t3Row('otherHandling.unpaidFee', [results, other, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请']),
      t3Row('otherHandling.other', [results, other, '3.其他']),
    );
  rows.push(t3Row('resultTotal', [results, '（七）总计']), t3Row('carriedForward', ['四、结转下年度继续办理'], ['四、结转下年度']));
  return rows;
}

// one definition per format, built once: the model keeps indexes keyed by the definition
const applicationTables = new Map<TemplateVersion, TableDef>();
function applicationTable(version: TemplateVersion): TableDef {
  let def = applicationTables.get(version);
  if (!def) applicationTables.set(version, (def = buildApplicationTable(version)));
  return def;
}

function buildApplicationTable(version: TemplateVersion): TableDef {
  return {
    id: 'application',
    section: 3,
    name: { zh: '表3（依申请公开）', en: 'table 3 (applications)' },
    rows: applicationRows(version),
    groups: [results, '（三）不予公开', '（四）无法提供', '（五）不予处理', ...(version === '2021' ? ['（六）其他处理'] : [])],
    headers: ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', applicants, legal, ...applicantColumns.map((c) => c.label)],
    anchor: /^(（本列数据的勾稽关系|申请人情况|一、本年新收)/,
  };
}

// ── Table 4: 政府信息公开行政复议、行政诉讼情况 ─────────────────────────────────
const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const outcomeKeys = ['upheld', 'corrected', 'other', 'pending', 'total'];
function outcomeColumns(group: string, path: string[]): ColumnDef[] {
  return outcomes.map((o, i) => col(`${group}.${outcomeKeys[i]}`, o, [...path, o]));
}
const reviewColumns: ColumnDef[] = [
  ...outcomeColumns('review', ['行政复议']),
  ...outcomeColumns('directSuit', ['行政诉讼', '未经复议直接起诉']),
  ...outcomeColumns('suitAfterReview', ['行政诉讼', '复议后起诉']),
];
const reviewTable: TableDef = {
  id: 'review',
  section: 4,
  name: { zh: '表4（复议诉讼）', en: 'table 4 (reviews and lawsuits)' },
  rows: [{ key: 'all', label: '', path: [], match: [], columns: reviewColumns, kind: Array(15).fill('count') }],
  groups: [],
  headers: ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', ...outcomes],
  anchor: /^行政复议$/,
  unlabelledRow: true,
};

export function templateTables(version: TemplateVersion): TableDef[] {
  return [version === '2021' ? activeTable2021 : activeTable2019, applicationTable(version), reviewTable];
}
