import { ENGLISH_QUOTES, type QuotationMarks } from '../text/typography.js';

/**
 * The words the editions' generated pages use (the Contents, the cover, the colophon or copyright
 * page), in the book's language: the languages the print edition hyphenates (see
 * src/pdf/hyphenate.ts); any other falls back to English.
 */
export interface Labels {
  contents: string;
  /** The EPUB's landmarks and page list (navigation, hidden from the reader's text). */
  landmarks: string;
  pages: string;
  cover: string;
  colophon: string;
  /** `A Title, by An Author`. */
  by: string;
  edition: string;
  /** `Published by A Press, 2021.` (EPUB colophon). */
  publishedBy: string;
  identifier: string;
  /** `Page numbers refer to: the print edition`. */
  pagination: string;
  /** The colophon's heading over the dated changes. */
  changes: string;
  startOfContent: string;
  /** The marks straight quotation marks in the text are set as (see src/text/typography.ts). */
  quotes: QuotationMarks;
  /** The print edition's copyright page. */
  print: {
    edition: (edition: number, date: string) => string;
    source: (source: string, date: string) => string;
    firstPublished: (date: string) => string;
    publishedBy: (publisher: string) => string;
    changes: string;
    setIn: (face: string) => string;
  };
}

const ENGLISH: Labels = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  pages: 'Pages',
  cover: 'Cover',
  colophon: 'Colophon',
  by: 'by',
  edition: 'Edition',
  publishedBy: 'Published by',
  identifier: 'Identifier',
  pagination: 'Page numbers refer to',
  changes: 'Changes in this edition',
  startOfContent: 'Start of content',
  quotes: ENGLISH_QUOTES,
  print: {
    edition: (edition, date) => `Edition ${edition}, ${date}.`,
    source: (source, date) => `Source: ${source}, published ${date}.`,
    firstPublished: (date) => `First published ${date}.`,
    publishedBy: (publisher) => `Published by ${publisher}.`,
    changes: 'Changes',
    setIn: (face) => `Set in ${face}.`,
  },
};

/** French sets a no-break space before a colon, and a narrow one inside its guillemets. */
const NBSP = '\u00A0';
const NNBSP = '\u202F';

