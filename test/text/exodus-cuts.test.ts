import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repairInlineCuts, type InlineCutDecision } from '../../src/text/hyphenation.js';
import { endsWithCut } from '../../src/text/sentence.js';
import { Vocabulary, isDictionaryWord } from '../../src/text/vocabulary.js';

const RAW = fileURLToPath(new URL('../../manuscript/exodus.raw.md', import.meta.url));

describe('text evidence on the real raw book', () => {
  let raw = '';
  let lines: string[] = [];
  let vocab: Vocabulary;
  let repaired: string[] = [];
  let decisions: InlineCutDecision[] = [];

  beforeAll(() => {
    raw = readFileSync(RAW, 'utf8');
    lines = raw.split('\n');
    vocab = Vocabulary.fromTexts([raw]);
    isDictionaryWord('warm-up'); // load the word list outside the timed runs
    for (const line of lines) {
      const r = repairInlineCuts(line, vocab);
      repaired.push(r.text);
      decisions.push(...r.decisions);
    }
  });

  it('finds the inline cuts and reports joined vs kept', () => {
    const joined = decisions.filter((d) => d.action === 'join');
    const keptHyphen = decisions.filter((d) => d.action === 'keep-hyphen');
    const keptSpace = decisions.filter((d) => d.action === 'keep-space');
    console.log(
      `inline cuts: ${decisions.length} found, ${joined.length} joined, ${keptHyphen.length} kept with hyphen, ${keptSpace.length} left as suspended hyphens\n` +
        decisions.map((d) => `  ${d.action.padEnd(11)} ${d.confidence.padEnd(6)} ${JSON.stringify(d.original)} → ${JSON.stringify(d.result)}  (${d.evidence})`).join('\n'),
    );
    expect(decisions.length).toBeGreaterThan(0);
    expect(joined.length).toBeGreaterThan(0);
    expect(keptSpace.length).toBeGreaterThan(0);
    // Every decision's original is exactly what the line held at that offset.
    for (const line of lines) {
      for (const d of repairInlineCuts(line, vocab).decisions) expect(line.slice(d.offset, d.offset + d.original.length)).toBe(d.original);
    }
  });

  it('leaves every line-end cut untouched (its next-page word is unknown here)', () => {
    let cuts = 0;
    lines.forEach((line, i) => {
      const cut = endsWithCut(line);
      if (!cut) return;
      cuts++;
      const out = repaired[i]!;
      expect(out.endsWith(line.slice(line.lastIndexOf(cut)).trimEnd()) || out.trimEnd().endsWith(line.trimEnd())).toBe(true);
      expect(endsWithCut(out)).toBe(cut);
    });
    console.log(`line-end cuts: ${cuts}`);
    expect(cuts).toBeGreaterThan(20);
  });

  it('keeps suspended hyphens (`desktop- and laptop-based`)', () => {
    const suspended = /[\p{L}]- (?:and|or) (?:\S+ ){0,2}?[\p{L}]+-[\p{L}]/u;
    const shaped = lines.map((line, i) => [line, repaired[i]!] as const).filter(([line]) => suspended.test(line));
    expect(shaped.length).toBeGreaterThan(3);
    for (const [line, out] of shaped) {
      for (const m of line.matchAll(/(\S+- (?:and|or)) /gu)) expect(out).toContain(m[1]!);
    }
    expect(repaired.join('\n')).toContain('desktop- and browser-based');
  });

  it('joins mid-line cuts the book writes whole and keeps real compounds', () => {
    const text = repaired.join('\n');
    expect(text).toContain('Horizontalist Praxis');
    expect(text).not.toContain('Hori- zontalist');
    expect(text).toContain('10-day revolt');
    expect(text).toContain('<<https://www.ips->'); // the line-end URL cut stays for the ordering stage
    expect(vocab.hyphenatedCount('self', 'activity')).toBeGreaterThan(0);
    expect(vocab.count('selfactivity')).toBe(0);
  });

  it('runs the whole book through repairInlineCuts well under 200 ms', () => {
    repairInlineCuts(raw, vocab);
    let t = performance.now();
    const whole = repairInlineCuts(raw, vocab);
    const wholeMs = performance.now() - t;
    t = performance.now();
    for (const line of lines) repairInlineCuts(line, vocab);
    const perLineMs = performance.now() - t;
    console.log(`repairInlineCuts: whole book ${wholeMs.toFixed(1)} ms (${whole.decisions.length} cuts), line by line ${perLineMs.toFixed(1)} ms`);
    expect(whole.decisions.length).toBe(decisions.length);
    expect(whole.text).toBe(repaired.join('\n'));
    expect(wholeMs).toBeLessThan(200);
  });
});
