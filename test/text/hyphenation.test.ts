import { describe, expect, it } from 'vitest';
import { decideCut, glue, plainCut, plainCutDecision, plainOpening, repairInlineCuts } from '../../src/text/hyphenation.js';
import { Vocabulary } from '../../src/text/vocabulary.js';

const empty = Vocabulary.fromTexts([]);
const book = Vocabulary.fromTexts([
  'The cooptation of workers; cooptation again; and cooptation, a third time.',
  'Self-activity matters. Their self-activity and self-activity of the workers.',
  'A post-capitalist society, post-capitalist ideas, and one postcapitalist aside.',
  'Co-operation and co-operation, though cooperation once.',
  'Horizontalist praxis, horizontalist groups. Production and production.',
  'Cooptable networks and cooptive structures.',
]);

describe('decideCut: addresses', () => {
  it('keeps a hyphen cut inside a URL exactly (ok)', () => {
    const d = decideCut('www.ips-', 'journal.eu/regions/europe/>.', empty);
    expect(d).toMatchObject({ action: 'keep-hyphen', result: 'www.ips-journal.eu/regions/europe/', confidence: 'high' });
    expect(d.evidence).toMatch(/URL/);
  });
  it('keeps a URL hyphen even when the joined form is a word (not-ok would be a join)', () => {
    expect(decideCut('<https://example.org/coopta-', 'tion', book)).toMatchObject({ action: 'keep-hyphen', result: '<https://example.org/coopta-tion' });
  });
  it('recognises a URL from the host name on the right', () => {
    expect(decideCut('ips-', 'journal.eu/regions', empty).action).toBe('keep-hyphen');
  });
  it('keeps a hyphen cut inside an e-mail address', () => {
    expect(decideCut('jean-', 'pierre@example.fr', empty)).toMatchObject({ action: 'keep-hyphen', result: 'jean-pierre@example.fr' });
    expect(decideCut('info@co-', 'operative.org', book)).toMatchObject({ action: 'keep-hyphen', result: 'info@co-operative.org' });
    expect(decideCut('info@co-', 'operative.org', book).evidence).toMatch(/e-mail/);
  });
});

describe('decideCut: suspended hyphens', () => {
  it('keeps the space before and/or/to followed by a hyphenated word', () => {
    expect(decideCut('desktop-', 'and laptop-based machines', empty)).toMatchObject({ action: 'keep-space', result: 'desktop- and', confidence: 'high' });
    expect(decideCut('state-', 'and market-based', empty)).toMatchObject({ action: 'keep-space', result: 'state- and' });
    expect(decideCut('pre-', 'or post-war', empty).action).toBe('keep-space');
  });
  it('keeps the space when the left is a word and the joined form unknown', () => {
    expect(decideCut('under-', 'and unemployed workers', empty)).toMatchObject({ action: 'keep-space', confidence: 'medium' });
  });
  it('joins a word that merely ends in -and/-to (not-ok case for the suspended rule)', () => {
    expect(decideCut('husb-', 'and and wife', empty)).toMatchObject({ action: 'join', result: 'husband' });
    expect(decideCut('pho-', 'to of the', empty)).toMatchObject({ action: 'join', result: 'photo' });
  });
});

