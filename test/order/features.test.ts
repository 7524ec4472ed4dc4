import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphabetBreaks, entriesAfterHeading, featureCorpus, fragmentFeatures, secondWords, surnameKey, termVector } from '../../src/order/features.js';
import { placeAnchors } from '../../src/order/chains.js';
import { localScore, sentenceRelation } from '../../src/order/evidence.js';
import type { Fragment, RawBlock } from '../../src/model/page.js';

const span = { startLine: 1, endLine: 1, start: 0, end: 0 };

function listPage(id: number, entries: string[]): Fragment {
  const body: RawBlock[] = entries.map((text, index) => ({ index: id * 100 + index, kind: 'body', text, span, refs: [] }));
  return { id, body, noteTail: null, notes: [], refs: [], candidateSplits: [], cutReason: 'test', span };
}

describe('list pages: the key their entries are sorted by', () => {
  it('is the surname when the book writes names in full and sorts by surname', () => {
    const features = fragmentFeatures(
      [
        listPage(0, ['Eleanor Finley. “The New Municipal Movements.” 2017.', 'Grant T. Hammond. *The Essential Boyd*, 2006.', 'Jane Jacobs. *Cities and the Wealth of Nations*, 1984.', 'Anna Berggren Miller. “Barcelona Crowdsourced.” *Shareable*, 2017.']),
        listPage(1, ['Isaiah Berlin. *Karl Marx*, 1978.', 'Guinan and O’Neill. “The institutional turn.” *Renewal*, 2018.', 'Stuart Hall. “The Great Moving Right Show.” 1979.', 'Ralph Miliband. *Parliamentary Socialism*, 1961.']),
      ],
      new Map(),
    );
    expect(features.map((f) => [f.firstKey, f.lastKey])).toEqual([
      ['finley', 'miller'],
      ['berlin', 'miliband'],
    ]);
  });

  it('sorts a surname with its particle, as bibliographies do (`De Angelis` under D)', () => {
    const features = fragmentFeatures(
      [listPage(0, ['Alistair Davidson. “Peer Production.” 2012.', 'Massimo De Angelis. *The Beginning of History*, 2007.', 'Alex de Jong. “Stalinist caterpillar.” 2016.', 'Daniel De Leon. “Brandeis and Efficiency.” 1914.', 'Kevin Van Meter. *Guerrillas of Desire*, 2017.'])],
      new Map(),
    );
    expect([features[0]!.firstKey, features[0]!.listKey, features[0]!.lastKey]).toEqual(['davidson', 'dejong', 'vanmeter']);
  });

  it('is the first word when the book sorts its entries as written', () => {
    const features = fragmentFeatures([listPage(0, ['Anna Berggren Miller. *A*, 2017.', 'Eleanor Finley. *B*, 2017.', 'Grant T. Hammond. *C*, 2006.', 'Jane Jacobs. *D*, 1984.'])], new Map());
    expect([features[0]!.firstKey, features[0]!.lastKey]).toEqual(['anna', 'jane']);
  });
});


describe('list pages: a page that opens with the end of an entry', () => {
  it('is keyed by its first whole entry, not by the address carried over', () => {
    const features = fragmentFeatures([listPage(0, ['<<https://www.example.org/a-long-address>>.', 'Hall, Stuart. *The Hard Road*, 1988.', 'Jacobs, Jane. *Cities*, 1984.', 'Weiler, Christiaan. *Third Spaces*, 2019.'])], new Map());
    expect([features[0]!.firstKey, features[0]!.lastKey]).toEqual(['hall', 'weiler']);
  });
});

