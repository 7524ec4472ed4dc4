/**
 * Join scores between the fragments near each other in the raw file. A booklet's pages join only
 * pages of their own or the next signature, so its fit asks for nothing else: scoring every pair
 * of fragments, as the evidence's own assembly must, grows with the square of the book, and this
 * with its length.
 */
import { type SolverFeatures, chainOf } from './chains.js';
import { type SolveOptions, chainScore, edgeScore, sentenceRelation, termPostings } from './evidence.js';
import { cosine } from './features.js';

/** A join score (row = the page before), higher is likelier. */
export type JoinOf = (before: number, after: number) => number;

export class BandScores {
  /** Row a holds the joins a → b for b from a − reach to a + reach. */
  private readonly values: Float32Array;
  private readonly width: number;

  /**
   * The scores {@link localScores} gives, the sentence weight added as solveOrder's variants add it
   * (rounded the same way), for the pairs at most `reach` apart; the others are scored when asked.
   */
  constructor(
    private readonly features: readonly SolverFeatures[],
    private readonly options: SolveOptions,
    private readonly sentence: { runsOn: number; broken: number },
    readonly reach: number,
  ) {
    const n = features.length;
    const width = (this.width = 2 * reach + 1);
    // Shared vocabulary, summed term by term in ascending term order (as localScores sums it, to
    // the last bit), over the pages holding each term that lie within reach of each other.
    const postings = termPostings(features);
    const similarity = new Float64Array(n * width);
    for (const id of [...postings.keys()].sort((x, y) => x - y)) {
      const list = postings.get(id)!;
      for (let i = 0, low = 0; i < list.length; i++) {
        const { page, weight } = list[i]!;
        while (list[low]!.page < page - reach) low++;
        for (let j = low; j < list.length && list[j]!.page <= page + reach; j++) {
          if (j !== i) similarity[page * width + list[j]!.page - page + reach]! += weight * list[j]!.weight;
        }
      }
    }
    this.values = new Float32Array(n * width);
    for (let a = 0; a < n; a++) {
      for (let b = Math.max(0, a - reach); b <= Math.min(n - 1, a + reach); b++) if (a !== b) this.values[a * width + b - a + reach] = this.weighed(a, b, similarity[a * width + b - a + reach]!);
    }
    this.rows = new Map();
  }

  /**
   * For the joins beyond reach, by the page before: the scores asked for so far (NaN: not yet; the
   * local search asks for the same joins many times over). Each is scored alone, its shared
   * vocabulary merged pair by pair (`cosine` adds the same terms in the same order as a row of
   * postings would, to the last bit): a page before is asked about beside few pages beyond reach,
   * and summing its row against every page made the search grow with the square of the book.
   */
  private readonly rows: Map<number, Float32Array>;

  private weighed(a: number, b: number, similarity: number): number {
    const t = this.features[a]!;
    const h = this.features[b]!;
    const relation = sentenceRelation(t, h);
    const weight = relation === 'runsOn' ? this.sentence.runsOn : relation === 'broken' ? this.sentence.broken : 0;
    // (added up as localScores and solveOrder's variants add it, to the last bit)
    let score = edgeScore(t, h, this.options);
    score += 4 * similarity - 0.5;
    return Math.fround(Math.fround(score) + weight);
  }

  private score(a: number, b: number): number {
    let row = this.rows.get(a);
    if (!row) this.rows.set(a, (row = new Float32Array(this.features.length).fill(Number.NaN)));
    let score = row[b]!;
    if (Number.isNaN(score)) row[b] = score = this.weighed(a, b, cosine(this.features[a]!, this.features[b]!));
    return score;
  }

  /**
   * Visits the joins within reach, page before by page before, with their scores: for the local
   * search that mends a booklet's reading, the joins it looks up a run's places by (a strong join
   * beyond reach is not looked for: a booklet's pages meet their neighbours within it).
   */
  readonly scan = (visit: (before: number, after: number, score: number) => void): void => {
    const n = this.features.length;
    const { reach, width, values } = this;
    for (let a = 0; a < n; a++) for (let b = Math.max(0, a - reach); b <= Math.min(n - 1, a + reach); b++) if (a !== b) visit(a, b, values[a * width + b - a + reach]!);
  };

  /** Whether b lies within reach of a. */
  near(a: number, b: number): boolean {
    return Math.abs(a - b) <= this.reach;
  }

  readonly join: JoinOf = (a, b) => (a === b ? 0 : this.near(a, b) ? this.values[a * this.width + b - a + this.reach]! : this.score(a, b));

  /** Adds `bonus` to every join that steps `step` fragments through the raw file (a scramble's rhythm: a step within reach). */
  addStep(step: number, bonus: number): void {
    if (Math.abs(step) > this.reach || step === 0) throw new Error(`internal: step ${step} beyond the band's reach ${this.reach}`);
    for (let a = Math.max(0, -step); a < this.features.length && a + step < this.features.length; a++) this.values[a * this.width + step + this.reach]! += bonus;
  }

  /** `join` for the pairs within reach, as a flat table (for a fit that asks for each many times), and on demand beyond. */
  table(join: JoinOf): JoinOf {
    const n = this.features.length;
    const { reach, width } = this;
    const values = new Float64Array(n * width);
    for (let a = 0; a < n; a++) for (let b = Math.max(0, a - reach); b <= Math.min(n - 1, a + reach); b++) values[a * width + b - a + reach] = join(a, b);
    return (a, b) => (Math.abs(a - b) <= reach ? values[a * width + b - a + reach]! : join(a, b));
  }

  /**
   * Chains of the joins both sides pick as their best among the fragments within reach (a page's
   * likeliest successor, whose likeliest predecessor the page is too), by the joins' evidence and
   * what headings and notes say of single pages: the surest joins, found without the assignment.
   */
  mutualBestChains(first: number | undefined): ReturnType<typeof chainOf>[] {
    const { features, reach } = this;
    const n = features.length;
    const singles = features.map((_, i) => chainOf([i], features));
    const successor = new Int32Array(n).fill(-1);
    const predecessor = new Int32Array(n).fill(-1);
    const bestBefore = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    for (let a = 0; a < n; a++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let b = Math.max(0, a - reach); b <= Math.min(n - 1, a + reach); b++) {
        if (a === b || b === first) continue;
        const score = this.values[a * this.width + b - a + reach]! + chainScore(singles[a]!, singles[b]!);
        if (score > best) [best, successor[a]] = [score, b];
        if (score > bestBefore[b]!) [bestBefore[b], predecessor[b]] = [score, a];
      }
    }
    const next = new Int32Array(n).fill(-1);
    const hasBefore = new Uint8Array(n);
    for (let a = 0; a < n; a++) {
      const b = successor[a]!;
      if (b >= 0 && predecessor[b] === a) [next[a], hasBefore[b]] = [b, 1];
    }
    const chains = [];
    for (let a = 0; a < n; a++) {
      if (hasBefore[a] || next[a]! < 0) continue;
      const members = [a];
      for (let b = next[a]!; b >= 0; b = next[b]!) members.push(b);
      chains.push(chainOf(members, features));
    }
    return chains;
  }
}
