import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { buildManuscript, vocabularyEvidence } from '../../src/pipeline.js';
import { ingest } from '../../src/ingest/index.js';
import { order } from '../../src/order/index.js';
import { misreadReference, repair } from '../../src/repair/index.js';
import type { RawBlock } from '../../src/model/page.js';
import { Vocabulary } from '../../src/text/vocabulary.js';
import { buildTiny, readingText, tinyMetadata, tinyRaw } from '../helpers/tiny-book.js';

const TITLE_PAGE = '# Tiny Book\n\nA. Writer';
const CONTENTS_WITH_LIST = '# Contents\n\n<b>Chapter One: The Test</b>\t<b>3</b>\n\n<b>Bibliography</b>\t<b>4</b>';
const ONE_PAGE_CHAPTER = '# Chapter One: The Test\n\nThe whole argument of this little book fits on one page, and it ends here.';

/** A book from raw pages given whole, title page and Contents included: its reading text and its report. */
function buildPages(pages: readonly string[]): { text: string; report: Report } {
  const report = new Report();
  const built = buildManuscript({ raw: `${pages.join('\n\n')}\n`, metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
  return { text: readingText(built.manuscript), report };
}

describe('repair at page joins', () => {
  it('joins a word cut by a hyphen at the page end into the word the book uses', () => {
    const built = buildTiny(['The cooptation of leaders is old. Their vulnerability to coopta-', 'tion was known to all.']);
    expect(readingText(built.manuscript)).toContain('vulnerability to cooptation was known');
    expect(built.repaired.stats.hyphensRemoved).toBe(1);
    expect(built.repaired.decisions.find((d) => d.kind === 'hyphen')?.evidence).toMatch(/cooptation/);
  });

  it('reports a word cut at the page end that the next page does not finish into any known word (R-011)', () => {
    const built = buildTiny(['The cooptation of leaders is old. Their vulnerability to coopta-', 'quarrels was known to all.']);
    const reported = built.report.byCode('R-011');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain('`coopta-`, and this page\'s first word, `quarrels`');
    // A cut the next page finishes into a known word is not reported.
    expect(buildTiny(['The cooptation of leaders is old. Their vulnerability to coopta-', 'tion was known to all.']).report.byCode('R-011')).toEqual([]);
  });

  it('reports a page that opens on the rest of a word after a page that cuts none: missing (R-013), or misplaced (R-012)', () => {
    const noted = 'The cooptation of leaders is old.<sup>1</sup> They were all bought in the end.\n\n---\n\n<sup>1</sup> On the cooptation of leaders, see the record.';
    const missing = buildTiny([noted, 'tion was known to all, and it went on.']);
    const reported = missing.report.byCode('R-013');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain('opens on `tion`, no word but the rest of one (as of `cooptation`)');
    expect(missing.report.byCode('R-012')).toEqual([]);
    // Where another page's end cut finishes the word, that page is named instead.
    const cutElsewhere = 'Their vulnerability was to coopta-\n\n---\n\n<sup>2</sup> As the record shows.';
    const misplaced = buildTiny([noted, 'tion was known to all, and it went on.<sup>2</sup>', cutElsewhere]);
    expect(misplaced.report.byCode('R-012').map((d) => d.message)).toEqual([expect.stringContaining('`coopta-` at the end of the page at line')]);
    // A page that opens on a word, or after a cut, is no such page.
    expect(buildTiny([noted, 'Cooptation was known to all.']).report.byCode('R-013')).toEqual([]);
  });

  it('sets a row of asterisks the extraction escaped as a section break, and no text', () => {
    const built = buildTiny(['The first movement of the argument ends here.\n\n\\*\\*\\*\n\nThe second movement begins after the break.']);
    expect(readingText(built.manuscript)).toContain('The first movement of the argument ends here.\n\n---\n\nThe second movement begins after the break.');
    expect(built.manuscript).not.toContain('\\*');
  });

  it('keeps the hyphen of a real compound cut at the page end', () => {
    const built = buildTiny(['Workers value self-activity above all. The spirit of self-', 'activity runs through the movement.']);
    expect(readingText(built.manuscript)).toContain('spirit of self-activity runs');
  });

  it('keeps a suspended hyphen cut at the page end', () => {
    const built = buildTiny(['Both desktop-based and laptop-based tools spread. Then came desktop-', 'and laptop-based publishing.']);
    expect(readingText(built.manuscript)).toContain('desktop- and laptop-based publishing');
  });

  it('rejoins a URL cut at the page end exactly, hyphen included', () => {
    const built = buildTiny(['See the essay at <https://www.ips-', 'journal.eu/topics/economy> for more.']);
    expect(readingText(built.manuscript)).toContain('https://www.ips-journal.eu/topics/economy');
  });

  it('rejoins a URL whose link the extraction closed at the cut, and whose rest it set as a list item', () => {
    // Reference-list pages: the entry's `<<…>>` link lost one `>` to each side of the page break.
    const built = buildTiny([
      'Eleonora de Majo. "The municipalist revolution." *International Politics and Society*, 2018 <<https://www.ips->',
      '- journal.eu/regions/europe/the-municipalist-revolution-3155/>.\n- Elena De Nictolis. “Co-City Turin.” LabGov, 2018.',
    ]);
    const text = readingText(built.manuscript);
    expect(text).toContain('<<https://www.ips-journal.eu/regions/europe/the-municipalist-revolution-3155/>>.');
    // The entries after the address's rest stay entries of their own.
    expect(text).toMatch(/3155\/>>\.\s*(<!--[^>]*-->)?\s*\n+- Elena De Nictolis/);
    const path = buildTiny(['Matt Stannard. "Symbiosis Is Different." *Occupy.com*, 2019 <<http://www.occupy.com/article/symbiosis->', 'different-why-revolutionary-network-could-change-politics>.']);
    expect(readingText(path.manuscript)).toContain('<<http://www.occupy.com/article/symbiosis-different-why-revolutionary-network-could-change-politics>>.');
  });

  it('carries a list item left without closing punctuation on into a page that opens in lowercase', () => {
    const built = buildTiny([
      // Notes 1 and 2 fix the order of the two pages; only the join is in question.
      'The programme has three points:<sup>1</sup>\n\n- Organizing tenants in every building of the city.\n- Developing land trusts to begin reconstructing the commons by decommodifying\n\n---\n\n<sup>1</sup> A note.',
      'land and housing in the region.\n\n- Rebuilding the public sector.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.',
    ]);
    const text = readingText(built.manuscript);
    expect(text).toContain('by decommodifying land and housing in the region.');
    expect(text).toContain('- Rebuilding the public sector.');
  });

  it('carries a sentence on past a quotation broken off with an ellipsis', () => {
    const built = buildTiny([
      'As Dyer-Witheford paraphrases Negri, "the new capacities manifesting in the contemporary work force..."<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.',
      'exist in "virtual" form among the contingent and unemployed labor force.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.',
    ]);
    expect(readingText(built.manuscript)).toMatch(/work force\.\.\."(\[\^c1-1\])? exist in "virtual" form/);
  });

  it('takes a quotation’s page set after a dash for the end of a paragraph', () => {
    const { report } = buildPages([tinyRaw(['> We didn’t realize that those structures were going to change *us*.<sup>1</sup> —p. 296\n\n---\n\n<sup>1</sup> A note.', 'Andreas Karitzis ascribes the failure of Syriza to its focus on the state.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']).trimEnd()]);
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('takes a quotation’s page set after an ibid. for the end of a paragraph', () => {
    const { report } = buildPages([tinyRaw(['> Their share would be proportional to their numbers. *Ibid.*, p. 115<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.', 'Marx and Engels from the beginning stressed the point.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']).trimEnd()]);
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('takes a page that opens on a quotation cut into mid-sentence for an excerpt, not a missing page, and sets it as a block quote', () => {
    const built = buildTiny(['Marx treated labour itself as something to be superseded.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.', 'it is established... that his [the worker’s] activity is not a free manifestation of his life.<sup>2</sup>\n\nMarx also makes it clear that these are not distant goals.\n\n---\n\n<sup>2</sup> Another note.']);
    expect(built.report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
    expect(readingText(built.manuscript)).toMatch(/superseded\.\[\^c1-1\]\n\n> it is established/);
    // a page that opens in lowercase without such marks is still reported
    const missing = buildTiny(['Marx treated labour itself as something to be superseded.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.', 'it is established that his activity is not a free manifestation of his life.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(missing.report.diagnostics.filter((d) => d.code === 'R-010')).toHaveLength(1);
  });

  it('carries a sentence on into a page that opens with an acronym', () => {
    const built = buildTiny(['Copyright is failing.<sup>1</sup> The fall in the cost of tools, coupled with the ease of sharing digital\n\n---\n\n<sup>1</sup> A note.', 'CAD/CAM files, is raising the costs of enforcing patents.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toContain('sharing digital CAD/CAM files');
    expect(built.report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
    // a capitalised word is still a new sentence's start there, and the break is reported
    const broken = buildTiny(['Copyright is failing.<sup>1</sup> The fall in the cost of tools, coupled with the ease of sharing digital\n\n---\n\n<sup>1</sup> A note.', 'Files are raising the costs of enforcing patents.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(broken.report.diagnostics.filter((d) => d.code === 'R-010')).toHaveLength(1);
  });

  it('keeps paragraphs that open with run-in heads apart, without calling the join broken', () => {
    const built = buildTiny(['Its platform:<sup>1</sup>\n\n**Land Ownership.** The right to permanent ownership of urban land.\n\n**Economic Justice.** The right to an economy that serves their interests\n\n---\n\n<sup>1</sup> A note.', '**Indigenous Justice.** The right of First Nations to their lands.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toMatch(/serves their interests\n\n\*\*Indigenous Justice\.\*\*/);
    expect(built.report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('keeps a real paragraph break at the top of a page', () => {
    const built = buildTiny(['The first page ends with a whole sentence.', 'A new paragraph opens the second page.']);
    expect(readingText(built.manuscript)).toContain('whole sentence.\n\n');
    expect(built.repaired.stats.paragraphsJoined).toBe(0);
  });

  it('carries a sentence on into a page that opens with a name or a quotation', () => {
    // Notes 1 and 2 fix the order of the two pages; only the join is in question.
    const name = buildTiny(['Workers took over the plants.<sup>1</sup> Then they brought in Massimo De\n\n---\n\n<sup>1</sup> A note.', 'Angelis to write about the commons that grew from them.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(name.manuscript)).toContain('Massimo De Angelis to write');
    const quotation = buildTiny(['The movement grew.<sup>1</sup> It drew its strength from the assertion of working class power outside\n\n---\n\n<sup>1</sup> A note.', '“Parliament,” as its pamphlets put it, and from the streets.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(quotation.manuscript)).toContain('power outside “Parliament,”');
    expect(quotation.report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('carries a colon lead-in on into a quotation that opens the next page in lowercase', () => {
    const built = buildTiny(['Boyd studied dogfights.<sup>1</sup> He called the finding the Law of Iteration, and put it this way:\n\n---\n\n<sup>1</sup> A note.', 'the primary determinant of winning was the speed of the loop.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toContain('this way: the primary determinant');
  });

  it('marks as a block quote a paragraph that opens in lowercase after a lead-in on a colon on the same page', () => {
    const built = buildTiny(['The statement called for what Hayden called “participatory democracy”:\n\na democracy of individual participation, governed by two central aims.\n\nThe governing economic principle followed.']);
    expect(readingText(built.manuscript)).toMatch(/democracy”:\n\n> a democracy of individual participation[^\n]*\n\nThe governing economic principle/);
    expect(built.repaired.decisions.find((d) => d.kind === 'block-quote')?.evidence).toBe('follows a lead-in on a colon and opens mid-sentence, as a quotation taken up in the middle');
    // Not a list's item, nor after a sentence that ends otherwise.
    const list = buildTiny(['The charter named three duties:\n\n- keep the bridge;\n\n- keep the road.']);
    expect(list.repaired.stats.blockQuotes).toBe(0);
  });

  it('says where a paragraph opens mid-sentence after a finished one on the same page (R-010)', () => {
    // (the real book: `…without the intermediation of national governments.` ‖ `developments around
    // inter-municipalism…`, a piece ingest kept on the page whose notes come after it)
    const page = 'Cities federate across borders.<sup>1</sup> They do so without national governments.\n\ndevelopments around inter-municipalism are already taking place.\n\n---\n\n<sup>1</sup> A note.';
    const built = buildTiny([page]);
    const line = tinyRaw([page]).split('\n').indexOf('developments around inter-municipalism are already taking place.') + 1;
    expect(built.report.byCode('R-010').map((d) => [d.message, d.place?.line])).toEqual([
      ['this paragraph starts mid-sentence but the one before it on its page ends a sentence: the top of another page may have run into this one, or a page is missing', line],
    ]);
    // Not an excerpt taken up in the middle, with an ellipsis or an editor's bracket early on.
    const excerpt = buildTiny(['Marx treated labor as something to be superseded.<sup>1</sup> He wrote so in 1845.\n\nit is established... that his [the worker’s] activity is not free.\n\n---\n\n<sup>1</sup> A note.']);
    expect(excerpt.report.byCode('R-010')).toEqual([]);
  });

  it('marks as a block quote the quotation a lead-in without its colon introduces, when it ends on its citation', () => {
    const built = buildTiny(['Workers want out of work.<sup>1</sup> To quote Guy Standing\n\nPut bluntly, the precariat wishes to escape from labour.<sup>2</sup>\n\n---\n\n<sup>1</sup> A note.\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toMatch(/To quote Guy Standing\n\n> Put bluntly/);
    expect(built.repaired.stats.blockQuotes).toBe(1);
  });

  it('marks as a block quote the first paragraph of a quotation of several, between its lead-in and a paragraph found to be quoted', () => {
    const built = buildTiny(['On the death of Proudhon, Frédéric Tufferd wrote:\n\nThe most incredible confusion is that between the government and the State.\n\n...Then, during the Second Empire, Proudhon began to speak of anarchy.<sup>1</sup>\n\nThe author agrees.\n\n---\n\n<sup>1</sup> Tufferd, 1865.']);
    expect(readingText(built.manuscript)).toMatch(/Tufferd wrote:\n\n> The most incredible confusion[^\n]*\n\n> \.\.\.Then, during the Second Empire/);
    expect(readingText(built.manuscript)).toMatch(/\n\nThe author agrees\./);
    expect(built.repaired.stats.blockQuotes).toBe(2);
  });

  it('sets a sentence carried over a page after a dash close up if the dash was set close up, spaced if it was spaced', () => {
    const closed = buildTiny(['The movement grew in the valley, and the millers joined it—<sup>1</sup> as did the smiths—\n\n---\n\n<sup>1</sup> A note.', 'and the carters too, for a while.']);
    expect(readingText(closed.manuscript)).toContain('as did the smiths—and the carters too');
    const spaced = buildTiny(['The movement grew in the valley, and the millers joined it —\n\n---\n\n<sup>1</sup> A note.', 'and the carters too, for a while.']);
    expect(readingText(spaced.manuscript)).toContain('joined it — and the carters too');
  });

  it('leaves a quotation the extraction already marked as one quotation, not one nested in another', () => {
    const built = buildTiny(['The town kept the bridge, as the charter put it:\n\n> The bridge shall be kept by the town for ever.<sup>1</sup>\n\nIt always was.\n\n---\n\n<sup>1</sup> Charter of 1402.']);
    expect(readingText(built.manuscript)).toMatch(/put it:\n\n> The bridge shall be kept by the town for ever\.\[\^c1-1\]\n\nIt always was\./);
    const quotes = built.book.tree.children.filter((node) => node.type === 'blockquote');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.type === 'blockquote' && quotes[0]!.children[0]!.type).toBe('paragraph');
  });

  it('keeps a quotation after a lead-in ending on a comma as its own paragraph, without calling the join broken', () => {
    const built = buildTiny(['Battles are costly.<sup>1</sup> To quote the strategist again,\n\n---\n\n<sup>1</sup> A note.', 'For even if a decisive battle be the goal, the aim must be to fight it on good ground.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toMatch(/strategist again,\n\nFor even if/);
  });

  it('keeps a list that runs on across the page as one list, its page marker at the end of the item before', () => {
    const built = buildTiny([
      'The movement asks for three things in the city:\n\n- housing for all who need it;\n- transport without fares;<sup>1</sup>\n\n---\n\n<sup>1</sup> A note on fares.',
      '- schools run by their towns.\n\nAfter the list the argument goes on, as arguments do.',
    ]);
    expect(built.manuscript).toContain('- transport without fares;[^c1-1]<!-- page 4 -->\n- schools run by their towns.');
    const lists = built.book.tree.children.filter((node) => node.type === 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.type === 'list' && lists[0]!.children.length).toBe(3);
    // A page marker of its own between the items would have made two lists.
    expect(built.manuscript).not.toMatch(/\n<!-- page 4 -->\n/);
  });

  it('keeps a list that opens the page after an unfinished lead-in as a list, without calling the join broken', () => {
    const built = buildTiny(['Platforms differ.<sup>1</sup> As its advocates describe it, the commons platform economy is defined by\n\n---\n\n<sup>1</sup> A note.', '(1) favouring peer to peer relations over hierarchy;<sup>2</sup>\n\n(2) sharing what is made.\n\n---\n\n<sup>2</sup> Another note.']);
    expect(readingText(built.manuscript)).toMatch(/is defined by\n\n\(1\) favouring/);
    expect(built.repaired.decisions.some((d) => d.kind === 'page-break-kept' && /list opens the page/.test(d.evidence))).toBe(true);
  });

  it('does not call a reference list entry that ends without a full stop a broken sentence', () => {
    const raw = [
      TITLE_PAGE,
      CONTENTS_WITH_LIST,
      ONE_PAGE_CHAPTER,
      '# Bibliography\n\nAaron Able. *A Study of Things That Matter to the People Who Make Them* (London: Press, 2001).\n\nAnna Adler. *Cities Without Landlords: Housing as a Commons in Five Countries* (New York: Verso, 2010).\n\nBeth Bale. *The Long Walk Out of the Factory and Into the Neighbourhood* (Chicago: Haymarket, 2012).\n\nBert Baker. Returning the city to people and to an economy that serves their interests',
      'Carl Cole. *Commons and Their Keepers: A History of Shared Things* (Paris: Maison, 2003).\n\nDora Dane. *Making Things Together in the Workshops of the Future* (Rome: Casa, 2005).\n\nEmil Eck. *Exodus and Its Discontents: Essays on Leaving the State Behind* (Berlin: Haus, 2007).',
    ];
    const { text, report } = buildPages(raw);
    // Two entries of the list, not one run together.
    expect(text).toMatch(/serves their interests\n\n- Carl Cole/);
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('still calls a paragraph of prose left unfinished in a reference list a broken sentence', () => {
    const prose = 'In this context, the local government created an open university whose goal was to improve access to education and encourage an active citizenry. It was developed through partnerships with several universities and educational institutions, both locally and internationally, and it has grown every year since its founding, with courses in every neighbourhood of the commune and a library open to all of its residents, like the';
    const raw = [
      TITLE_PAGE,
      CONTENTS_WITH_LIST,
      ONE_PAGE_CHAPTER,
      `# Bibliography\n\nAaron Able. *A Study of Things That Matter to the People Who Make Them* (London: Press, 2001).\n\nAnna Adler. *Cities Without Landlords* (New York: Verso, 2010).\n\n${prose}`,
      'Karl Kole. *Commons and Their Keepers: A History of Shared Things* (Paris: Maison, 2003).\n\nLena Lane. *Making Things Together in the Workshops of the Future* (Rome: Casa, 2005).\n\nMona Marsh. *Exodus and Its Discontents: Essays on Leaving the State Behind* (Berlin: Haus, 2007).',
    ];
    const { report } = buildPages(raw);
    // `… like the` ‖ `Karl Kole. …`: an entry, not a name that carries the sentence on.
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toHaveLength(1);
  });

  it('carries a reference list entry cut at the page end on into the lowercase rest of it', () => {
    const raw = [
      TITLE_PAGE,
      CONTENTS_WITH_LIST,
      '# Bibliography\n\nAaron Able. *A Study of Things That Matter to the People Who Make Them* (London: Press, 2001).\n\nAnna Adler. *Cities Without Landlords: Housing as a Commons in Five Countries* (New York: Verso, 2010).\n\nBeth Bale. *The Long Walk Out of the Factory* (Chicago: Haymarket, 2012).\n\nMarx. *The Class Struggles in France, 1848 to 1850*. From Marx and Engels, *Selected Works*, Volume 1 (Moscow: Progress Publishers, 1969). Proofed and corrected by Matthew Carmody, 2009, Mark Harris 2010, transcribed',
      // The list's two pages lie apart in the raw file: ingest cannot join them, the order brings them together.
      ONE_PAGE_CHAPTER,
      'by Louis Proyect, and hosted at Marxist Internet Archive.\n\nDora Dane. *Making Things Together in the Workshops of the Future* (Rome: Casa, 2005).\n\nEmil Eck. *Exodus and Its Discontents: Essays on Leaving the State Behind* (Berlin: Haus, 2007).',
    ];
    const { text, report } = buildPages(raw);
    expect(text).toContain('transcribed by Louis Proyect, and hosted');
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('carries a reference list entry cut at the page end on into the address that opens the next page', () => {
    const raw = [
      TITLE_PAGE,
      CONTENTS_WITH_LIST,
      '# Bibliography\n\nAaron Able. *A Study of Things That Matter to the People Who Make Them* (London: Press, 2001).\n\nAnna Adler. *Cities Without Landlords: Housing as a Commons in Five Countries* (New York: Verso, 2010).\n\nBeth Bale. *The Long Walk Out of the Factory* (Chicago: Haymarket, 2012).\n\nE.P. Thompson. “The New Left” *The New Reasoner* No. 9 (Summer 1959), hosted at Marxists Internet Archive',
      // (its footnote area ends the chapter's page: nothing else would tell the address from its text)
      `${ONE_PAGE_CHAPTER}<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.`,
      '<<https://www.marxists.org/archive/thompson-ep/1959/newleft.htm>>.\n\nWilliam Irwin Thompson. *Darkness and Scattered Light* (New York: Anchor, 1978).\n\nBenjamin Tincq. “The Fab City.” *Shareable*, Feb. 6, 2017.',
    ];
    const { text, report } = buildPages(raw);
    expect(text).toContain('hosted at Marxists Internet Archive <<https://www.marxists.org/archive/thompson-ep/1959/newleft.htm>>.');
    expect(report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('carries a sentence left on a word that cannot end it on into a number, and into a quoted title on the same page', () => {
    const built = buildTiny([
      'The movement began in 2007.<sup>1</sup> It was heavily influenced by\n\n"Le Droite à la Ville" (*Right to the City*), a book adopted by the World Charter of the Right to the City in\n\n---\n\n<sup>1</sup> A note.',
      '2004. Building from this idea, the Alliance was established.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.',
    ]);
    const text = readingText(built.manuscript);
    expect(text).toContain('heavily influenced by "Le Droite à la Ville"');
    expect(text).toMatch(/Right to the City in (?:<!-- page \d+ --> )?2004\. Building/);
    expect(built.report.diagnostics.filter((d) => d.code === 'R-010')).toEqual([]);
  });

  it('keeps an excerpt opened with an ellipsis as its own paragraph, without calling the join broken', () => {
    const built = buildTiny(['The argument ends here with a finished sentence.', '...and yet the excerpt that follows opens in the middle of its source.']);
    expect(readingText(built.manuscript)).toMatch(/finished sentence\.\n\n/);
  });

  it('makes one paragraph of one cut by the page break, and marks where the page began', () => {
    const built = buildTiny(['Cited.<sup>1</sup> A sentence that runs on across the\n\n---\n\n<sup>1</sup> A note.', 'page break into the next page.']);
    expect(built.manuscript).toMatch(/runs on across the<!-- page 4 --> page break/);
  });

  it('makes one note of a note whose tail opens the next page’s footnote area', () => {
    const built = buildTiny([
      'A claim.<sup>1</sup> More text follows here.\n\n---\n\n<sup>1</sup> A long citation that goes on and',
      'The next page continues.\n\n---\n\non, to pp. 3–4.',
    ]);
    expect(built.manuscript).toMatch(/\[\^c1-1\]: A long citation that goes on and on, to pp\. 3–4\./);
    expect(built.repaired.stats.notesMerged).toBe(1);
  });

  it('joins a footnote continuation that opens a sentence after a finished note, and reports it (R-027)', () => {
    const built = buildTiny([
      'A claim.<sup>1</sup> More text follows here.\n\n---\n\n<sup>1</sup> Sophie Bloemen, “The Assembly,” *P2P Foundation Blog*, 2017 <<https://blog.p2pfoundation.net/assembly>>.',
      'The next page continues.\n\n---\n\nFrom our consistent observations over several years, we are concerned.',
    ]);
    expect(built.manuscript).toContain('assembly>>. From our consistent observations');
    const reported = built.report.byCode('R-027');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain('after note c1-1, which is finished');
    expect(built.repaired.decisions.find((d) => d.kind === 'note-tail')?.confidence).toBe('low');
    // A continuation of a note that stops mid-sentence is no such doubt, capital or not.
    const open = buildTiny([
      'A claim.<sup>1</sup> More text follows here.\n\n---\n\n<sup>1</sup> Karl Marx, *Capital* (New York: Monthly',
      'The next page continues.\n\n---\n\nReview Press, 1977), p. 10.',
    ]);
    expect(open.report.byCode('R-027')).toEqual([]);
    expect(open.repaired.decisions.find((d) => d.kind === 'note-tail')?.confidence).toBe('high');
  });

  it('gives a web address left alone between pages to the note before it, which gives none', () => {
    // (the real book's chapter 12 note 5 ends on its book's year; its address, run over to the next
    // page, was extracted among another sheet side's paragraphs, and the order set it after the
    // note's page, where it stood in the chapter's text)
    const repaired = (note: string) => {
      const raw = [
        '# Tiny Book\n\nA. Writer',
        '# Contents\n\n<b>Chapter One: The Test</b>\t<b>3</b>\n<b>Chapter Two: More</b>\t<b>4</b>',
        `# Chapter One: The Test\n\nA claim about the commons.<sup>1</sup> More text follows and ends here.\n\n---\n\n<sup>1</sup> ${note}`,
        '<https://archive.org/details/TowardTheNewCommons/p.4>',
        '# Chapter Two: More\n\nThe second chapter opens with a sentence.',
      ].join('\n\n');
      const ctx = { report: new Report(), sourceDate: new Date('2020-01-01T00:00:00Z'), sourceFile: 'tiny.raw.md' };
      const ingested = ingest(`${raw}\n`, ctx, { title: tinyMetadata.title });
      const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
      const ordered = order(ingested, ctx, { ...vocabularyEvidence(vocab), title: tinyMetadata.title });
      // (set after the note's page, on that page: chapter two's heading is on the next)
      const address = ordered.fragments.find((f) => f.body[0]!.text.startsWith('<https'))!;
      const rest = ordered.fragments.filter((f) => f !== address);
      const at = rest.findIndex((f) => f.notes.length > 0) + 1;
      return repair(ingested, { ...ordered, fragments: [...rest.slice(0, at), address, ...rest.slice(at)] }, tinyMetadata, vocab, ctx);
    };
    const joined = repaired('Monty Neill, *Toward the New Commons* (1997)');
    expect(joined.markdown).toContain('[^c1-1]: Monty Neill, *Toward the New Commons* (1997) <https://archive.org/details/TowardTheNewCommons/p.4>');
    expect(readingText(joined.markdown).split('\n\n').filter((block) => block.startsWith('<https'))).toEqual([]);
    expect(joined.decisions.find((d) => d.kind === 'note-tail')).toMatchObject({ confidence: 'medium', evidence: 'a web address alone, after a note that gives none' });
    // A note that gives its address already keeps it; the address alone stays where it stood.
    const given = repaired('Monty Neill, *Toward the New Commons* (1997) <https://archive.org/details/x>');
    expect(readingText(given.markdown).split('\n\n')).toContain('<https://archive.org/details/TowardTheNewCommons/p.4>');
  });

  it('joins a word cut inside emphasis, in a note tail and in the body, and keeps the emphasis whole', () => {
    const note = buildTiny([
      'A claim.<sup>1</sup> More text follows here.\n\n---\n\n<sup>1</sup> Sophie Bloemen, “The Assembly,” *P2P Founda-*',
      'The next page continues.\n\n---\n\n*tion Blog*, Oct. 16, 2017.',
    ]);
    expect(note.manuscript).toContain('[^c1-1]: Sophie Bloemen, “The Assembly,” *P2P Foundation Blog*, Oct. 16, 2017.');
    // The next page sets the word's rest roman: the emphasis closes before the cut word.
    const body = buildTiny(['The foundation of the journal was an event. It appeared in *Quaderni Rossi: founda-*', 'tion matters here, as the journal said.']);
    expect(readingText(body.manuscript)).toContain('in *Quaderni Rossi:* foundation matters here');
  });

  it('links every reference to its note, labelled by chapter', () => {
    const built = buildTiny(['One.<sup>1</sup> Two.<sup>2</sup>\n\n---\n\n<sup>1</sup> First.\n\n<sup>2</sup> Second.']);
    expect(built.manuscript).toContain('One.[^c1-1] Two.[^c1-2]');
    expect(built.report.diagnostics.filter((d) => d.code.startsWith('R-02'))).toEqual([]);
  });

  it('reports a reference without a note and a note without a reference, with their lines', () => {
    const built = buildTiny(['Cited.<sup>1</sup> Uncited.\n\n---\n\n<sup>2</sup> Orphan note.']);
    const codes = built.report.diagnostics.filter((d) => d.code.startsWith('R-02')).map((d) => [d.code, d.place?.line]);
    expect(codes).toEqual([
      ['R-020', 11],
      ['R-021', 15],
    ]);
  });

  it('splits two references the extraction ran together into one number', () => {
    const built = buildTiny(['A claim.<sup>1</sup> And more.<sup>23</sup>\n\n---\n\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n\n<sup>3</sup> Three.']);
    expect(built.manuscript).toContain('And more.[^c1-2][^c1-3]');
  });
});

describe('a note number a chapter defines on two pages', () => {
  it('links each page’s reference to the note at its own foot, and warns (R-025)', () => {
    const raw = tinyRaw([
      'The commons grew in the cities of the south as the state withdrew.<sup>1</sup>\n\n---\n\n<sup>1</sup> The first note, on the cities.',
      'The movements learned from each other across the borders of the region.<sup>2</sup>\n\n---\n\n<sup>2</sup> The second note, on the borders.',
      'Elsewhere the same pattern held for the workshops in the valleys.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note of another chapter, on the valleys.',
    ]);
    const report = new Report();
    const ctx = { report, sourceDate: new Date('2020-01-01T00:00:00Z'), sourceFile: 'tiny.raw.md' };
    const ingested = ingest(raw, ctx, { title: tinyMetadata.title });
    const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
    const ordered = order(ingested, ctx, { ...vocabularyEvidence(vocab), title: tinyMetadata.title });
    // The order keeps the third page out of the chapter; set it last, as a misplaced page would be.
    const valleys = ordered.fragments.find((f) => f.body.some((b) => b.text.includes('valleys')))!;
    const misplaced = { ...ordered, fragments: [...ordered.fragments.filter((f) => f !== valleys), valleys] };
    const md = repair(ingested, misplaced, tinyMetadata, vocab, ctx).markdown;
    const labelAfter = (text: string): string => new RegExp(`${text}\\[\\^([^\\]]+)\\]`).exec(md)![1]!;
    const noteOf = (label: string): string => new RegExp(`^\\[\\^${label}\\]: (.*)$`, 'm').exec(md)![1]!;
    expect(noteOf(labelAfter('the state withdrew\\.'))).toBe('The first note, on the cities.');
    expect(noteOf(labelAfter('workshops in the valleys\\.'))).toBe('A note of another chapter, on the valleys.');
    expect(report.byCode('R-025').map((d) => d.message)).toEqual([expect.stringMatching(/^note 1 was defined on an earlier page of this chapter too \(line \d+\); this page's references link to its own note, kept as c1-1-again$/)]);
    expect([...report.byCode('R-020'), ...report.byCode('R-021'), ...report.byCode('R-022')]).toEqual([]);
  });
});

describe('a reference whose number the extraction misread', () => {
  const block = (text: string): RawBlock => ({ index: 0, kind: 'body', text, span: { startLine: 1, endLine: 1, start: 0, end: 0 }, refs: [] });
  it('is read as the one note at its page’s foot that nothing refers to, where that number fits', () => {
    expect(misreadReference([block('One.<sup>62</sup> Two.<sup>166</sup>'), block('Three.<sup>64</sup>')], new Set([62, 63, 64]))).toEqual({ printed: 166, note: 63 });
    // out of place among the page's references, or with two notes unreferenced: left alone
    expect(misreadReference([block('One.<sup>166</sup> Two.<sup>62</sup>'), block('Three.<sup>64</sup>')], new Set([62, 63, 64]))).toBeNull();
    expect(misreadReference([block('One.<sup>8283</sup>')], new Set([82, 83]))).toBeNull();
    expect(misreadReference([block('One.<sup>63</sup> Two.<sup>166</sup>'), block('Three.<sup>64</sup>')], new Set([63, 64]))).toBeNull();
    // a number next to the page's notes may be a note of the page before
    expect(misreadReference([block('One.<sup>1</sup>')], new Set([2]))).toBeNull();
  });

  it('links the reference to that note in the manuscript, and warns (R-026)', () => {
    const built = buildTiny(['The commons grew in the cities.<sup>1</sup> The state withdrew from the south.<sup>7</sup> The movements learned from each other.<sup>3</sup>\n\n---\n\n<sup>1</sup> On the cities.\n\n<sup>2</sup> On the south.\n\n<sup>3</sup> On the movements.']);
    expect(built.manuscript).toContain('The state withdrew from the south.[^c1-2]');
    expect(built.report.byCode('R-026').map((d) => d.message)).toEqual(["reference [7] has no note on its page, and the page's note 2 no reference, in the place its number takes among the page's references: read as [2]"]);
    expect([...built.report.byCode('R-020'), ...built.report.byCode('R-021')]).toEqual([]);
  });
});