describe('decideCut: book vocabulary', () => {
  it('joins a page-end cut the book writes whole', () => {
    const d = decideCut('coopta-', 'tion of the party', book);
    expect(d).toMatchObject({ action: 'join', result: 'cooptation', confidence: 'high' });
    expect(d.evidence).toBe("book has 'cooptation' ×3, 'coopta-tion' ×0; dictionary: 'cooptation' yes");
  });
  it('keeps a real compound the book writes with a hyphen', () => {
    const d = decideCut('self-', 'activity of', book);
    expect(d).toMatchObject({ action: 'keep-hyphen', result: 'self-activity', confidence: 'high' });
    expect(d.evidence).toMatch(/'self-activity' ×3/);
  });
  it('follows the book majority, both ways', () => {
    expect(decideCut('post-', 'capitalist', book)).toMatchObject({ action: 'keep-hyphen', result: 'post-capitalist', confidence: 'medium' });
    expect(decideCut('co-', 'operation', book)).toMatchObject({ action: 'keep-hyphen', result: 'co-operation' });
    const other = Vocabulary.fromTexts(['cooperation, cooperation and co-operation']);
    expect(decideCut('co-', 'operation', other)).toMatchObject({ action: 'join', result: 'cooperation' });
  });
  it('uses inflected forms when the exact form is unseen', () => {
    expect(decideCut('co-', 'operations', book)).toMatchObject({ action: 'keep-hyphen', result: 'co-operations' });
  });
  it('joins a word only the book knows (not in the dictionary)', () => {
    expect(decideCut('Hori-', 'zontalist', book)).toMatchObject({ action: 'join', result: 'Horizontalist', confidence: 'high' });
  });
  it('keeps a compound with more parts and leading punctuation', () => {
    expect(decideCut('“dis-', 'course”', empty)).toMatchObject({ action: 'join', result: '“discourse' });
    expect(decideCut('informa-', 'tion-sharing', empty)).toMatchObject({ action: 'join', result: 'information-sharing' });
  });
});

describe('decideCut: dictionary and shape', () => {
  it('joins when the joined form is a dictionary word', () => {
    expect(decideCut('work-', 'ers', empty)).toMatchObject({ action: 'join', result: 'workers', confidence: 'medium' });
    expect(decideCut('pro-', 'duction', empty)).toMatchObject({ action: 'join', result: 'production' });
    expect(decideCut('Coopera-', 'tion', empty)).toMatchObject({ action: 'join', result: 'Cooperation' });
  });
  it('keeps the hyphen when both halves are words and the joined form is not', () => {
    expect(decideCut('self-', 'activity', empty)).toMatchObject({ action: 'keep-hyphen', result: 'self-activity', confidence: 'medium' });
  });
  it('keeps a hyphen before a capitalised second part', () => {
    expect(decideCut('anti-', 'Semitic', empty)).toMatchObject({ action: 'keep-hyphen', result: 'anti-Semitic', confidence: 'high' });
    expect(decideCut('SOCIAL-', 'ISM', empty)).toMatchObject({ action: 'join', result: 'SOCIALISM' });
  });
  it('keeps number ranges and number compounds', () => {
    expect(decideCut('1960-', '70 period', empty)).toMatchObject({ action: 'keep-hyphen', result: '1960-70' });
    expect(decideCut('10-', 'day revolt', empty)).toMatchObject({ action: 'keep-hyphen', result: '10-day' });
    expect(decideCut('COVID-', '19', empty)).toMatchObject({ action: 'keep-hyphen', result: 'COVID-19' });
  });
  it('keeps a common prefix before a word, with low confidence, when nothing else is known', () => {
    expect(decideCut('neo-', 'zapatismo', empty).confidence).toBe('low');
    expect(decideCut('multi-', 'stakeholder', empty)).toMatchObject({ action: 'keep-hyphen', confidence: 'low' });
  });
  it('falls back to a join with low confidence for unknown fragments', () => {
    expect(decideCut('Zapa-', 'tistas', empty)).toMatchObject({ action: 'join', result: 'Zapatistas', confidence: 'low' });
  });
  it('follows the book house style for a prefix', () => {
    const v = Vocabulary.fromTexts(['post-war, post-modern, post-colonial, post-industrial']);
    expect(decideCut('post-', 'capitalist', v)).toMatchObject({ action: 'keep-hyphen', confidence: 'low' });
    expect(decideCut('post-', 'capitalist', v).evidence).toMatch(/compounds ×4/);
  });
  it('leaves a stray dash before a function word for review', () => {
    expect(decideCut('state-', 'the market', empty)).toMatchObject({ action: 'keep-space', result: 'state- the', confidence: 'low' });
    expect(decideCut('over-', 'all decline', empty)).toMatchObject({ action: 'join', result: 'overall' });
  });
  it('handles a missing right word', () => {
    expect(decideCut('self-', '', empty)).toMatchObject({ action: 'keep-space', result: 'self-', confidence: 'low' });
  });
});