describe('list pages: the entries of the book between two pages', () => {
  it('a page whose entries come next in the list joins better than one a page further on', () => {
    const pages = [
      listPage(0, ['Abrams, Amanda. *Urban Villages*, 2018.', 'Ajl, Max. *Jackson*, 2018.', 'Akuno, Kali. *Casting Light*, 2017.']),
      listPage(1, ['Alperovitz, Gar. *The Cleveland Model*, 2009.', 'Atwood, Jeff. *Iteration*, 2006.', 'Bailey, Saki. *Land Banks*, 2016.']),
      listPage(2, ['Cleaver, Harry. *Reading Capital*, 1979.', 'Coates, Tom. *Amateurs*, 2003.', 'Crossin, Matthew. *Marx*, 2020.']),
    ];
    const [a, b, c] = placeAnchors(fragmentFeatures(pages, new Map()));
    expect([c!.entriesBefore, a!.entriesThrough]).toEqual([6, 3]);
    const options = { hyphen: () => 0 };
    const reasons: string[] = [];
    expect(localScore(a!, b!, options, reasons)).toBeGreaterThan(localScore(a!, c!, options));
    expect(reasons).toContain('alphabetical order continues, no entry of the list between');
    // (the entries go on in order either way: a page between is no broken order)
    expect(localScore(a!, c!, options)).toBeGreaterThan(localScore(c!, a!, options));
  });
});

describe('list pages set as lists by the extraction', () => {
  it('reads each line of a list block as an entry, names ending in a full stop included', () => {
    const features = fragmentFeatures([listPage(0, ['- Bakunin. *God and the State* (1882).\n- Bookchin. *The Next Revolution* (2015).\n- Kropotkin. *Mutual Aid* (1902).\n- Marx. *Capital* (1867).'])], new Map());
    expect([features[0]!.firstKey, features[0]!.lastKey, features[0]!.listKey]).toEqual(['bakunin', 'marx', 'bookchin']);
  });
});

describe('list pages and prose pages that cite years', () => {
  const prose = [
    'Unfortunately, the cooptation of communalist institutions, and their subsumption into the apparatus of the state, were to a large extent built into the legal and ideological framework established under the 1999 constitution, which vested all sovereignty in a single, monolithic people from whom all power derived, and which the government read as its own, so that the communes answered to the ministry that funded them and not to the assemblies that had founded them.',
    'Daniel Jadue, a member of the Communist Party of Chile, has been the mayor of Recoleta since 2012. He won by promising to recover the public spaces of the commune, and his administration has since opened a pharmacy, an optician and a bookshop run by the commune itself, at prices far below the market, and made the municipality a model that mayors across the country and the continent have since set out to follow.',
    'Wallerstein distinguished the movements of the 1968 uprisings from those of the Old Left. The latter, as he described it, was committed to a two-step strategy of first taking state power and then transforming the world, and the movements of 1968 rejected both the strategy and the parties that carried it, looking instead to a plurality of movements that would change everyday life without waiting for the state.',
  ];

  it('a page of long paragraphs that name years is prose, not a list', () => {
    const features = fragmentFeatures([listPage(0, prose)], new Map());
    expect(features[0]!.listKey).toBeNull();
  });

  it('a list whose entries are long only by their addresses is still a list', () => {
    const address = '<<https://www.theguardian.com/society/2017/feb/14/could-london-set-up-a-nonprofit-cooperative-alternative-to-the-gig-economy-and-the-platforms-that-run-it>>';
    const entries = ['Ben Schiller. “Could London Set Up A Nonprofit, Cooperative Uber?” *Fast Company*, February 14, 2017', 'Zoe Schneider. “An Internet of Ownership.” *Shareable*, 2018', 'Anna Scholz. *Platform Cooperativism*, 2016'].map((text) => `${text} ${address}.`);
    const features = fragmentFeatures([listPage(0, entries)], new Map());
    expect(features[0]!.listKey).toBe('schneider');
  });
});

