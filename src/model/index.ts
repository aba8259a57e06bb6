/**
 * The report as the official format sees it, built once from the normalised tree and
 * kept on `file.data.report` for the rules: title, year, issuer, template version, the six
 * sections, the template tables as grids, dates with their roles, and prose claims.
 */
import type { Root } from 'mdast';
import type { TemplateVersion } from '../types.js';
import type { Normalization } from '../extract/normalize.js';
import { toBlocks, type Block } from './blocks.js';
import { findSections, type Section } from './sections.js';
import { templateTables, type TableId } from './template.js';
import { tableTokens, readTable, type TemplateTable } from './tables.js';
import { findPeriods, findSignatureDate, findPublishedDate, type DateMention, type PeriodMention } from './dates.js';
import { findClaims, type SumClaim } from './claims.js';
import { findInfo, type ReportInfo } from './info.js';

export interface ReportModel extends ReportInfo {
  template: TemplateVersion;
  blocks: Block[];
  sections: Section[];
  /** each template table found in its section (null when the section has none) */
  tables: Record<TableId, TemplateTable | null>;
  periods: PeriodMention[];
  signature: DateMention | null;
  published: DateMention | null;
  claims: SumClaim[];
  normalization: Normalization;
}

export interface ModelOptions {
  pageTitle?: string | null;
  template?: TemplateVersion;
}

/** The format in force for a reporting year: 2019 试行 for 2019–2020, the 2021 format after. */
export function templateFor(year: number | null): TemplateVersion {
  return year !== null && year >= 2021 ? '2021' : '2019';
}

export function buildModel(tree: Root, normalization: Normalization, options: ModelOptions = {}): ReportModel {
  const blocks = toBlocks(tree);
  const info = findInfo(blocks, options.pageTitle);
  const template = options.template ?? templateFor(info.reportingYear);
  const sections = findSections(blocks);
  const tables: ReportModel['tables'] = { active: null, application: null, review: null };
  for (const def of templateTables(template)) {
    const section = sections.find((s) => s.number === def.section);
    if (!section) continue;
    const found = tableTokens(blocks, section, def);
    if (found) tables[def.id] = readTable(def, found.tokens, found.style);
  }
  return {
    ...info,
    template,
    blocks,
    sections,
    tables,
    periods: findPeriods(blocks),
    signature: findSignatureDate(blocks),
    published: findPublishedDate(normalization.chrome),
    claims: findClaims(blocks),
    normalization,
  };
}
