/**
 * A made-up little book the PDF worker typesets, and throws away, while the text stages of a build
 * run on the other thread (src/pdf/worker.ts): by the time the real book arrives, the typesetter's
 * code is compiled by V8's optimising tiers and the fonts' shaping and hyphenation paths have been
 * taken. It leaves no trace in the real PDF (the tests compare bytes): every cache it fills holds
 * what the same input would give anyway.
 */
import { Report } from '../diagnostics/diagnostic.js';
import { fromMarkdown } from '../manuscript/from-markdown.js';
import { toPdf } from './index.js';

const WORDS = (
  'the of and to in that is was for it with as his on be at by this had not are but from or have an they which one you were her all ' +
  'she there would their we him been has when who will more no if out so said what up its about into than them can only other new ' +
  'some could time these two may then do first any my now such like our over man me even most made after also did many before must ' +
  'through back years where much your way well down should because each just those people how too little state good very make world ' +
  'still own see men work long get here between both life being under never day same another know while last might us great old year ' +
  'production cooperative municipal transition revolutionary organisation capitalism institutions movement government economic ' +
  'technology commons networked platforms horizontal infrastructure communities autonomous property labour monopoly association ' +
  'relationships development strategies contradictions possibilities manufacturing distribution decentralisation counterproductive ' +
  'self-organised peer-to-peer twenty-first ‘quoted’ “double” œuvre naïve café façade Zapatistas Kropotkin Proudhon Bookchin'
).split(' ');

/** Deterministic sentences of the words above (a fixed linear congruential sequence). */
function prose(seed: number, sentences: number): string {
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const length = 8 + next(22);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      let word = WORDS[next(WORDS.length)]!;
      if (next(40) === 0) word = `*${word}*`;
      else if (next(90) === 0) word = `**${word}**`;
      words.push(word);
      if (w > 2 && w < length - 2 && next(9) === 0) words[words.length - 1] += next(3) ? ',' : ';';
    }
    const sentence = words.join(' ');
    out.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}${next(7) ? '.' : next(2) ? '?' : '!'}`);
  }
  return out.join(' ');
}

/** The sample book's clean manuscript: three chapters of justified prose, notes, a quotation, a list, a link. */
export function warmUpManuscript(): string {
  const parts = [
    '---',
    'title: Warm-up',
    'author: Nobody',
    'language: en',
    'date: 2000-01-01',
    'publisher: Nobody',
    'rights: None',
    'identifier: urn:uuid:00000000-0000-4000-8000-000000000000',
    'edition: 1',
    'changes: []',
    '---',
    '',
  ];
  let seed = 7;
  for (let c = 1; c <= 3; c++) {
    parts.push('<!-- division: chapter -->', '', `# Chapter ${c}: ${prose(seed++, 1).slice(0, 40).replace(/[*.?!,;]/g, '')}`, '');
    for (let p = 1; p <= 14; p++) {
      const note = p % 3 === 0 ? `[^c${c}-${p}]` : '';
      parts.push(`${prose(seed++, 4 + (p % 5))}${note} ${prose(seed++, 2)}`, '');
      if (p === 5) parts.push(`> ${prose(seed++, 5)}`, '');
      if (p === 9) parts.push(...[1, 2, 3].map((i) => `${i}. ${prose(seed++, 1)}`), '');
      if (p === 11) parts.push(`${prose(seed++, 2)} See <https://example.org/a-rather-long-address/with/several/parts.html> and ${prose(seed++, 1)}`, '');
    }
    for (let p = 3; p <= 14; p += 3) parts.push(`[^c${c}-${p}]: ${prose(seed++, 1 + (p % 4))}`, '');
  }
  return parts.join('\n');
}

/** Typesets the sample book and drops the result. */
export async function warmUp(): Promise<void> {
  await toPdf(fromMarkdown(warmUpManuscript()), { report: new Report(), sourceDate: new Date(0), sourceFile: 'warm-up.md' });
}