describe('list pages: where two pages of a list meet inside one fragment', () => {
  it('is where the alphabet goes back between two entries', () => {
    const page = listPage(0, [
      'Melanie Pinkert. “Big Tents, Little Bridges.” *Broadsnark*, 2012.',
      'Alexander Pinez Pinto. “How a communist mayor is defeating privatisation in Chile.” *Open Democracy*, April 21, 2020',
      'Antonio Negri. *The Politics of Subversion* (Cambridge: Polity Press, 1989).',
      'Negri and Michael Hardt. *Commonwealth* (Cambridge: Belknap Press, 2009).',
    ]);
    const inOrder = listPage(1, ['Amanda Abrams. “Urban villages.” 2018.', 'Max Ajl. “Jackson.” 2018.', 'Kali Akuno. “Casting Light.” 2017.']);
    // (the book sorts by surname: its pages keep more entries in order so than by first word)
    const sortKey = featureCorpus([page, inOrder]).sortKey;
    expect([...alphabetBreaks(page, sortKey)]).toEqual([2]);
    expect([...alphabetBreaks(inOrder, sortKey)]).toEqual([]);
  });

  it('is where a heading is followed by entries from the middle of the list, not where it opens the list', () => {
    const headed = (title: string, entries: string[]): Fragment => {
      const page = listPage(2, entries);
      return { ...page, body: [{ index: 199, kind: 'heading', text: `## ${title}`, span, refs: [] }, ...page.body] };
    };
    const start = listPage(1, ['Amanda Abrams. “Urban villages.” 2018.', 'Max Ajl. “Jackson.” 2018.', 'Kali Akuno. “Casting Light.” 2017.']);
    const kPage = headed('Backmatter', ['Katrina Kozarek. “Venezuela’s Communes.” *Counterpunch*, 2017.', 'Peter Kropotkin. *The Conquest of Bread* (1906).']);
    const opening = headed('Bibliography', ['Amanda Abrams. “Urban villages.” 2018.', 'Max Ajl. “Jackson.” 2018.']);
    const sortKey = featureCorpus([start, kPage]).sortKey;
    expect([...entriesAfterHeading(kPage, sortKey, 'abrams')]).toEqual([1]);
    expect([...entriesAfterHeading(opening, sortKey, 'abrams')]).toEqual([]);
    expect([...entriesAfterHeading(kPage, sortKey, null)]).toEqual([]);
  });
});

describe('a page that opens with a web address', () => {
  it('offers the words of its path, and the page before the words its last paragraph ends with', () => {
    const [before, after] = fragmentFeatures(
      [
        listPage(0, ['Melanie Pinkert. “Big Tents.” 2012.', 'Alexander Pinez Pinto. “How a communist mayor is defeating privatisation in Chile.” *Open Democracy*, April 21, 2020']),
        listPage(1, ['<<https://www.opendemocracy.net/en/oureconomy/how-communist-mayor-defeating-privatisation-chile/>>.', 'Jorge Pinto. “The Order of Barcelona.” 2018.']),
      ],
      new Map(),
    );
    expect(after!.addressWords).toEqual(['oureconomy', 'how', 'communist', 'mayor', 'defeating', 'privatisation', 'chile']);
    expect(before!.addressWords).toBeNull();
    expect(['communist', 'mayor', 'chile'].every((w) => before!.closingWords!.has(w))).toBe(true);
  });
});

