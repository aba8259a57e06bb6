/**
 * The report as the official format sees it, built once from the normalised tree and
 * kept on `file.data.report` for the rules: title, year, issuer, template version, the six
 * sections, the template tables as grids, dates with their roles, and prose claims.
 */
import type { Root } from 'mdast';
import type { Place, TemplateVersion } from '../types.js';
import type { Normalization } from '../extract/normalize.js';
import { toBlocks, type Block } from './blocks.js';
import { readSections, type PartLikeHeading, type Section, type SectionReading } from './sections.js';
import { templateTables, type TableDef, type TableId } from '../format/template.js';
import { tableTokens, readTable, type TemplateTable } from './tables.js';
import { markersIn, otherVersion, type MarkerHit } from './version.js';
import { findStatements, type Statement } from './statements.js';
import { findPeriods, findSignatureDate, findPublishedDate, findStatedPublication, type DateMention, type PeriodMention } from './dates.js';
import { findClaims, type SumClaim } from './claims.js';
import { findInfo, type ReportInfo } from './info.js';

export interface ReportModel extends ReportInfo {
  /** the format in force: from the reporting year, or forced */
  template: TemplateVersion;
  /** how the format in force was chosen */
  templateFrom: 'year' | 'forced' | 'tables';
  blocks: Block[];
  sections: Section[];
  /** headings numbered like parts (二、…) that are not one of the six */
  partLike: PartLikeHeading[];
  /** part headings standing where the order of the six does not allow them */
  outOfOrder: SectionReading['outOfOrder'];
  /** each template table found in its section (null when the section has none) */
  tables: Record<TableId, TemplateTable | null>;
  /** tables written in the other format: the words that show it */
  otherVersionTables: Array<{ id: TableId; version: TemplateVersion; markers: MarkerHit[] }>;
  /** the web page's <title>, which search results show (a favourite place for injected spam) */
  pageTitle: { text: string; place?: Place } | null;
  /** counts and completion claims stated in prose */
  statements: Statement[];
  periods: PeriodMention[];
  signature: DateMention | null;
  published: DateMention | null;
  /** a publication date the text states for the report (本报告于…发布) */
  stated: DateMention | null;
  claims: SumClaim[];
  normalization: Normalization;
}

export interface ModelOptions {
  pageTitle?: string | null;
  pageTitlePlace?: Place;
  template?: TemplateVersion;
}

/** The format in force for a reporting year: 2019 试行 for 2019–2020, the 2021 format after. */
export function templateFor(year: number | null): TemplateVersion {
  return year !== null && year >= 2021 ? '2021' : '2019';
}

export function buildModel(tree: Root, normalization: Normalization, options: ModelOptions = {}): ReportModel {
  const blocks = toBlocks(tree);
  const info = findInfo(blocks, options.pageTitle);
  const { sections, partLike, outOfOrder } = readSections(blocks);
  const found = (def: TableDef) => {
    const section = sections.find((s) => s.number === def.section);
    return section ? tableTokens(blocks, section, def) : null;
  };
  let template = options.template ?? (info.reportingYear !== null ? templateFor(info.reportingYear) : null);
  const templateFrom: ReportModel['templateFrom'] = options.template ? 'forced' : template ? 'year' : 'tables';

  if (!template) {
    // no year to go by: the version Table 2 is written in, else the older one
    const t2 = found(templateTables('2021')[0]);
    template = t2 && markersIn(t2.tokens, 'active', '2021').length > 0 && markersIn(t2.tokens, 'active', '2019').length === 0 ? '2021' : '2019';
  }
  const tables: ReportModel['tables'] = { active: null, application: null, review: null };
  const otherVersionTables: ReportModel['otherVersionTables'] = [];
  const other = otherVersion(template);
  const otherDefs = templateTables(other);
  for (const def of templateTables(template)) {
    let use = def;
    let tokens = found(def);
    if (!tokens) continue;
    // A table copied from the other format is read with that format's rows, so its numbers still
    // count; template-version reports the mismatch once instead of table-shape row by row.
    const foreign = markersIn(tokens.tokens, def.id, other);
    if (foreign.length > 0 && markersIn(tokens.tokens, def.id, template).length === 0) {
      use = otherDefs.find((d) => d.id === def.id)!;
      tokens = found(use) ?? tokens;
      otherVersionTables.push({ id: def.id, version: other, markers: foreign });
    }
    tables[def.id] = { ...readTable(use, tokens.tokens, tokens.style), version: use === def ? template : other };
  }
  return {
    ...info,
    template,
    templateFrom,
    blocks,
    sections,
    partLike,
    outOfOrder,
    tables,
    otherVersionTables,
    statements: findStatements(blocks, sections),
    pageTitle: options.pageTitle ? { text: options.pageTitle, place: options.pageTitlePlace } : null,
    periods: findPeriods(blocks),
    signature: findSignatureDate(blocks),
    published: findPublishedDate(normalization.chrome, blocks),
    stated: findStatedPublication(blocks),
    claims: findClaims(blocks),
    normalization,
  };
}
