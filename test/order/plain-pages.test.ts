import { describe, expect, it } from 'vitest';
import { placeAnchors } from '../../src/order/chains.js';
import type { AnchorAt } from '../../src/order/features.js';
import { seatPlainPages } from '../../src/order/plain-pages.js';
import { pageFeatures } from '../helpers/features.js';

const chapter = (entry: number, page: number): AnchorAt[] => [{ entry, block: 0, restartsNotes: true, page }];

/**
 * Chapter A on pages 1–5 (fragments 0–4: notes 1, 2, none, 3, 4), chapter B on pages 6–7
 * (fragments 5–6: notes 1, 2). Every true join scores 1, but 1 → 2 and 2 → 3 score 5 (a word cut
 * and finished, a sentence carried on), and 1 → 3 breaks a sentence (−4).
 */
function book(): { features: ReturnType<typeof placeAnchors>; local: Float32Array; n: number } {
  const notes: Array<number | null> = [1, 2, null, 3, 4, 1, 2];
  const features = placeAnchors(notes.map((note, id) => pageFeatures(id, { firstNote: note, lastNote: note, anchors: id === 0 ? chapter(0, 1) : id === 5 ? chapter(1, 6) : [] })));
  const n = features.length;
  const local = new Float32Array(n * n);
  for (let i = 0; i + 1 < n; i++) local[i * n + i + 1] = 1;
  local[1 * n + 2] = local[2 * n + 3] = 5;
  local[1 * n + 3] = -4;
  return { features, local, n };
}

describe('seatPlainPages', () => {
  it('sets a page without notes back between the noted pages its joins carry on from and into', () => {
    const { features, local } = book();
    // The note numbers run on from fragment 1 to 3, and the plain page 2 stands in chapter B.
    expect(seatPlainPages([0, 1, 3, 4, 5, 2, 6], features, local, 0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('leaves a plain page where its joins elsewhere gain too little', () => {
    const { features, local, n } = book();
    // (out of chapter B it gains 1 there, 5 → 6; between 1 and 3 another 1: less than a sure join's worth)
    local[1 * n + 2] = local[2 * n + 3] = 0.5;
    local[1 * n + 3] = 0;
    expect(seatPlainPages([0, 1, 3, 4, 5, 2, 6], features, local, 0)).toEqual([0, 1, 3, 4, 5, 2, 6]);
  });

  it('moves no page with notes, and nothing before the title page', () => {
    const { features, local, n } = book();
    // Fragment 6 (notes) would read best before fragment 0: it stays.
    local[6 * n + 0] = 20;
    expect(seatPlainPages([0, 1, 2, 3, 4, 5, 6], features, local, 0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    local[2 * n + 0] = 20;
    expect(seatPlainPages([0, 1, 2, 3, 4, 5, 6], features, local, 0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
