import type { FragmentFeatures } from '../../src/order/features.js';

/**
 * Features of a page of prose with no sentence open at either edge, no notes, no heading and no
 * list entries, but for what `extra` gives it: what the order's unit tests build their pages from.
 */
export function pageFeatures(id: number, extra: Partial<FragmentFeatures> = {}): FragmentFeatures {
  return {
    id, startsOpen: false, startsWithName: false, startsCapital: false, startsAlwaysCapital: false, endsInName: false, endsOnColon: false, openingKey: null, echoes: null, endsOpen: false, endsOnComma: false, endsMidPhrase: false, endCut: null, opening: '', lastWord: null, firstWord: null,
    hasTail: false, lastNoteOpen: false, firstNote: null, lastNote: null, anchors: [], firstKey: null, lastKey: null, listKey: null, entryKey: null, entriesBefore: null, entriesThrough: null, addressWords: null, closingWords: null, size: 1600,
    terms: new Float64Array(), termIds: new Uint32Array(), ...extra,
  };
}
