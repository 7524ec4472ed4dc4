import type { Report } from '../diagnostics/diagnostic.js';

/** What every stage receives besides its input. Stages never read files, the clock or unseeded randomness. */
export interface StageContext {
  report: Report;
  /** The build's source date (SOURCE_DATE_EPOCH, else the manuscript's newest change date): every date an edition embeds. */
  sourceDate: Date;
  /** Name of the raw input file, for diagnostics. */
  sourceFile: string;
}
