/**
 * A seeded synthetic clean manuscript large enough to exercise pagination: parts, chapters and
 * sections, long notes that must continue on the next page, long URLs, lists, quotes, a bibliography.
 */
import { mulberry32 } from '../helpers/synthetic-book.js';

const prng = mulberry32;

const VOCAB = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'one you were her all she there would their we him been has when who will more no if out so said what up its ' +
  'about into than them can only other new some could time these two may then do first any my now such like our ' +
  'over man me even most made after also did many before must through back years where much your way well down ' +
  'should because each just those people how too little state good very make world still own see men work long ' +
  'revolution parliamentary cooptation institutions capitalism commons municipalism horizontalism cooperative ' +
  'interstitial transition strategy production distribution organisation movement economic political social ' +
  'government administration bureaucracy hierarchy federation association autonomy solidarity networked ' +
  'infrastructure technological decentralisation manufacturing agricultural counterinstitutions sovereignty ' +
  'élite café naïve façade rôle coöperation Zürich Málaga São Paulo Łódź Ἀθῆναι Москва'
).split(' ');

export interface SyntheticOptions {
  seed?: number;
  parts?: number;
  chaptersPerPart?: number;
  paragraphsPerChapter?: number;
}

export interface SyntheticBook {
  markdown: string;
  noteCount: number;
}

export function syntheticManuscript(options: SyntheticOptions = {}): SyntheticBook {
  const rand = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const parts = options.parts ?? 3;
  const chapters = options.chaptersPerPart ?? 4;
  const paras = options.paragraphsPerChapter ?? 24;
  const out: string[] = [];
  let noteCount = 0;

  const sentence = (): string => {
    const n = 6 + Math.floor(rand() * 18);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = pick(VOCAB);
      if (rand() < 0.04) w = `*${w}*`;
      if (rand() < 0.02) w = `“${w}”`;
      words.push(w);
      if (i < n - 1 && rand() < 0.06) words[words.length - 1] += ',';
      if (i < n - 1 && rand() < 0.015) words.push('—');
      if (rand() < 0.01) words.push('well-known');
    }
    const s = words.join(' ').replace(/ — /g, '—');
    return s.charAt(0).toUpperCase() + s.slice(1) + (rand() < 0.1 ? '?' : '.');
  };
  const paragraph = (sentences: number): string => Array.from({ length: sentences }, sentence).join(' ');

  out.push('---', 'title: The Synthetic Book', 'subtitle: A Long Test of Print Layout', 'author: Ada Q. Tester',
    'language: en', 'date: 2021-01-01', 'publisher: Test Press', 'rights: Anti-copyright.',
    'identifier: urn:uuid:00000000-1111-4222-8333-444455556666', 'edition: 1', 'changes:',
    '  - { date: 2026-11-26, note: First synthetic edition. }', '  - { date: 2026-11-27, note: Second change. }', '---', '');
  out.push('<!-- division: titlepage -->', '# The Synthetic Book', '', 'A Long Test of Print Layout', '', 'Ada Q. Tester', '');
  out.push('<!-- division: dedication -->', 'For the readers who test layouts.', '');
  out.push('<!-- division: preface -->', '## Preface', '', `${paragraph(6)}[^pre-1]`, '', paragraph(5), '', `[^pre-1]: ${paragraph(2)}`, '');
  let page = 1;
  for (let p = 1; p <= parts; p++) {
    out.push('<!-- division: part -->', `# Part ${p}: ${pick(VOCAB)} and ${pick(VOCAB)}`, '');
    for (let c = 1; c <= chapters; c++) {
      const key = `p${p}c${c}`;
      const defs: string[] = [];
      let n = 0;
      const note = (long: boolean): string => {
        n++;
        noteCount++;
        const label = `${key}-${n}`;
        let body = long ? `${paragraph(14)}\n\n    ${paragraph(10)}` : paragraph(1 + Math.floor(rand() * 2));
        if (rand() < 0.3) body += ` Available at <https://www.example.org/archive/${pick(VOCAB)}/${Math.floor(rand() * 1e6)}/a-really-long-path-segment-name/and-another-one-${pick(VOCAB)}.html>; accessed 2019.`;
        defs.push(`[^${label}]: ${body}`);
        return `[^${label}]`;
      };
      out.push('<!-- division: chapter -->', `## Chapter ${(p - 1) * chapters + c}: The ${pick(VOCAB)} of ${pick(VOCAB)}`, '');
      for (let i = 0; i < paras; i++) {
        if (i % 8 === 0) out.push(`### ${['I', 'II', 'III', 'IV', 'V'][i / 8] ?? 'X'}. ${pick(VOCAB)} ${pick(VOCAB)}`, '');
        if (i % 5 === 2) out.push(`<!-- page ${page++} -->`, '');
        let text = paragraph(2 + Math.floor(rand() * 7));
        if (rand() < 0.5) text = text.replace(/\. /, () => `.${note(rand() < 0.15)} `);
        if (rand() < 0.3) text += note(rand() < 0.2);
        if (rand() < 0.2) text = text.replace(/ the /, ` the<!-- page ${page++} --> `);
        out.push(text, '');
        if (i % 11 === 5) out.push(`> ${paragraph(3)}${rand() < 0.5 ? note(false) : ''}`, '');
        if (i % 13 === 7) {
          out.push(`- ${sentence()}`, `- ${sentence()} See <https://example.net/a/very/long/path/that/should/break/somewhere/sensible/index.html>`, `- ${paragraph(3)}`, '');
        }
        if (i % 17 === 9) out.push(`1. ${sentence()}`, `2. ${paragraph(2)}`, '');
        if (i === 10) out.push(`#### A sub-head on ${pick(VOCAB)}`, '');
      }
      out.push(...defs.flatMap((d) => [d, '']));
    }
  }
  out.push('<!-- division: bibliography -->', '## Bibliography', '');
  for (let i = 0; i < 30; i++) out.push(`- ${pick(VOCAB)}, ${pick(VOCAB).charAt(0).toUpperCase()}. *${sentence()}* City: Press, ${1900 + i}. <https://example.com/books/${i}/${pick(VOCAB)}-${pick(VOCAB)}-${pick(VOCAB)}>`);
  out.push('', '<!-- division: about-the-author -->', '## About the Author', '', paragraph(3), '');
  return { markdown: out.join('\n'), noteCount };
}