const LANGUAGES: Record<string, Labels> = {
  en: ENGLISH,
  de: {
    contents: 'Inhalt',
    landmarks: 'Orientierungspunkte',
    pages: 'Seiten',
    cover: 'Umschlag',
    colophon: 'Impressum',
    by: 'von',
    edition: 'Ausgabe',
    publishedBy: 'Erschienen bei',
    identifier: 'Kennung',
    pagination: 'Die Seitenzahlen folgen',
    changes: 'Änderungen in dieser Ausgabe',
    startOfContent: 'Textbeginn',
    quotes: { open: '\u201E', close: '\u201C', openInner: '\u201A', closeInner: '\u2018' },
    print: {
      edition: (edition, date) => `Ausgabe ${edition}, ${date}.`,
      source: (source, date) => `Quelle: ${source}, erschienen ${date}.`,
      firstPublished: (date) => `Erstmals erschienen ${date}.`,
      publishedBy: (publisher) => `Erschienen bei ${publisher}.`,
      changes: 'Änderungen',
      setIn: (face) => `Gesetzt aus der ${face}.`,
    },
  },
  fr: {
    contents: 'Table des matières',
    landmarks: 'Repères',
    pages: 'Pages',
    cover: 'Couverture',
    colophon: 'Colophon',
    by: 'par',
    edition: 'Édition',
    publishedBy: 'Publié par',
    identifier: `Identifiant${NBSP}`,
    pagination: `Pagination${NBSP}`,
    changes: 'Modifications de cette édition',
    startOfContent: 'Début du texte',
    quotes: { open: `\u00AB${NNBSP}`, close: `${NNBSP}\u00BB`, openInner: '\u201C', closeInner: '\u201D' },
    print: {
      edition: (edition, date) => `Édition ${edition}, ${date}.`,
      source: (source, date) => `Source${NBSP}: ${source}, publié en ${date}.`,
      firstPublished: (date) => `Première publication${NBSP}: ${date}.`,
      publishedBy: (publisher) => `Publié par ${publisher}.`,
      changes: 'Modifications',
      setIn: (face) => `Composé en ${face}.`,
    },
  },
  es: {
    contents: 'Índice',
    landmarks: 'Puntos de referencia',
    pages: 'Páginas',
    cover: 'Cubierta',
    colophon: 'Colofón',
    by: 'de',
    edition: 'Edición',
    publishedBy: 'Publicado por',
    identifier: 'Identificador',
    pagination: 'Los números de página remiten a',
    changes: 'Cambios en esta edición',
    startOfContent: 'Inicio del texto',
    quotes: { open: '\u00AB', close: '\u00BB', openInner: '\u201C', closeInner: '\u201D' },
    print: {
      edition: (edition, date) => `Edición ${edition}, ${date}.`,
      source: (source, date) => `Fuente: ${source}, publicado en ${date}.`,
      firstPublished: (date) => `Primera edición: ${date}.`,
      publishedBy: (publisher) => `Publicado por ${publisher}.`,
      changes: 'Cambios',
      setIn: (face) => `Compuesto en ${face}.`,
    },
  },
  it: {
    contents: 'Indice',
    landmarks: 'Punti di riferimento',
    pages: 'Pagine',
    cover: 'Copertina',
    colophon: 'Colophon',
    by: 'di',
    edition: 'Edizione',
    publishedBy: 'Pubblicato da',
    identifier: 'Identificativo',
    pagination: 'I numeri di pagina si riferiscono a',
    changes: 'Modifiche in questa edizione',
    startOfContent: 'Inizio del testo',
    quotes: { open: '\u00AB', close: '\u00BB', openInner: '\u201C', closeInner: '\u201D' },
    print: {
      edition: (edition, date) => `Edizione ${edition}, ${date}.`,
      source: (source, date) => `Fonte: ${source}, pubblicato nel ${date}.`,
      firstPublished: (date) => `Prima pubblicazione: ${date}.`,
      publishedBy: (publisher) => `Pubblicato da ${publisher}.`,
      changes: 'Modifiche',
      setIn: (face) => `Composto in ${face}.`,
    },
  },
  nl: {
    contents: 'Inhoud',
    landmarks: 'Oriëntatiepunten',
    pages: "Pagina's",
    cover: 'Omslag',
    colophon: 'Colofon',
    by: 'door',
    edition: 'Editie',
    publishedBy: 'Uitgegeven door',
    identifier: 'Identificatie',
    pagination: 'Paginanummers verwijzen naar',
    changes: 'Wijzigingen in deze editie',
    startOfContent: 'Begin van de tekst',
    quotes: ENGLISH_QUOTES,
    print: {
      edition: (edition, date) => `Editie ${edition}, ${date}.`,
      source: (source, date) => `Bron: ${source}, verschenen ${date}.`,
      firstPublished: (date) => `Eerst verschenen ${date}.`,
      publishedBy: (publisher) => `Uitgegeven door ${publisher}.`,
      changes: 'Wijzigingen',
      setIn: (face) => `Gezet in ${face}.`,
    },
  },
  pt: {
    contents: 'Sumário',
    landmarks: 'Pontos de referência',
    pages: 'Páginas',
    cover: 'Capa',
    colophon: 'Colofão',
    by: 'de',
    edition: 'Edição',
    publishedBy: 'Publicado por',
    identifier: 'Identificador',
    pagination: 'Os números de página referem-se a',
    changes: 'Alterações nesta edição',
    startOfContent: 'Início do texto',
    quotes: ENGLISH_QUOTES,
    print: {
      edition: (edition, date) => `Edição ${edition}, ${date}.`,
      source: (source, date) => `Fonte: ${source}, publicado em ${date}.`,
      firstPublished: (date) => `Primeira publicação: ${date}.`,
      publishedBy: (publisher) => `Publicado por ${publisher}.`,
      changes: 'Alterações',
      setIn: (face) => `Composto em ${face}.`,
    },
  },
};

/** The labels for a BCP 47 language tag, by its language (`de-CH` → German); English for a language without its own. */
export function labelsFor(tag: string): Labels {
  return LANGUAGES[tag.trim().toLowerCase().split('-')[0]!] ?? ENGLISH;
}
