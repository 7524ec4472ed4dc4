import { describe, expect, it } from 'vitest';
import { carryEmphasisOverCut, carryEmphasisOverJoin, continuesIntoTitle, endsOpen, isAttribution, isCredit, endsWithCut, endsWithLeadIn, isProse, lastLetterRun, leadsIntoList, opensWithAddress, opensWithRunInHead, startsContinuation } from '../../src/text/sentence.js';

describe('endsOpen', () => {
  it.each([
    ['The parliamentary party’s vulnerability to coopta-', true],
    ['a shared class background and a deep', true],
    ['communication, propaganda,', true],
    ['the first of their kind;', true],
    ['the state — ', true],
    ['followed by (in Mihailo Markovic’s words)', true],
    ['described it, “the first step in the revolution”', true],
    ['Marxists Internet Archive <<https://www.marxists.org/archive/luxemburg/1918/12/14.ht>', true],
    ['Kate Bielby replaced him as mayor in 2015;', true],
    ['as in 1926', true],
  ])('open: %j', (text, expected) => expect(endsOpen(text)).toBe(expected));

  it.each([
    ['which in the event became capitulation.<sup>94</sup>', false],
    ['Is it?  ', false],
    ['the state is neutral....', false],
    ['the end…', false],
    ['“But the guns are there.”', false],
    ['the *status quo.*', false],
    ['(as Marx put it.)', false],
    ['Saville said:', false],
    ['Saville said: <sup>3</sup>', false],
    ['# Part Two. The Age of', false],
    ['---', false],
    ['', false],
    ['Accessed at <<https://www.marxists.org/archive/saville/1967/xx/labourgov.htm>>', false],
    ['*Theory and Society* vol. 18 no. 4 (July 1989)', false],
    ['as Marx said (p. 12)', false],
    ['[Last edited October 5, 2020]', false],
    ['“*growing commons powers vis-a-vis capital and the state.*”<sup>69</sup>', false],
    ['***', false],
  ])('closed: %j', (text, expected) => expect(endsOpen(text)).toBe(expected));

  it('treats a list item as open only after a cut or a function word', () => {
    expect(endsOpen('- Wage Labour')).toBe(false);
    expect(endsOpen('- communication, propaganda, and entertainment,')).toBe(false);
    expect(endsOpen('- maximum accountability and the ability to recall every public ser-')).toBe(true);
    expect(endsOpen('- housing, in a bid to preserve the')).toBe(true);
    expect(endsOpen('Their demands were these.\n- Full access to all investigations,')).toBe(false);
  });

  it('treats a quotation’s attribution as finished unless it stops on a word that cannot end it', () => {
    expect(endsOpen('— ATHINA KARATZOIANNI  \nresearcher on new communications media and  \nresistance movements, Leicester University')).toBe(false);
    expect(endsOpen('– Cindy Kohtala, researcher on peer production')).toBe(false);
    expect(endsOpen('— ATHINA KARATZOIANNI  \nresearcher on new communications media and')).toBe(true);
    // running prose that opens with a dash is judged as prose
    expect(endsOpen(`— But ${'the question was never one of numbers alone, '.repeat(6)}and`)).toBe(true);
    expect(endsOpen(`— But ${'the question was never one of numbers alone, '.repeat(6)}of power`)).toBe(true);
  });

  it('tells an attribution and the credit under it from prose', () => {
    expect(isAttribution('— CINDY KOHTALA')).toBe(true);
    expect(isAttribution('-- Karl Marx, *Capital*')).toBe(true);
    expect(isAttribution('— the first of their kind')).toBe(false);
    expect(isAttribution(`— But ${'the question was never one of numbers alone, '.repeat(6)}.`)).toBe(false);
    expect(isCredit('researcher on peer production, Aalto University')).toBe(true);
    expect(isCredit('The curation is not open, but very much closed.')).toBe(false);
  });

  it('is true for a URL cut inside an autolink', () => {
    expect(endsOpen('December 14, 2018 <<https://www.ips->')).toBe(true);
  });
});

