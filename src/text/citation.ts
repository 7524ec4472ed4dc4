/** What an entry of a list of works (a bibliography) looks like, read the same way by ingest and the order. */
import { isProse } from './sentence.js';

/** An entry opens with a name: `Marx, Karl.`, `Michel Bauwens.`, `“Alternative Editorial…`. */
export const ENTRY = /^[*_“"]*\p{Lu}[\p{L}'’-]+[,.]?\s/u;
const YEAR = /\b(1[5-9]|20)\d\d\b/;

/** Characters a bibliography entry rarely reaches without an address; a prose paragraph often does. */
const LONG_ENTRY = 400;

/** A citation opens with a name and cites a year; a paragraph of running prose as long as a long entry is none. */
export function isCitation(text: string): boolean {
  if (!ENTRY.test(text) || !YEAR.test(text)) return false;
  // Addresses are no prose, however many lowercase words they hold.
  const words = text.replace(/<+[^<>\s]+>+|\(?https?:\/\/\S+/g, ' ');
  return words.length < LONG_ENTRY || !isProse(words);
}
