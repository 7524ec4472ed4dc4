import { describe, expect, it } from 'vitest';
import { placeAnchors } from '../../src/order/chains.js';
import type { AnchorAt, FragmentFeatures } from '../../src/order/features.js';
import { SlotCost, orderCost, reseat } from '../../src/order/reseat.js';
import { pageFeatures } from '../helpers/features.js';

/** Features of a fragment whose notes run from `first` to `last` (null: none), with headings. */
function page(id: number, first: number | null, last = first, anchors: AnchorAt[] = []): FragmentFeatures {
  return pageFeatures(id, { firstNote: first, lastNote: last, anchors });
}

const chapter = (entry: number, page: number): AnchorAt[] => [{ entry, block: 0, restartsNotes: true, page }];

/**
 * Two chapters of five pages: chapter A (fragments 0–4, notes 1–2, 3, 4, 5–6, 7) opens with fragment
 * 0; chapter B (5–9, notes 1, 2–3, 4, 5, 6) with fragment 5. Every true join scores 1, every other 0.
 */
function twoChapters(): { features: ReturnType<typeof placeAnchors>; local: Float32Array } {
  const notes: Array<[number | null, number | null]> = [[1, 2], [3, 3], [4, 4], [5, 6], [7, 7], [1, 1], [2, 3], [4, 4], [5, 5], [6, 6]];
  const features = placeAnchors(notes.map(([a, b], id) => page(id, a, b, id === 0 ? chapter(0, 1) : id === 5 ? chapter(1, 6) : [])));
  const n = features.length;
  const local = new Float32Array(n * n);
  for (let i = 0; i + 1 < n; i++) if (i !== 4) local[i * n + i + 1] = 1;
  return { features, local };
}

/**
 * 40 random pages, seeded: notes from a few chapters' numberings (some with no last note), and with
 * chance `headings` a chapter opening or section heading with a printed page; and the generator.
 */
function randomPages(seed: number, headings: number) {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (k: number): number => Math.floor(random() * k);
  const pages = Array.from({ length: 40 }, (_, id) => {
    const first = random() < 0.4 ? null : 1 + pick(12);
    const last = first === null ? null : random() < 0.1 ? null : first + pick(3);
    const anchors: AnchorAt[] = random() < headings ? [{ entry: id, block: 0, restartsNotes: random() < 0.6, page: 1 + pick(60) }] : [];
    return page(id, first, last, anchors);
  });
  return { random, pick, features: placeAnchors(pages) };
}