describe('endsWithLeadIn', () => {
  it('finds colon lead-ins behind notes and emphasis', () => {
    expect(endsWithLeadIn('the reality is that:')).toBe(true);
    expect(endsWithLeadIn('as *Marx wrote*:<sup>4</sup> ')).toBe(true);
    expect(endsWithLeadIn('*as follows:*')).toBe(true);
  });
  it('finds a last sentence that only names whom it quotes, its colon lost', () => {
    expect(endsWithLeadIn('relations outside the workplace. To quote Guy Standing')).toBe(true);
    expect(endsWithLeadIn('In the words of Isaiah Berlin')).toBe(true);
    expect(endsWithLeadIn('out of work.<sup>1</sup> To quote Guy Standing')).toBe(true);
    expect(endsWithLeadIn('In the words of Isaiah Berlin, history is')).toBe(false);
    expect(endsWithLeadIn('we would have to quote the')).toBe(false);
  });
  it('rejects other endings', () => {
    expect(endsWithLeadIn('the reality is that')).toBe(false);
    expect(endsWithLeadIn('at 10:30.')).toBe(false);
    expect(endsWithLeadIn('<https://example.org/a:b>')).toBe(false);
  });
});

describe('leadsIntoList', () => {
  it('finds a sentence that goes on as a list its last words announce', () => {
    expect(leadsIntoList('urban economies with components like', '- Creative Commons Licensing')).toBe(true);
    expect(leadsIntoList('institutions such as', '1. Credit unions')).toBe(true);
    expect(leadsIntoList('a real estate market collapse and', '- Alternative Currencies')).toBe(false);
    expect(leadsIntoList('with components like', 'Creative Commons Licensing')).toBe(false);
  });
});

describe('startsContinuation', () => {
  it.each([
    ['tion of the party', true],
    ['neighborhood food cooperatives — the first', true],
    [', and so on', true],
    ['; the rest', true],
    [') and more', true],
    ['] of it', true],
    ['” he said', true],
    ['— the first of their kind', true],
    ['–  and then', true],
    ['*and* the rest', true],
    ['“but the guns', true],
    ['[t]he state', true],
    ['...and so on', true],
    ['  <em>and</em> then', true],
  ])('continues: %j', (text, expected) => expect(startsContinuation(text)).toBe(expected));

  it.each([
    ['The problem with parliamentarism', false],
    ['“But the guns are there.”', false],
    ['# exodus', false],
    ['## part two', false],
    ['- a productive', false],
    ['* another item', false],
    ['1. first', false],
    ['> quoted', false],
    ['---', false],
    ['<sup>94</sup> John Saville', false],
    ['[^3]: a note', false],
    ['1926 was a year', false],
    ['', false],
    ['[W]hen a', false],
    ['— CINDY KOHTALA', false],
    ['— Neal Gorenflo', false],
  ])('does not continue: %j', (text, expected) => expect(startsContinuation(text)).toBe(expected));
});

describe('endsWithCut', () => {
  it.each([
    ['The parliamentary party’s vulnerability to coopta-', 'coopta-'],
    ['professionals, artists, and work-  ', 'work-'],
    ['the “dis-', 'dis-'],
    ['a real self-', 'self-'],
    ['compounds like revolution-as-', 'revolution-as-'],
    ['December 14, 2018 <<https://www.ips->', 'https://www.ips-'],
    ['in the *Socialist Regis-*', 'Regis-'],
    ['the 1960-', '1960-'],
  ])('cut: %j', (text, expected) => expect(endsWithCut(text)).toBe(expected));

  it.each([
    ['a spaced dash -'],
    ['a double dash--'],
    ['an em dash—'],
    ['---'],
    ['-'],
    ['the end.'],
    ['desktop- and laptop-based'],
  ])('no cut: %j', (text) => expect(endsWithCut(text)).toBeNull());
});

describe('isProse', () => {
  it('tells running prose from names, titles and table rows', () => {
    expect(isProse('the council kept a ledger of every cart and every')).toBe(true);
    expect(isProse('Parish Records Volume Two Page Nine Of The Town')).toBe(false);
    expect(isProse('| the mills stood on the bank | the market was held on thursdays |\n| --- | --- |')).toBe(false);
  });
});

describe('opensWithAddress', () => {
  it('is a block that opens with a web address, in the extraction’s angle brackets or not', () => {
    expect(opensWithAddress('<<https://www.marxists.org/archive/thompson-ep/1959/newleft.htm>>.')).toBe(true);
    expect(opensWithAddress('<https://archive.org/details/x>')).toBe(true);
    expect(opensWithAddress('www.shareable.net/blog/x')).toBe(true);
    expect(opensWithAddress('See <<https://x.org>> for more.')).toBe(false);
    expect(opensWithAddress('<sup>3</sup> A note.')).toBe(false);
  });
});

