import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../src/ingest/split-blocks.js';
import { splitFragments } from '../../src/ingest/split-fragments.js';
import { pageEdgeDebris } from '../../src/ingest/debris.js';
import type { RawBlock } from '../../src/model/page.js';

/** The blocks with their closing lines marked, as ingest marks them. */
function withPageEdges(blocks: RawBlock[]): RawBlock[] {
  for (const index of pageEdgeDebris(blocks).closing) blocks[index]!.closesPage = true;
  return blocks;
}

const fragmentsOf = (raw: string, options = {}) => splitFragments(splitBlocks(raw), options);
const bodyTexts = (raw: string, options = {}) => fragmentsOf(raw, options).map((f) => f.body.map((b) => b.text));

describe('splitBlocks', () => {
  it('gives every note definition, heading and rule a block of its own, with raw lines', () => {
    const blocks = splitBlocks('# Title\nText line.\n---\n<sup>1</sup> A note.\n<sup>2</sup> Another.\n');
    expect(blocks.map((b) => [b.kind, b.span.startLine])).toEqual([
      ['heading', 1],
      ['body', 2],
      ['rule', 3],
      ['note', 4],
      ['note', 5],
    ]);
    expect(blocks[3]!.noteNumber).toBe(1);
  });

  it('reads references but not the number that opens a definition', () => {
    const [body, , note] = splitBlocks('Claim.<sup>3</sup> More<sup>4</sup>\n\n---\n\n<sup>3</sup> See <sup>st</sup>.');
    expect(body!.refs).toEqual([3, 4]);
    expect(note!.refs).toEqual([]);
  });
});

