/** Every rule of the pack, in the order their findings are listed for a place. */
import type { Rule } from '../src/engine/rule.js';
import requiredSections from './required-sections.js';
import sectionTablePresent from './section-table-present.js';
import applicationBalance from './application-balance.js';
import applicationTotals from './application-totals.js';
import reviewLitigationTotals from './review-litigation-totals.js';
import blankCells from './blank-cells.js';
import numericCells from './numeric-cells.js';
import reportingPeriod from './reporting-period.js';
import publicationDate from './publication-date.js';
import narrativeSum from './narrative-sum.js';
import injectedContent from './injected-content.js';
import conversionArtifacts from './conversion-artifacts.js';
import unreadable from './unreadable.js';
import templateVersion from './template-version.js';
import tableShape from './table-shape.js';
import narrativeTableAgreement from './narrative-table-agreement.js';
import proseContradiction from './prose-contradiction.js';
import overviewTopics from './overview-topics.js';
import feeReporting from './fee-reporting.js';
import sectionNumbering from './section-numbering.js';
import emptySection from './empty-section.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Rule<any>[] = [
  requiredSections,
  sectionNumbering,
  emptySection,
  sectionTablePresent,
  templateVersion,
  tableShape,
  applicationBalance,
  applicationTotals,
  reviewLitigationTotals,
  blankCells,
  numericCells,
  reportingPeriod,
  publicationDate,
  narrativeSum,
  narrativeTableAgreement,
  proseContradiction,
  overviewTopics,
  feeReporting,
  injectedContent,
  conversionArtifacts,
  unreadable,
];