describe('repairInlineCuts', () => {
  it('joins a mid-line extraction cut', () => {
    const r = repairInlineCuts('**Hori- zontalist Praxis** and the Prole- tarianism.', book);
    expect(r.text).toBe('**Horizontalist Praxis** and the Proletarianism.');
    expect(r.decisions.map((d) => [d.offset, d.original, d.action])).toEqual([
      [0, '**Hori- zontalist', 'join'],
      [35, 'Prole- tarianism', 'join'],
    ]);
  });
  it('leaves suspended hyphens, dashes and list markers alone', () => {
    const text = 'desktop- and laptop-based; a - b; c — d; e – f; g -- h; x -y\n- item one\n- item two';
    const r = repairInlineCuts(text, empty);
    expect(r.text).toBe(text);
    expect(r.decisions.map((d) => d.action)).toEqual(['keep-space']);
  });
  it('does not touch line-end cuts or a capitalised next word', () => {
    const text = 'the coopta-\ntion of the party; the Anglo- Saxon world';
    expect(repairInlineCuts(text, book).text).toBe(text);
  });
  it('keeps hyphens in real compounds, numbers and addresses', () => {
    const r = repairInlineCuts('their self- activity in a 10- day revolt at <https://www.ips- journal.eu/x>.', book);
    expect(r.text).toBe('their self-activity in a 10-day revolt at <https://www.ips-journal.eu/x>.');
  });
  it('is the identity on text without cuts', () => {
    const text = 'No cuts here — only dashes - and self-activity.';
    expect(repairInlineCuts(text, book)).toEqual({ text, decisions: [] });
  });
});

describe('decideCut: a letter set on both sides of the cut', () => {
  const expectations = Vocabulary.fromTexts(['Their expectation was met; every expectation of the masses.']);
  it('joins `expect-` + `tation` into the word the book knows, the letter once', () => {
    const d = decideCut('expect-', 'tation of a moment', expectations);
    expect(d).toMatchObject({ action: 'join', result: 'expectation', repeated: 1, confidence: 'medium' });
    expect(d.evidence).toMatch(/'t' twice.*'expectation' ×2/);
    expect(glue('expect-', 'tation', d)).toBe('expectation');
  });
  it('leaves a doubled letter that the word has (`accom-` + `modation` is no repeat)', () => {
    expect(decideCut('accom-', 'modation', empty)).toMatchObject({ action: 'join', result: 'accommodation' });
    expect(decideCut('accom-', 'modation', empty).repeated).toBeUndefined();
  });
});

describe('plainCutDecision', () => {
  const styled = Vocabulary.fromTexts(['post-war, post-modern, post-colonial, post-industrial', 'The state and the market; a state market.']);
  const cuts = ['coopta-', 'co-', 'self-', 'post-', 'state-', 'expect-', 'Zap-', 'horizon-', 'www.ips-', '1960-', '*coopta-', 'co-op-'];
  const openings = ['tion of the', 'operation was', 'activity and', 'capitalist ideas', 'market forces', 'tation of', 'talist praxis', 'the market', 'operatives', 'and laptop-based', 'Semitic', '70s', 'journal.eu/x', 'war years', 'x', 'pierre@example.fr', 'talist’s', '“capital', '<<https://example.org/>>', '... We', '\nnext'];
  it('agrees with decideCut wherever it decides (confidence, and the result where not low)', () => {
    let decided = 0;
    for (const vocab of [empty, book, styled]) {
      for (const cut of cuts) {
        for (const opening of openings) {
          const left = plainCut(cut, vocab);
          const right = plainOpening(opening, vocab);
          const quick = left && right ? plainCutDecision(left, right, vocab) : null;
          if (!quick) continue;
          decided++;
          const full = decideCut(cut, opening, vocab);
          expect(full.confidence, `${cut} ${opening}`).toBe(quick.confidence);
          if (quick.confidence !== 'low') expect(full.result).toBe(quick.result);
        }
      }
    }
    expect(decided).toBeGreaterThan(50);
  });
  it('leaves to decideCut what the book or the dictionary knows, and what is no plain word', () => {
    expect(plainCutDecision(plainCut('coopta-', book)!, plainOpening('tion of the', book)!, book)).toBeNull();
    expect(plainCut('www.ips-', book)).toBeNull();
    expect(plainOpening('and laptop-based', book)).toBeNull();
    expect(plainOpening('Semitic', book)).toBeNull();
  });
});