describe('what a page join says of the sentence at the break', () => {
  const prosePage = (id: number, texts: string[]): Fragment => listPage(id, texts);
  const relation = (before: string, after: string): string => {
    const [t, h] = placeAnchors(fragmentFeatures([prosePage(0, [before]), prosePage(1, [after])], new Map()));
    return sentenceRelation(t!, h!);
  };
  const unfinished = 'Some writers go on to argue that the proletarian state would do away with the bureaucracy, while citing the German';

  it('a name being written may run on into a capital, an acronym or `I` after any open end', () => {
    expect(relation(unfinished, 'Postal Service as an example of the kind of apparatus the workers would keep.')).toBe('neutral');
    expect(relation('Coupled with the ease of sharing designs that are made for small workshops and built with digital', 'CAD/CAM files, it raises the costs of enforcing patents.')).toBe('neutral');
    expect(relation('Coupled with the ease of sharing designs that are made for small workshops and built with digital', 'Patents are costly to enforce.')).toBe('broken');
  });

  it('an excerpt opening with an ellipsis and a capital starts afresh; one in lowercase carries on', () => {
    const finished = 'Not until then will a centre reflect anything radical and deep in society as a whole.';
    expect(relation(finished, '...My own feeling is that too many traditional leftists are still engulfed.')).toBe('neutral');
    expect(relation(finished, '...[T]he slow-motion general strike is neither reformist nor revolutionary.')).toBe('neutral');
    expect(relation(unfinished.replace(/ the German$/, ' and'), '...the slow-motion general strike is neither reformist nor revolutionary.')).toBe('runsOn');
  });

  it('a colon lead-in may carry on into lowercase; a page citation after a sentence finishes it', () => {
    expect(relation('The faster cycle results in superior performance, and Boyd called it the Law of Iteration:', 'the primary determinant to winning dogfights was not observing.')).toBe('neutral');
    expect(relation('This is the direction in which government and industry must move, in proportion to their numbers. *Ibid.*, p. 115', 'Marx and Engels from the beginning stressed the transition.')).toBe('neutral');
  });

  it('a long numbered item of prose left on a comma runs on; a short item does not', () => {
    const item = '2. *The Establishment of Orthodoxy*. Two factors have combined to generate a climate of intellectual conformity: first, the centralised control, either by great commercial interests or by the State itself, of the mass media of communication, propaganda, and entertainment,';
    expect(relation(item, 'and the consequent elimination from them of minority opinions.')).toBe('runsOn');
    expect(relation('- Creative Commons licensing,', 'and the consequent elimination from them of minority opinions.')).toBe('broken');
  });
});

describe('secondWords', () => {
  // The scanner stands in for a regex the order stage ran over every block: it must find the same words.
  const pattern = /(\p{Ll}[\p{L},;]*)\s+(\p{L}+)/gu;
  const byRegex = (text: string): string[] => [...text.matchAll(pattern)].map((m) => m[2]!);

  it('finds what the regex finds in prose, lists and markup', () => {
    for (const text of [
      'the Commons of Bologna and Turin, said Negri; the state',
      'Marx writes: capital is dead labour.\n\nThe Old Left',
      'end,Next word;again Here',
      'no space after run.Then nothing',
      'McDonald said Hello   World\u00a0Again',
      '*emphasis* and **Strong** words <sup>12</sup> here',
    ]) expect(secondWords(text)).toEqual(byRegex(text));
  });

  it('reads surrogate pairs, lone surrogates and non-Latin letters as the regex does', () => {
    const alphabet = ['a', 'B', 'é', 'É', ' ', '\u00a0', '\n', ',', ';', '.', '-', '𝐀', '𝐚', '😀', 'ß', 'ǅ', '\u2003', '1', "'", '\ud835'];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let j = 1 + Math.floor(next() * 14); j > 0; j--) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(secondWords(text)).toEqual(byRegex(text));
    }
  });
});

describe('a page join the book repeats elsewhere', () => {
  const ending = 'Among these, we would see support of bottom-up productive infrastructures, such as';
  const opening = 'Open Coops, mesh wireless networks or community renewables through public-Commons partnerships.';
  // The book quotes the passage twice: once whole on one page, once cut by a page break.
  const quotedWhole = 'We would see support of bottom-up productive infrastructures, such as Open Coops, mesh wireless networks or community renewables.';
  const relationOf = (pages: string[]): string => {
    const features = placeAnchors(fragmentFeatures(pages.map((text, id) => listPage(id, [text])), new Map()));
    return sentenceRelation(features[0]!, features[1]!);
  };

  it('carries the sentence on where the page that ends it stops before a name', () => {
    expect(relationOf([ending, opening, quotedWhole])).toBe('runsOn');
  });

  it('is no evidence where the book does not repeat it: a capital after `such as` reads as a new sentence', () => {
    expect(relationOf([ending, opening, 'A page about something else entirely, with other words in it.'])).toBe('broken');
  });
});

