/**
 * Seeded damage to a raw extraction's lines, as extractions and hasty edits damage them: lines
 * left out, repeated or swapped, the file cut short, stray marks and junk lines, footnote rules or
 * superscript tags lost, blank lines lost or lines run together, heading marks changed or lost,
 * stray carriage returns, lines indented. What a build of the result must never do: stop with
 * anything but a diagnostic naming the line, or lose a character (scripts/fuzz.ts on a whole book,
 * test/property/mutate.property.test.ts on small ones).
 */
import { randInt, type Rng } from './synthetic-book.js';

export const MUTATIONS = ['delete', 'duplicate', 'truncate', 'swap', 'junk', 'manyJunk', 'noRules', 'noSuperscripts', 'contentsNumbers', 'shuffleLines', 'noBlankLines', 'joinLines', 'headingMarks', 'noHeadingMarks', 'carriageReturns', 'indent'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Lines and marks an extraction or an editor may leave anywhere. */
const JUNK = ['<sup>', '</sup>', '---', '#', '######', '| a | b |', '**', '***bold', '<b>', '</b>', '<sup>99999999999</sup>', '<sup>0</sup>', '\uFFFD', '\u200B', '> quote', '- ', '1. ', '[x](', '<!--', '```', '\t\t', '<sup>12</sup> ', '# Chapter One', '<b>Chapter One</b>\t<b>5</b>', 'I. Section . . . . .\t12', '\\', '&amp;', '<div>', '$$', '~~~'];

/** The raw text with one kind of damage, placed by `rng`. */
export function mutate(raw: string, mutation: Mutation, rng: Rng): string {
  let lines = raw.split('\n');
  const at = (): number => randInt(rng, 0, Math.max(0, lines.length - 1));
  const junk = (): string => JUNK[randInt(rng, 0, JUNK.length - 1)]!;
  /** A stretch of up to `most` lines: its start and end. */
  const stretch = (most: number): [number, number] => {
    const from = at();
    return [from, Math.min(lines.length, from + randInt(rng, 1, most))];
  };
  switch (mutation) {
    case 'delete': {
      const [from, to] = stretch(80);
      lines.splice(from, to - from);
      break;
    }
    case 'duplicate': {
      const [from, to] = stretch(120);
      lines.splice(at(), 0, ...lines.slice(from, to));
      break;
    }
    case 'truncate':
      lines = lines.slice(0, at());
      break;
    case 'swap': {
      const size = Math.max(1, Math.floor(lines.length / 10));
      const a = randInt(rng, 0, Math.max(0, lines.length - size));
      const b = randInt(rng, 0, Math.max(0, lines.length - size));
      const [first, second] = [lines.slice(a, a + size), lines.slice(b, b + size)];
      lines.splice(a, size, ...second);
      lines.splice(b, size, ...first);
      break;
    }
    case 'junk':
      for (let k = 0; k < 5; k++) lines.splice(at(), 0, junk());
      break;
    case 'manyJunk':
      for (let k = 0; k < Math.max(5, lines.length / 40); k++) {
        const line = at();
        lines[line] = rng() < 0.5 ? junk() + lines[line] : lines[line] + junk();
      }
      break;
    case 'noRules':
      lines = lines.filter((line) => line !== '---' || rng() < 0.5);
      break;
    case 'noSuperscripts':
      lines = lines.map((line) => (rng() < 0.3 ? line.replace(/<\/?sup>/g, '') : line));
      break;
    case 'contentsNumbers':
      // (page numbers at the ends of the Contents' lines, wherever it stands: early in the file)
      lines = lines.map((line, k) => (k < lines.length / 10 ? line.replace(/\t(<b>)?\d+/g, (_, bold: string | undefined) => `\t${bold ?? ''}${randInt(rng, 1, 999)}`) : line));
      break;
    case 'shuffleLines': {
      const [from, to] = stretch(300);
      const part = lines.slice(from, to);
      for (let i = part.length - 1; i > 0; i--) {
        const j = randInt(rng, 0, i);
        [part[i], part[j]] = [part[j]!, part[i]!];
      }
      lines.splice(from, part.length, ...part);
      break;
    }
    case 'noBlankLines': {
      const [from, to] = stretch(400);
      lines = [...lines.slice(0, from), ...lines.slice(from, to).filter((line) => line.trim() !== ''), ...lines.slice(to)];
      break;
    }
    case 'joinLines': {
      const [from, to] = stretch(300);
      lines = [...lines.slice(0, from), lines.slice(from, to).join(' '), ...lines.slice(to)];
      break;
    }
    case 'headingMarks':
      lines = lines.map((line) => (line.startsWith('#') && rng() < 0.5 ? (rng() < 0.5 ? line.replace(/^#+/, '') : `#${line}`) : line));
      break;
    case 'noHeadingMarks':
      lines = lines.map((line) => (line.startsWith('#') && rng() < 0.5 ? line.replace(/^#+\s*/, '') : line));
      break;
    case 'carriageReturns':
      lines = lines.map((line) => (rng() < 0.3 ? `${line}\r` : line));
      break;
    case 'indent':
      lines = lines.map((line) => (rng() < 0.2 ? `    ${line}` : rng() < 0.05 ? `\t${line}` : line));
      break;
  }
  return lines.join('\n');
}
