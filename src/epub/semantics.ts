import type { DivisionKind } from '../model/book.js';

/**
 * `epub:type` (EPUB Structural Semantics) and DPUB-ARIA `role` of a division's `<section>`.
 * A role is given only where DPUB-ARIA defines one that HTML allows on `section`
 * (there is no doc-titlepage, and doc-* roles for reviews or an author note do not exist).
 */
export interface DivisionSemantics {
  epubType?: string;
  role?: string;
}

export const DIVISION_SEMANTICS: Record<DivisionKind, DivisionSemantics> = {
  titlepage: { epubType: 'titlepage' },
  dedication: { epubType: 'dedication', role: 'doc-dedication' },
  epigraph: { epubType: 'epigraph', role: 'doc-epigraph' },
  reviews: {},
  abstract: { epubType: 'abstract', role: 'doc-abstract' },
  preface: { epubType: 'preface', role: 'doc-preface' },
  foreword: { epubType: 'foreword', role: 'doc-foreword' },
  introduction: { epubType: 'introduction', role: 'doc-introduction' },
  part: { epubType: 'part', role: 'doc-part' },
  chapter: { epubType: 'chapter', role: 'doc-chapter' },
  backmatter: {},
  bibliography: { epubType: 'bibliography', role: 'doc-bibliography' },
  afterword: { epubType: 'afterword', role: 'doc-afterword' },
  appendix: { epubType: 'appendix', role: 'doc-appendix' },
  colophon: { epubType: 'colophon', role: 'doc-colophon' },
  'about-the-author': {},
  frontmatter: {},
  bodymatter: {},
};

