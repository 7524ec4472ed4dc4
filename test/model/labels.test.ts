/** The generated pages' words follow the book's language (English where it has none of its own). */
import { describe, expect, it } from 'vitest';
import { colophonSection } from '../../src/epub/colophon.js';
import { labelsFor } from '../../src/model/labels.js';
import { copyrightText } from '../../src/pdf/typeset.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

const built = new Date('2026-01-01T00:00:00Z');

describe('the generated pages in the book\'s language', () => {
  it('reads a tag by its language, and falls back to English', () => {
    expect(labelsFor('fr-CA')).toBe(labelsFor('fr'));
    expect(labelsFor('DE')).toBe(labelsFor('de-AT'));
    expect(labelsFor('sv')).toBe(labelsFor('en'));
    expect(labelsFor('de').contents).toBe('Inhalt');
  });

  it('sets the print copyright page in English as before', () => {
    expect(copyrightText({ ...tinyMetadata, pageSource: undefined }, built).map((line) => line.text)).toEqual([
      tinyMetadata.title + (tinyMetadata.subtitle ? `: ${tinyMetadata.subtitle}` : ''),
      tinyMetadata.author,
      `Edition ${tinyMetadata.edition}, 2026-01-01.`,
      `First published ${tinyMetadata.date}.`,
      `Published by ${tinyMetadata.publisher}.`,
      tinyMetadata.rights,
      ...(tinyMetadata.changes.length ? ['Changes', ...tinyMetadata.changes.map((c) => `${c.date} — ${c.note}`)] : []),
      tinyMetadata.identifier,
      'Set in EB Garamond.',
    ]);
  });

  it('sets them in French and German where the metadata says so', () => {
    const french = copyrightText({ ...tinyMetadata, language: 'fr', pageSource: undefined }, built).map((line) => line.text);
    expect(french).toContain(`Première publication\u00A0: ${tinyMetadata.date}.`);
    expect(french).toContain('Composé en EB Garamond.');
    const colophon = colophonSection({ ...tinyMetadata, language: 'de' }, false);
    expect(colophon).toContain('<h2 id="colophon-title">Impressum</h2>');
    expect(colophon).toContain(`Ausgabe ${tinyMetadata.edition}.`);
  });
});
