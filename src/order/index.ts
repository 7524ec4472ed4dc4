import type { StageContext } from '../model/context.js';
import type { Fragment } from '../model/page.js';
import type { Ingested } from '../ingest/index.js';
import { fragmentFeatures, type FragmentFeatures } from './features.js';
import { solveOrder, type HyphenJoinScore, type Join } from './solve.js';

export type { HyphenJoinScore, Join } from './solve.js';

export interface OrderOptions {
  hyphen: HyphenJoinScore;
  /** The book's title: the fragment that opens with it is the title page and comes first. */
  title?: string;
}

export interface Ordered {
  /** Fragments in reading order. */
  fragments: Fragment[];
  /** For each fragment in reading order, the evidence for the join to its predecessor. */
  joins: Join[];
  features: FragmentFeatures[];
}

function titleFragment(ingested: Ingested, title: string | undefined): number | undefined {
  if (!title) return undefined;
  const wanted = title.trim().toLowerCase();
  const found = ingested.fragments.findIndex((f) => f.body.some((b) => b.kind === 'heading' && b.text.replace(/^#+\s*|\*+/g, '').trim().toLowerCase() === wanted));
  return found >= 0 ? found : undefined;
}

/** Puts the ingested fragments in reading order. Never drops or repeats a fragment. */
export function order(ingested: Ingested, ctx: StageContext, options: OrderOptions): Ordered {
  const features = fragmentFeatures(ingested.fragments, ingested.anchors);
  const first = titleFragment(ingested, options.title);
  const { order: sequence, joins } = solveOrder(features, { hyphen: options.hyphen, ...(first !== undefined ? { first } : {}) });
  const seen = new Set(sequence);
  if (seen.size !== ingested.fragments.length || sequence.length !== ingested.fragments.length) {
    throw new Error(`internal: ordering returned ${sequence.length} fragments (${seen.size} distinct) for ${ingested.fragments.length}`);
  }
  for (const join of joins) {
    if (join.from === null || join.score >= 6) continue;
    const fragment = ingested.fragments[join.to]!;
    ctx.report.info('order', 'O-100', `uncertain page join (score ${join.score.toFixed(1)}): ${join.reasons.join('; ') || 'no evidence either way'}`, {
      place: { file: ctx.sourceFile, line: fragment.span.startLine, column: 1 },
    });
  }
  return { fragments: sequence.map((i) => ingested.fragments[i]!), joins, features };
}