describe('reseat', () => {
  it('costs nothing for the true order', () => {
    const { features } = twoChapters();
    expect(orderCost([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], features)).toEqual({ repeated: 0, jumps: 0, wrongEnds: 0, overfull: 0, underfull: 0 });
  });

  it('sends a run back to the chapter whose numbering it completes', () => {
    const { features, local } = twoChapters();
    // Chapter B's notes 4–5 (fragments 7, 8) sit in chapter A after its note 3.
    const scrambled = [0, 1, 7, 8, 2, 3, 4, 5, 6, 9];
    expect(orderCost(scrambled, features).repeated + orderCost(scrambled, features).jumps).toBeGreaterThan(0);
    expect(reseat(scrambled, features, local, 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets two runs with the same note numbers trade chapters', () => {
    const { features, local } = twoChapters();
    // Notes 4 of both chapters (fragments 2 and 7) each landed in the other chapter: neither
    // chapter's numbering is broken, only the joins say so.
    const crossed = [0, 1, 7, 3, 4, 5, 6, 2, 8, 9];
    expect(orderCost(crossed, features).repeated + orderCost(crossed, features).jumps).toBe(0);
    expect(reseat(crossed, features, local, 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets the runs on the two sides of a heading trade places when the Contents page counts say so', () => {
    // A chapter opening (page 1), a page, a section heading (page 3), two pages, the next chapter
    // (page 6). The scramble set the section's two pages before its heading and the chapter's page
    // after it: every join of either order scores 1, and each single move breaks two joins.
    const section: AnchorAt[] = [{ entry: 1, block: 0, restartsNotes: false, page: 3 }];
    const features = placeAnchors([chapter(0, 1), [], section, [], [], chapter(2, 6)].map((anchors, id) => page(id, null, null, anchors)));
    const n = features.length;
    const local = new Float32Array(n * n).fill(-2);
    const scrambled = [0, 3, 4, 2, 1, 5];
    for (const order of [[0, 1, 2, 3, 4, 5], scrambled]) for (let k = 1; k < n; k++) local[order[k - 1]! * n + order[k]!] = 1;
    expect(orderCost(scrambled, features).overfull).toBe(1);
    expect(reseat(scrambled, features, local, 0)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('costs headings out of the Contents order as the pages they overrun', () => {
    // Chapter openings on pages 1 and 6 and a section heading on page 3. Set after the heading of
    // page 6 with one page between, the heading of page 3 falls 3 + 1 pages beyond where the Contents puts it.
    const section: AnchorAt[] = [{ entry: 1, block: 0, restartsNotes: false, page: 3 }];
    const features = placeAnchors([chapter(0, 1), [], section, [], [], chapter(2, 6)].map((anchors, id) => page(id, null, null, anchors)));
    const inOrder = orderCost([0, 1, 2, 3, 4, 5], features);
    const swapped = orderCost([0, 1, 5, 3, 2, 4], features);
    expect(inOrder.overfull + inOrder.underfull).toBe(0);
    // page 1 → page 6: 2 fragments for 5 pages (3 unfilled); page 6 → page 3: 2 fragments, 3 pages back (5 over)
    expect(swapped).toMatchObject({ underfull: 3, overfull: 5 });
  });

  it('costs the pages after the last heading beyond the few a book ends with as overrunning', () => {
    // A chapter opening (page 1), seven pages, the last heading (page 9), one page: the Contents gives
    // the end no page, and a book ends a few pages after its last heading (four here, at the least).
    const features = placeAnchors(Array.from({ length: 10 }, (_, id) => page(id, null, null, id === 0 ? chapter(0, 1) : id === 8 ? [{ entry: 1, block: 0, restartsNotes: false, page: 9 }] : [])));
    expect(orderCost([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], features)).toMatchObject({ overfull: 0, underfull: 0 });
    // Six of the chapter's pages set after the last heading: 7 after it, 3 more than may be; 6 unfilled before it.
    expect(orderCost([0, 1, 8, 2, 3, 4, 5, 6, 7, 9], features)).toMatchObject({ overfull: 3, underfull: 6 });
  });

  it('costs the fragments before the first heading beyond the pages the Contents leaves before it, less its own', () => {
    // A title page, then the first heading on page 4: pages 2 and 3 hold the Contents (one page at
    // least, which leaves no fragment) and one more page, at most.
    const first: AnchorAt[] = [{ entry: 0, block: 0, restartsNotes: true, page: 4 }];
    const next = chapter(1, 8);
    const features = placeAnchors(Array.from({ length: 8 }, (_, id) => page(id, null, null, id === 2 ? first : id === 6 ? next : [])));
    expect(orderCost([0, 1, 2, 3, 4, 5, 6, 7], features)).toMatchObject({ overfull: 0 });
    // Two pages of the chapter set before its heading: four fragments where two may be, each
    // counted as three pages overrun (and two pages left unfilled in the chapter).
    expect(orderCost([0, 1, 3, 4, 2, 5, 6, 7], features)).toMatchObject({ overfull: 6, underfull: 2 });
    // Counted in roman, or from 1 again after front matter, the Contents says nothing of them.
    const apart = placeAnchors(Array.from({ length: 8 }, (_, id) => page(id, null, null, id === 2 ? [{ ...first[0]!, numbering: 1 }] : id === 6 ? [{ ...next[0]!, numbering: 1 }] : [])));
    expect(orderCost([0, 1, 3, 4, 2, 5, 6, 7], apart)).toMatchObject({ overfull: 0 });
  });

  it('keeps the title page first and loses no fragment', () => {
    const { features, local } = twoChapters();
    const scrambled = [0, 8, 1, 9, 2, 7, 3, 5, 4, 6];
    const result = reseat(scrambled, features, local, 0);
    expect([...result].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result[0]).toBe(0);
  });

  it('costs an order over slots as orderCost costs the slots kept, with their features', () => {
    // random slots, orders and slots left out
    const { random, pick, features } = randomPages(7, 0.15);
    const slotCost = new SlotCost(features);
    for (let trial = 0; trial < 200; trial++) {
      const slots = Array.from({ length: 10 + pick(25) }, () => pick(features.length));
      const order = slots.map((_, slot) => slot).sort(() => random() - 0.5);
      const leftOut = new Set(slots.map((_, slot) => slot).filter(() => random() < 0.1));
      const kept = order.filter((slot) => !leftOut.has(slot));
      const expected = orderCost(kept, slots.map((index) => features[index]!));
      expect(slotCost.cost(order, slots, (slot) => leftOut.has(slot))).toEqual(expected);
    }
  });

  it('counts the cost of an order with a page replaced and one set in from the order\'s layout, as in full', () => {
    const { random, pick, features } = randomPages(11, 0.2);
    const slotCost = new SlotCost(features);
    let counted = 0;
    for (let trial = 0; trial < 400; trial++) {
      const slots = Array.from({ length: 10 + pick(25) }, () => pick(features.length));
      const order = slots.map((_, slot) => slot).sort(() => random() - 0.5);
      const leftOut = new Set(slots.map((_, slot) => slot).filter(() => random() < 0.1));
      const skip = (slot: number): boolean => leftOut.has(slot);
      const layout = slotCost.layout(order, slots, skip);
      expect(layout.cost).toEqual(slotCost.cost(order, slots, skip));
      const kept = order.filter((slot) => !leftOut.has(slot));
      const replacedSlot = kept[pick(kept.length)]!;
      const place = pick(order.length + 1);
      const inserting = random() < 0.8;
      const after = [...slots, ...(inserting ? [pick(features.length)] : [])];
      after[replacedSlot] = pick(features.length);
      const orderAfter = inserting ? [...order.slice(0, place), slots.length, ...order.slice(place)] : order;
      const cost = slotCost.costAfter(layout, after, replacedSlot, inserting ? layout.countedBefore[place]! : null, after[slots.length] ?? -1);
      if (cost === null) continue;
      counted++;
      expect(cost).toEqual(slotCost.cost(orderAfter, after, skip));
    }
    expect(counted).toBeGreaterThan(100);
  });
});