describe('opensWithRunInHead', () => {
  it('is a paragraph that opens with a bold run-in head ending in a full stop or colon', () => {
    expect(opensWithRunInHead('**Land Ownership.** The right to permanent ownership.')).toBe(true);
    expect(opensWithRunInHead('<b>Tying it All Together:</b> the plan.')).toBe(true);
    expect(opensWithRunInHead('**Bold words** in a sentence.')).toBe(false);
  });
});

describe('continuesIntoTitle', () => {
  it('is a sentence left on a word that cannot end it, before a quoted or emphasised title', () => {
    expect(continuesIntoTitle('It was heavily influenced by', '"Le Droite à la Ville" (*Right to the City*), a book')).toBe(true);
    expect(continuesIntoTitle('as he argues in', '*The Conquest of Bread*, the commune')).toBe(true);
    expect(continuesIntoTitle('It was heavily influenced by', 'Another page begins.')).toBe(false);
    expect(continuesIntoTitle('It was heavily influenced.', '"Le Droite à la Ville"')).toBe(false);
  });
});

type Carry = (before: string, after: string) => { before: string; after: string };

// Emphasis the extraction closed at a page end, carried over the join: where a word was cut there, and where none was.
describe.each<[string, Carry, Array<[string, string, string, string]>]>([
  [
    'carryEmphasisOverCut',
    carryEmphasisOverCut,
    [
      // the next page opens the same emphasis: it runs on over the join
      ['*P2P Founda-*', '*tion Blog*, 2017', '*P2P Founda-', 'tion Blog*, 2017'],
      // the emphasis is the cut word's alone: it takes in the word's rest
      ['in *cap-*', 'ital, and more', 'in *cap-', 'ital*, and more'],
      // the next page sets the rest roman: the emphasis closes before the cut word
      ['in *Quaderni Rossi: cap-*', 'ital colonizes', 'in *Quaderni Rossi:* cap-', 'ital colonizes'],
      ['with **strong empha-**', '**sis** here', 'with **strong empha-', 'sis** here'],
      // no emphasis closes at the cut, or no cut: nothing moves
      ['a plain coopta-', 'tion', 'a plain coopta-', 'tion'],
      ['an *emphasis*', 'next', 'an *emphasis*', 'next'],
    ],
  ],
  [
    'carryEmphasisOverJoin',
    carryEmphasisOverJoin,
    [
      // the extraction closed the emphasis at the page end and opened it again on the next page
      ['with a focus on*', '*Barcelona* (Barcelona, 2018).', 'with a focus on', 'Barcelona* (Barcelona, 2018).'],
      // … or only closed it there: the next page has the closer alone, written as text (escaped) or not
      ['Published in *Anarchist*', 'Studies\\*, edited by', 'Published in *Anarchist', 'Studies*, edited by'],
      ['capital to its own*', 'forms of behavior.* This', 'capital to its own', 'forms of behavior.* This'],
      // an emphasis that closed where it closed: the next page's emphasis is its own
      ['read *Capital*', 'and *Grundrisse* too', 'read *Capital*', 'and *Grundrisse* too'],
      ['read *Capital*', 'and so on.', 'read *Capital*', 'and so on.'],
      ['no emphasis', 'Studies*, edited', 'no emphasis', 'Studies*, edited'],
    ],
  ],
])('%s', (_name, carry, cases) => {
  it.each(cases)('%s ‖ %s', (before, after, expectedBefore, expectedAfter) => {
    expect(carry(before, after)).toEqual({ before: expectedBefore, after: expectedAfter });
  });
});

describe('lastLetterRun', () => {
  it('captures what the end-anchored regex does, surrogate pairs and lone surrogates included', () => {
    const byRegex = (text: string): string => /(\p{L}+)[^\p{L}]*$/u.exec(text)?.[1] ?? '';
    for (const text of ['', '...', 'the end of the', 'of the.<sup>', 'élan vital’s.', 'word 𝐀𝐁 —', 'a \ud835', 'x\udc00', 'ﬁnal.)', 'ǅemal, ', '中文 123', 'one-two', "don't'"]) {
      expect(lastLetterRun(text), JSON.stringify(text)).toBe(byRegex(text));
    }
  });
});