describe('splitFragments', () => {
  it('ends a page where its footnote area ends and body text begins again', () => {
    const raw = 'First page text.<sup>1</sup>\n\n---\n\n<sup>1</sup> Note one.\n\nSecond page starts.\n\n<sup>2</sup> Note two.';
    const fragments = fragmentsOf(raw);
    expect(fragments).toHaveLength(2);
    expect(fragments[0]!.notes.map((n) => n.noteNumber)).toEqual([1]);
    expect(fragments[1]!.cutReason).toMatch(/footnote area ended/);
  });

  describe('a note of a page of a list of works, run on over paragraphs of prose', () => {
    const LETTER = 'Over the last few years, despite concern from long-standing members, the group has been turned into a pulpit for views that many of us perceive to be reactionary.';
    const MORE = 'To many, the posts regurgitate, in various different forms, the general trope that the movement was wrong all along, and members have repeatedly expressed dismay about it.';
    const NEXT_PAGE = 'Tom Hayden. “The Politics of ‘The Movement’” *Dissent*, November/December 1966.\n\nRyan Hayes. “Worker-Owned Apps.” *Vice*, November 19, 2019.';

    it('keeps the prose that the next page’s entries follow in the note', () => {
      const raw = `Hilaire Belloc. *The Servile State* (Indianapolis: Liberty Classics, 1912).\n\nMichel Bauwens.<sup>1</sup> “Evolving Towards a Partner State,” in Andrea Botero and\n\n<sup>1</sup> I feel obligated to include the following disclaimer.\n\n${LETTER}\n\n${MORE}\n\n${NEXT_PAGE}`;
      const fragments = fragmentsOf(raw);
      expect(fragments).toHaveLength(2);
      expect(fragments[0]!.notes[0]!.text).toBe(`<sup>1</sup> I feel obligated to include the following disclaimer.\n\n${LETTER}\n\n${MORE}`);
      expect(fragments[1]!.body[0]!.text).toMatch(/^Tom Hayden/);
    });

    it('keeps it in the note’s continuation at the top of the next footnote area too', () => {
      const raw = `Bauwens. *The Peer to Peer Manifesto* (MasterNewMedia, 2007).\n\nBauwens and Franco Iacomella. “Peer to Peer Economy” (2012).\n\n---\n\nFrom our consistent observations over several years, we are concerned that the group has become an echo chamber.\n\n${MORE}\n\n${NEXT_PAGE}`;
      const fragments = fragmentsOf(raw);
      expect(fragments[0]!.noteTail?.text).toBe(`From our consistent observations over several years, we are concerned that the group has become an echo chamber.\n\n${MORE}`);
      expect(fragments[1]!.body[0]!.text).toMatch(/^Tom Hayden/);
    });

    it('leaves prose after a chapter page’s notes to a page of its own, entries after it or not', () => {
      const raw = `The argument of the chapter runs on, with its citations, through a page of prose.<sup>1</sup>\n\n<sup>1</sup> See the following work.\n\n${LETTER}\n\n${NEXT_PAGE}`;
      const fragments = fragmentsOf(raw);
      expect(fragments[0]!.notes[0]!.text).toBe('<sup>1</sup> See the following work.');
      expect(fragments[1]!.body[0]!.text).toBe(LETTER);
    });

    it('leaves prose that no entry follows to a page of its own', () => {
      const raw = `Michel Bauwens.<sup>1</sup> “Evolving Towards a Partner State,” in Andrea Botero and\n\n<sup>1</sup> I feel obligated to include the following disclaimer.\n\n${LETTER}\n\n${MORE}`;
      const fragments = fragmentsOf(raw);
      expect(fragments[0]!.notes[0]!.text).toBe('<sup>1</sup> I feel obligated to include the following disclaimer.');
      expect(fragments[1]!.body.map((b) => b.text)).toEqual([LETTER, MORE]);
    });
  });

  describe('a note of several paragraphs that cite as the notes do', () => {
    const BODY = 'The state socialism of the age was a form of capitalism, run for the capitalists.<sup>63</sup>';
    const NOTE = '<sup>63</sup> *Ibid.*, pp. 64–65. None of this is to say that such reforms might not be one pathway beyond capitalism.';
    const WELLS = 'H. G. Wells argued that such reforms in themselves are not socialistic without further measures. *Ibid.*, pp. 62–63. But the agenda stalled out.';
    const QUOTED = '...State Socialism is indispensable as a basis for Socialism, provided Socialists look upon its measures as transitory means.';
    const LAST = 'The measures of a new socialist government would be those which raised wages relative to other incomes. *Ibid.*, p. 115';
    const NEXT_PAGE = 'Marx and Engels from the beginning stressed that the transition was a thing to be carried out after the capture of the state.';

    it('keeps the paragraphs up to the last that cites so in the note, and the next page after them', () => {
      const fragments = fragmentsOf(`${BODY}\n\n---\n\n${NOTE}\n\n${WELLS}\n\n${QUOTED}\n\n${LAST}\n\n${NEXT_PAGE}`);
      expect(fragments).toHaveLength(2);
      expect(fragments[0]!.notes.at(-1)!.text).toBe(`${NOTE}\n\n${WELLS}\n\n${QUOTED}\n\n${LAST}`);
      expect(fragments[1]!.body.map((b) => b.text)).toEqual([NEXT_PAGE]);
    });

    it('leaves them to a page of their own where the body cites the same way', () => {
      const citing = `Walling counts such reforms as capitalist.<sup>62</sup> *Ibid.*, p. 17.`;
      const fragments = fragmentsOf(`${citing}\n\n${BODY}\n\n---\n\n<sup>62</sup> Walling.\n\n${NOTE}\n\n${WELLS}\n\n${NEXT_PAGE}`);
      expect(fragments.map((f) => f.body.map((b) => b.text))).toEqual([[citing, BODY], [WELLS, NEXT_PAGE]]);
    });

    it('leaves a page that refers to notes before its first citing paragraph to itself', () => {
      const referring = 'A page of the next chapter, its claim footnoted.<sup>1</sup>';
      const fragments = fragmentsOf(`${BODY}\n\n---\n\n${NOTE}\n\n${referring}\n\n${WELLS}\n\n---\n\n<sup>1</sup> A note.`);
      expect(fragments[0]!.notes.at(-1)!.text).toBe(NOTE);
      expect(fragments[1]!.body[0]!.text).toBe(referring);
    });
  });

  it('keeps the unnumbered tail that opens a footnote area as the previous note’s continuation', () => {
    const raw = 'Body of the page.<sup>5</sup>\n\n---\n\ncontinued from the last page, pp. 3–4.\n\n<sup>5</sup> Fresh note.';
    const [fragment] = fragmentsOf(raw);
    expect(fragment!.noteTail?.text).toBe('continued from the last page, pp. 3–4.');
    expect(fragment!.notes.map((n) => n.noteNumber)).toEqual([5]);
  });

  it('cuts after a preface’s date, which closes its division and so its page', () => {
    const raw = 'In any case, I hope you will like this one.\n\nJanuary 12, 2021\n\nAnarchist Paul Goodman noted the tendency of institutions to group themselves into complexes.';
    const fragments = splitFragments(withPageEdges(splitBlocks(raw)));
    expect(fragments.map((f) => f.body.map((b) => b.text))).toEqual([['In any case, I hope you will like this one.', 'January 12, 2021'], ['Anarchist Paul Goodman noted the tendency of institutions to group themselves into complexes.']]);
    expect(fragments[1]!.cutReason).toBe("the closing line on line 3 ends its division's page");
  });

  it('cuts where a paragraph stops mid-sentence and the next starts a new sentence', () => {
    const raw = 'A page that ends in the middle of\n\nAnother page begins here.';
    expect(bodyTexts(raw)).toEqual([['A page that ends in the middle of'], ['Another page begins here.']]);
  });

  it('does not take a credit line that ends on a name for an unfinished sentence', () => {
    const raw = '“A bold book.”\n\n— CINDY KOHTALA\n\nresearcher on peer production, Aalto University\n\n“Another review.”';
    expect(fragmentsOf(raw)).toHaveLength(1);
  });

  it('does not cut a sentence from the list it goes on as', () => {
    const raw = 'Bollier envisions commons-based urban economies with components like\n\n- Creative Commons Licensing, which enables people to share\n- FabLabs and Makerspaces, which are new social forms';
    expect(fragmentsOf(raw)).toHaveLength(1);
    // A sentence left open before a list that no lead-in announces is still a page end.
    expect(fragmentsOf('The pressure led to a real estate market collapse and\n\n- Alternative Currencies as a way to retain value')).toHaveLength(2);
  });

  it('does not cut an item left on a semicolon from the list item after it', () => {
    // (the rest of an item cut at the page before, `…every public ser-` ‖ `vant…`, then the list's next item)
    expect(fragmentsOf('vant... and other stakeholder involved in the production of the service;\n\n- opening the boundaries between different types of practices')).toHaveLength(1);
    // Left on a semicolon before prose, it is still a page end.
    expect(fragmentsOf('vant... and other stakeholder involved in the production of the service;\n\nAnother page begins here with its own sentence.')).toHaveLength(2);
  });

  it('does not cut a sentence left on a comma from the quotation that opens after it', () => {
    const raw = 'At a community assembly in the London area,\n\nPeople wonder if a basic income trial could be run in their area.';
    expect(fragmentsOf(raw)).toHaveLength(1);
    expect(fragmentsOf('On his views on revolution, Martin Buber writes,\n\n[Proudhon] divined the tragedy of revolutions.')).toHaveLength(1);
    // Left on any other word, it is still a page end.
    expect(fragmentsOf('At a community assembly in the London area the\n\nPeople wonder if a basic income trial could be run.')).toHaveLength(2);
  });

  it('does not cut a lead-in from the quotation it introduces', () => {
    const raw = 'He wrote that\n\nthe state is not neutral.<sup>1</sup>\n\n<sup>1</sup> Source.';
    expect(fragmentsOf(raw)).toHaveLength(1);
  });

  it('does not cut a sentence left on a preposition from the quoted title that carries it on', () => {
    const raw = 'Right to the City began in 2007 and was heavily influenced by\n\n"Le Droite à la Ville" (*Right to the City*), a book published in 1968 by Henri Lefebvre.';
    expect(fragmentsOf(raw)).toHaveLength(1);
    // A plain capital after the same word is still a new page.
    expect(fragmentsOf('Right to the City began in 2007 and was heavily influenced by\n\nAnother page begins here with a sentence.')).toHaveLength(2);
  });

  it('does not cut a list of run-in heads where one item lacks its full stop', () => {
    const raw = '**Economic Justice.** The right to an economy that serves their interests\n\n**Indigenous Justice.** The right of First Nation people to their ancestral lands.';
    expect(fragmentsOf(raw)).toHaveLength(1);
  });

  it('keeps on its page a paragraph resumed in lowercase between the page’s body and its notes', () => {
    const raw = 'Text that cites.<sup>16</sup> It ends a sentence here.\n\ndevelopments around inter-municipalism are already taking place.\n\n---\n\n<sup>16</sup> The note.';
    const fragments = fragmentsOf(raw);
    expect(fragments.map((f) => f.body.map((b) => b.text.slice(0, 12)))).toEqual([['Text that ci', 'developments']]);
    expect(fragments[0]!.notes.map((n) => n.noteNumber)).toEqual([16]);
    // Where the notes are that paragraph's own, it opened another page.
    const own = fragmentsOf('Text that ends a sentence here.\n\ndevelopments cited here.<sup>3</sup>\n\n---\n\n<sup>3</sup> The note.');
    expect(own.map((f) => f.body.length)).toEqual([1, 1]);
  });

  it('keeps on its page the text that ran on round a part title alone on the other page of its sheet', () => {
    // Line 3 is the part title, alone on its page (the Contents puts the next entry on a later page).
    const raw = 'Political capitalism is the rule.<sup>68</sup>\n\n# Part One: Background\n\nIn the ensuing decades, much was done.\n\n---\n\n<sup>68</sup> Kolko.';
    const options = { divisionHeadingLines: new Set([3]), standaloneHeadingLines: new Set([3]) };
    const fragments = fragmentsOf(raw, options);
    expect(fragments.map((f) => f.body.map((b) => b.text.slice(0, 12)))).toEqual([['Political ca', 'In the ensui'], ['# Part One: ']]);
    expect(fragments[0]!.notes.map((n) => n.noteNumber)).toEqual([68]);
    // A heading that may share its page keeps the text after it.
    const shared = fragmentsOf(raw, { divisionHeadingLines: new Set([3]) });
    expect(shared.map((f) => f.body.map((b) => b.text.slice(0, 12)))).toEqual([['Political ca'], ['# Part One: ', 'In the ensui']]);
  });

  it('cuts before a chapter heading the Contents names', () => {
    const raw = 'End of the last chapter.\n\n# Chapter Two: Next\n\nNew text.';
    expect(bodyTexts(raw, { divisionHeadingLines: new Set([3]) })).toEqual([['End of the last chapter.'], ['# Chapter Two: Next', 'New text.']]);
  });

  it('gives a footnote area back to the page whose references it answers when a short page landed between them', () => {
    const raw = 'Text that cites.<sup>7</sup> And stops in the middle of\n\nTo my friends.\n\n---\n\n<sup>7</sup> The note.';
    const fragments = fragmentsOf(raw);
    expect(fragments.map((f) => f.body.map((b) => b.text.slice(0, 10)))).toEqual([['Text that '], ['To my frie']]);
    expect(fragments[0]!.notes.map((n) => n.noteNumber)).toEqual([7]);
    expect(fragments[1]!.notes).toEqual([]);
  });

  it('separates a page end whose references are defined elsewhere from the page whose notes follow', () => {
    const raw = 'Last lines of a page.<sup>74</sup>\n\nA new page begins.<sup>39</sup>\n\n---\n\n<sup>39</sup> Note 39.';
    const fragments = fragmentsOf(raw);
    expect(fragments.map((f) => f.refs)).toEqual([[74], [39]]);
    expect(fragments[1]!.notes.map((n) => n.noteNumber)).toEqual([39]);
  });

  it('ends a page at a URL cut by a hyphen, leaving it open for its continuation', () => {
    const raw = 'See the report at <<https://www.ips-\n\njournal.eu/topics/x>>.';
    const fragments = fragmentsOf(raw);
    expect(fragments.map((f) => f.body.map((b) => b.text))).toEqual([['See the report at <<https://www.ips-'], ['journal.eu/topics/x>>.']]);
    expect(fragments[1]!.cutReason).toContain('`https://www.ips-`');
  });

  it('joins a note’s second paragraph (its URL) to the note rather than starting a page', () => {
    const raw = 'Body.<sup>8</sup>\n\n---\n\n<sup>8</sup> An interview. Translated from Italian\n\n<<https://example.org/interview>>. Accessed May 19, 2019.\n\n<sup>9</sup> Next.';
    const fragments = fragmentsOf(raw);
    expect(fragments).toHaveLength(1);
    expect(fragments[0]!.notes[0]!.text).toContain('Accessed May 19');
  });

  it('joins to a note that ends on a colon the list it announces', () => {
    const raw = 'Text that cites.<sup>2</sup>\n\n---\n\n<sup>2</sup> The toll was abolished. See:\n\n- the first ledger;\n- the second ledger.\n\nThe next page begins here.';
    const fragments = fragmentsOf(raw);
    expect(fragments[0]!.notes[0]!.text).toContain('- the second ledger.');
    expect(fragments.map((f) => f.body.map((b) => b.text.slice(0, 8)))).toEqual([['Text tha'], ['The next']]);
  });

  it('joins a short block whose next line is the note’s address to the note', () => {
    const raw = 'Body.<sup>17</sup>\n\n---\n\n<sup>17</sup> Cleaver, paper presented at the Conference on “Crises and Possibilities,”\n\nAmherst, Massachusetts, November 14, 1992  \n<<http://example.org/paper.html>>. Accessed May 31, 2019.\n\nThe next page begins here.';
    const fragments = fragmentsOf(raw);
    expect(fragments[0]!.notes[0]!.text).toContain('Amherst, Massachusetts');
    expect(fragments.flatMap((f) => f.body.map((b) => b.text))).toEqual(['Body.<sup>17</sup>', 'The next page begins here.']);
  });

  it('lists the block boundaries where an unseen page break is possible', () => {
    const raw = 'One whole paragraph.\n\nAnother whole paragraph.\n\nand a lowercase continuation.';
    const [fragment] = fragmentsOf(raw);
    expect(fragment!.candidateSplits).toEqual([1]);
  });
});