describe('a page\'s term vector', () => {
  /** The vector as it was first written: every term sorted by weight with a comparator, the first 40 kept, then sorted by term id. */
  function byComparators(counts: Map<number, number>, idf: Float64Array, documentFrequency: number[]): { termIds: number[]; terms: number[] } {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const [id, tf] of counts) {
      const w = (1 + Math.log(tf)) * idf[id]!;
      if (w > 0 && documentFrequency[id]! > 1) {
        ids.push(id);
        weights.push(w);
      }
    }
    let kept = ids.map((_, k) => k);
    if (kept.length > 40) kept = kept.sort((a, b) => weights[b]! - weights[a]! || a - b).slice(0, 40);
    kept.sort((a, b) => ids[a]! - ids[b]!);
    const norm = Math.hypot(...kept.map((k) => weights[k]!)) || 1;
    return { termIds: kept.map((k) => ids[k]!), terms: kept.map((k) => weights[k]! / norm) };
  }

  it('keeps the 40 strongest terms, the first counted among equals, as a sort by weight would', () => {
    // Few distinct counts and frequencies: many weights tie at the 40th place.
    const page = fc.uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 199 }), tf: fc.integer({ min: 1, max: 3 }) }), { selector: (t) => t.id, minLength: 30, maxLength: 120 });
    fc.assert(
      fc.property(page, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 200, maxLength: 200 }), (terms, documentFrequency) => {
        const counts = new Map(terms.map((t) => [t.id, t.tf]));
        const idf = Float64Array.from(documentFrequency, (df) => Math.log(10 / df));
        const { termIds, terms: weights } = termVector(counts, idf, documentFrequency);
        const expected = byComparators(counts, idf, documentFrequency);
        expect([...termIds]).toEqual(expected.termIds);
        expect([...weights]).toEqual(expected.terms);
      }),
      { numRuns: 500 },
    );
  });
});

describe('surnameKey', () => {
  it('reads the surname of a name written in full, past a note reference after it', () => {
    expect(surnameKey('Grant T. Hammond. “The Essential Boyd.” October 6, 2006')).toBe('hammond');
    expect(surnameKey('Hammond, Grant T. “The Essential Boyd.”')).toBe('hammond');
    expect(surnameKey('Michel Bauwens.<sup>1</sup> “Evolving Towards a Partner State in an Ethical Economy,” in Andrea Botero')).toBe('bauwens');
    expect(surnameKey('Michel Bauwens.[^bibliography-1] “Evolving Towards a Partner State in an Ethical Economy,”')).toBe('bauwens');
  });
});

describe('note numbers the order counts by', () => {
  it('leave out a superscript number no note reaches (a stray mark), which once sized an array of that many', () => {
    const page: Fragment = {
      id: 0,
      body: [{ index: 0, kind: 'body', text: 'The roads were dry.<sup>4</sup> The river was low.<sup>99999999999</sup>', span, refs: [4, 99999999999] }],
      noteTail: null,
      notes: [{ index: 1, kind: 'note', text: '<sup>4</sup> A note.', span, refs: [], noteNumber: 4 }],
      refs: [4, 99999999999],
      candidateSplits: [],
      cutReason: 'test',
      span,
    };
    const stray: Fragment = { ...page, id: 1, body: [{ index: 2, kind: 'body', text: '<sup>99999999999</sup> Laura Roth.', span, refs: [99999999999] }], notes: [], refs: [99999999999] };
    const features = fragmentFeatures([page, stray], new Map());
    expect(features.map((f) => [f.firstNote, f.lastNote])).toEqual([
      [4, 4],
      [null, null],
    ]);
  });
});
