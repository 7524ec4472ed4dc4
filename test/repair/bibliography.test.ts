import { describe, expect, it } from 'vitest';
import { alphabetiseBibliography } from '../../src/repair/bibliography.js';

const entries = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('- '));

/** A chapter whose one note is `note`, then a bibliography of ten whole entries and `lines` after them. */
function citedList(note: string, lines: readonly string[]): string {
  const names = ['Arendt', 'Bookchin', 'Carson', 'Dewey', 'Engels', 'Fourier', 'Kropotkin', 'Landauer', 'Marx', 'Negri'];
  return ['<!-- division: chapter -->', '', 'Text.[^c1-1]', '', note, '', '<!-- division: bibliography -->', '', ...names.flatMap((name) => [`- Zoe ${name}. *A Work* (1999).`, '']), ...lines.flatMap((line) => [line, ''])].join('\n');
}

describe('alphabetiseBibliography', () => {
  // Two pages of a sheet run into one list: A–C, then K–M, then D–F, then N–P.
  const names = ['Arendt', 'Bookchin', 'Carson', 'Kropotkin', 'Landauer', 'Marx', 'Dewey', 'Engels', 'Fourier', 'Negri', 'Ostrom', 'Proudhon'];
  const book = [
    '<!-- division: chapter -->',
    '',
    'Text.',
    '',
    '<!-- division: bibliography -->',
    '',
    '## Bibliography',
    '',
    ...names.flatMap((name, k) => [
      `- ${['Zoe', 'Yann', 'Xia'][k % 3]} ${name}. *A Work* (1999).${k === 3 ? '<!-- page 12 -->' : k === 9 ? '<!-- page 13 -->' : ''}`,
      ...(name === 'Marx' ? ['- <<https://example.org/marx>>.'] : []),
      '',
    ]),
    '<!-- division: about-the-author -->',
    '',
    'Marx, Kropotkin and Arendt are not sorted here.',
    '',
  ].join('\n');

  it('sets the entries in order, each with the rest of it cut at a page, the page markers where they were', () => {
    const result = alphabetiseBibliography(book);
    expect(result.moved).toBe(3);
    const lines = entries(result.markdown);
    expect(lines.map((line) => /^- \w+ (\w+)\./.exec(line)?.[1] ?? line)).toEqual([
      'Arendt', 'Bookchin', 'Carson', 'Dewey', 'Engels', 'Fourier', 'Kropotkin', 'Landauer', 'Marx', '- <<https://example.org/marx>>.', 'Negri', 'Ostrom', 'Proudhon',
    ]);
    // the markers mark the same places in the list: the 4th entry, the 11th line
    expect(lines[3]).toMatch(/<!-- page 12 -->$/);
    expect(lines[10]).toMatch(/<!-- page 13 -->$/);
    expect(result.markdown.replace(/^- .*$/gm, '')).toBe(book.replace(/^- .*$/gm, ''));
  });

  it('leaves a list in order, and a book without a bibliography, as they are', () => {
    const once = alphabetiseBibliography(book).markdown;
    expect(alphabetiseBibliography(once)).toEqual({ markdown: once, entries: 12, moved: 0, brought: [], joined: [] });
    const noList = book.replace('<!-- division: bibliography -->', '<!-- division: appendix -->');
    expect(alphabetiseBibliography(noList).markdown).toBe(noList);
  });

  it('brings back its entries that the page order left in the back matter, and nothing else', () => {
    const stranded = book.replace('Marx, Kropotkin and Arendt are not sorted here.\n', [
      'KEVIN A. CARSON is a writer. He is the author of *Exodus* (2021) and other books, some of which are cited in this bibliography.',
      '',
      '<!-- page 40 -->',
      '',
      'Wei Gramsci. *Prison Notebooks* (New York: International Publishers, 1971).',
      '',
      'Wei Gramsci. *Selections*',
      '',
      'W. Lance Bennett and Xia Segerberg. "Organization in the crowd" *Information, Communication & Society* (2014).',
      '',
      'Yann Smith.[^about-the-author-1] “A Work” (2001).',
      '',
      'Wei Zetkin. *Short*',
      '',
      '[^about-the-author-1]: A note.',
      '',
    ].join('\n'));
    const result = alphabetiseBibliography(stranded);
    expect(result.brought).toEqual([
      'Wei Gramsci. *Prison Notebooks* (New York: International Publishers, 1971).',
      'Wei Gramsci. *Selections*',
      'W. Lance Bennett and Xia Segerberg. "Organization in the crowd" *Information, Communication & Society* (2014).',
    ]);
    const lines = entries(result.markdown).map((line) => line.replace(/<!--.*?-->/g, ''));
    expect(lines.slice(0, 3)).toEqual(['- Zoe Arendt. *A Work* (1999).', `- ${result.brought[2]}`, '- Yann Bookchin. *A Work* (1999).']);
    expect(lines.indexOf(`- ${result.brought[0]}`)).toBe(lines.indexOf('- Xia Fourier. *A Work* (1999).') + 1);
    expect(lines.indexOf(`- ${result.brought[1]}`)).toBe(lines.indexOf(`- ${result.brought[0]}`) + 1);
    // the writer's own paragraph, the page marker, the entry with a note and the lone title stay
    const after = result.markdown.slice(result.markdown.indexOf('<!-- division: about-the-author -->'));
    expect(after).toContain('KEVIN A. CARSON is a writer.');
    expect(after).toContain('<!-- page 40 -->');
    expect(after).toContain('Yann Smith.[^about-the-author-1]');
    expect(after).toContain('Wei Zetkin. *Short*');
    expect(after).not.toContain('Gramsci');
  });

  it('brings back a page of its entries that the page order set in a chapter, and no citation of the chapter’s own', () => {
    const page = [
      'February 14, 2018 <<https://example.org/golden-age>>.',
      '',
      'Wei Lenin. "The Immediate Tasks" *Pravda*, April 28, 1918.',
      '',
      'Wei Lenin. *What Is To Be Done?* (Moscow, 1902).',
      '',
      'Georgy Lukacs. *History and Class Consciousness*',
      '',
      'Rosa Luxemburg. *Reform or Revolution* (1900).',
      '',
      'Rosa Luxemburg. "What Does the League Want?" *Die Rote Fahne*, December 14, 1918.',
      '',
      'It was actually held in October.',
      '',
    ];
    // Three works the chapter itself names in a row, between its own paragraphs, are its text.
    const own = ['Paul Mason. *Postcapitalism* (2015).', '', 'Nick Srnicek. *Inventing the Future* (2015).', '', 'Guy Standing. *The Precariat* (2011).', ''];
    const stranded = book.replace('Text.\n', ['Text.', '', ...own, 'More text of the chapter.', '', ...page].join('\n'));
    const result = alphabetiseBibliography(stranded);
    expect(result.brought.map((text) => text.slice(0, 18))).toEqual(['February 14, 2018 ', 'Wei Lenin. "The Im', 'Wei Lenin. *What I', 'Georgy Lukacs. *Hi', 'Rosa Luxemburg. *R', 'Rosa Luxemburg. "W']);
    const chapter = result.markdown.slice(0, result.markdown.indexOf('<!-- division: bibliography -->'));
    expect(chapter).toContain('It was actually held in October.');
    for (const text of own) expect(chapter).toContain(text);
    expect(entries(result.markdown)).toContain('- Wei Lenin. *What Is To Be Done?* (Moscow, 1902).');
    // A chapter's reading list of works the list has too, between its own entries, is the chapter's.
    const reading = ['Zoe Bookchin. *A Work* (1999).', 'Yann Dewey. *Another Work* (2001).', 'Xia Fourier. *A Third* (1808).', 'Zoe Kropotkin. *Mutual Aid* (1902).'].flatMap((text) => [text, '']);
    const kept = alphabetiseBibliography(book.replace('Text.\n', ['Text.', '', ...reading].join('\n')));
    expect(kept.brought).toEqual([]);
  });

  it('brings back one entry with its address that opens a chapter page, by an author the list names nowhere', () => {
    const entry = 'Christel van de Craats and Tomas Diez. "The Fab City movement." *P2P Foundation Blog*, Feb. 15, 2017 <<https://blog.example.org/fab-city>>.';
    const opening = (text: string) => book.replace('Text.\n', ['Text.', '', '<!-- page 9 -->', '', text, '', 'Barcelona has been active in international forums.', ''].join('\n'));
    const result = alphabetiseBibliography(opening(entry));
    expect(result.brought).toEqual([entry]);
    expect(entries(result.markdown)).toContain(`- ${entry}`);
    expect(result.markdown.slice(0, result.markdown.indexOf('<!-- division: bibliography -->'))).toContain('<!-- page 9 -->\n\nBarcelona has been active');
    // Not one without its address, nor one inside a page, nor one by an author the list names.
    expect(alphabetiseBibliography(opening(entry.replace(/ <<[^>]*>>/, ''))).brought).toEqual([]);
    expect(alphabetiseBibliography(book.replace('Text.\n', ['Text.', '', entry, ''].join('\n'))).brought).toEqual([]);
    expect(alphabetiseBibliography(opening(entry.replace('Christel van de Craats', 'Yann Bookchin'))).brought).toEqual([]);
  });

  it('joins the rest of an entry to the entry it finishes where a note cites the work across the cut, wherever the rest stands', () => {
    const cited = [
      '<!-- division: chapter -->',
      '',
      'Text.[^c1-1]',
      '',
      '[^c1-1]: Harry Cleaver, “Kropotkin and the Crisis,” Paper presented in Moscow. Published in *Anarchist Studies*, edited by Thomas Cahill, 1993.',
      '',
      '[^c1-2]: Cleaver, “Theses,” in *Marxism Today: Essays on Capitalism, Socialism and Strategies for Social Change* (Westport: Praeger, 1996).',
      '',
      '<!-- division: bibliography -->',
      '',
      '## Bibliography',
      '',
      ...['Arendt', 'Bookchin', 'Carson', 'Dewey', 'Engels', 'Fourier', 'Kropotkin', 'Landauer', 'Marx', 'Negri'].flatMap((name) => [`- Zoe ${name}. *A Work* (1999).`, '']),
      '- Harry Cleaver. “Kropotkin and the Crisis.” Paper presented in Moscow. Published in *Anarchist*',
      '',
      '- Cleaver. “Theses.” *Marxism Today: Essays on Capitalism, Socialism and Strate-*',
      '',
      '- Studies*, edited by Thomas Cahill, 1993.<!-- page 40 -->',
      '',
      '- gies for Social Change* (Westport: Praeger, 1996).',
      '',
      // a rest no note cites stays where it is, an entry of its own
      '- edited by Nobody, 2001.',
      '',
    ].join('\n');
    const result = alphabetiseBibliography(cited);
    expect(result.joined).toHaveLength(2);
    const lines = entries(result.markdown);
    expect(lines).toContain('- Harry Cleaver. “Kropotkin and the Crisis.” Paper presented in Moscow. Published in *Anarchist Studies*, edited by Thomas Cahill, 1993.');
    // (the rest's page marker stays in the list, where the sort sets the markers)
    expect(result.markdown).toContain('<!-- page 40 -->');
    expect(lines).toContain('- Cleaver. “Theses.” *Marxism Today: Essays on Capitalism, Socialism and Strategies for Social Change* (Westport: Praeger, 1996).');
    expect(lines.filter((line) => /^- (Studies|gies)/.test(line))).toEqual([]);
    expect(lines).toContain('- edited by Nobody, 2001.');
  });

  it('joins a title to the entry left open on the title’s first words, the note’s apostrophe set another way; not to a whole entry', () => {
    const book = (head: string): string => citedList('[^c1-1]: David Ronfeldt, “A Comment on the Netwar,” in Ronfeldt and Arquilla, *In Athena’s Camp: Preparing for Conflict in the Information Age* (Santa Monica: Rand, 1997).', ['- *Camp: Preparing for Conflict in the Information Age* (Santa Monica: Rand, 1997).', head]);
    const open = alphabetiseBibliography(book('- David Ronfeldt. "A Comment on the Netwar," in Ronfeldt and Arquilla, *In Athena\'s*'));
    expect(entries(open.markdown)).toContain('- David Ronfeldt. "A Comment on the Netwar," in Ronfeldt and Arquilla, *In Athena\'s Camp: Preparing for Conflict in the Information Age* (Santa Monica: Rand, 1997).');
    const whole = alphabetiseBibliography(book('- David Ronfeldt. "A Comment on the Netwar," in Ronfeldt and Arquilla, *In Athena\'s*. 1997.'));
    expect(whole.joined).toEqual([]);
  });
  it('joins a name to the entry left open on a word no entry ends on, where a note cites the two as one; not to an entry that ends', () => {
    const book = (head: string): string => citedList('[^c1-1]: Bauwens, "Evolving Towards a Partner State," in Andrea Botero, Andrew Gryf Paterson and Joanna Saad-Sulonen, eds., *Towards Peer Production in Public Services* (Helsinki, 2012).', [head, '- Joanna Saad-Sulonen, eds., *Towards Peer Production in Public Services* (Helsinki, 2012).']);
    const open = alphabetiseBibliography(book('- Michel Bauwens. “Evolving Towards a Partner State,” in Andrea Botero, Andrew Gryf Paterson and'));
    expect(open.joined).toHaveLength(1);
    expect(entries(open.markdown)).toContain('- Michel Bauwens. “Evolving Towards a Partner State,” in Andrea Botero, Andrew Gryf Paterson and Joanna Saad-Sulonen, eds., *Towards Peer Production in Public Services* (Helsinki, 2012).');
    // A rest from elsewhere in the list leaves its page marker where it stood: the pages keep their order.
    const far = alphabetiseBibliography(citedList('[^c1-1]: Bauwens, "Evolving Towards a Partner State," in Andrea Botero, Andrew Gryf Paterson and Joanna Saad-Sulonen, eds., *Towards Peer Production in Public Services* (Helsinki, 2012).', [
      '- Michel Bauwens. “Evolving Towards a Partner State,” in Andrea Botero, Andrew Gryf Paterson and<!-- page 7 -->',
      '- Yves Xander. *Another Work* (2001).<!-- page 8 -->',
      '- Yolanda Yost. *A Third Work* (2002).<!-- page 9 -->',
      '- Joanna Saad-Sulonen, eds., *Towards Peer Production in Public Services* (Helsinki, 2012).<!-- page 10 -->',
      '- Zack Zulu. *Last Work* (2003).<!-- page 11 -->',
    ]));
    expect(far.joined).toHaveLength(1);
    expect([...far.markdown.matchAll(/<!-- page (\d+) -->/g)].map((m) => m[1])).toEqual(['7', '8', '9', '10', '11']);
    // An entry that ends on a name (the list's own, though the note reads on) takes no entry after it.
    const whole = alphabetiseBibliography(book('- Michel Bauwens. “Evolving Towards a Partner State,” in Andrea Botero, Andrew Gryf Paterson'));
    expect(whole.joined).toEqual([]);
  });
});
