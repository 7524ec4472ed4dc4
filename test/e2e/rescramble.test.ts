import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMetadataYaml } from '../../src/model/metadata.js';
import { EXODUS_META, EXODUS_RAW } from '../helpers/exodus.js';
import { Rescrambler } from '../helpers/rescramble.js';
import type { ScrambleKind } from '../helpers/scramble.js';

/**
 * The real book's recovered order, its printed pages dealt out again (a blank page leaves nothing)
 * and ordered from scratch: how many of its 796 page joins come back. The floors sit a few joins
 * under what each scramble keeps now (README, "How much of the order comes back"), so that a change
 * that loses order on a scramble is seen.
 */
describe('the real book, its printed pages scrambled again', () => {
  let book: Rescrambler;
  beforeAll(() => {
    book = new Rescrambler(readFileSync(EXODUS_RAW, 'utf8'), EXODUS_RAW, parseMetadataYaml(readFileSync(EXODUS_META, 'utf8')).title);
  });

  const floors: Array<[string, ScrambleKind, number, number]> = [
    ['in reading order', 'identity', 7, 790],
    ['as a booklet', 'booklet', 7, 740],
    ['as a duplex scan', 'duplex', 7, 743],
    ['as two ranges interleaved', 'interleave', 7, 737],
    ['as three ranges interleaved', 'interleave', 11, 734],
    ['as four ranges interleaved', 'interleave', 2, 723],
    ['as a stack dropped and picked up again (runs of 8–40 pages)', 'stacks', 7, 730],
    ["as a booklet's sheet sides shuffled", 'sheets', 7, 580],
    ['as a random permutation', 'permutation', 7, 425],
  ];
  it('says of joins another page would carry on as well, where the evidence alone set them, and most of those are wrong', () => {
    // (on a random permutation 62 joins are flagged, 52 of them not the book's)
    const { rivals } = book.again('permutation', 7, { printed: true });
    expect(rivals.flagged).toBeGreaterThan(20);
    expect(rivals.wrong / rivals.flagged).toBeGreaterThan(0.7);
    // A scheme's reading sets its pages on other grounds too: none are flagged.
    expect(book.again('booklet', 7, { printed: true }).rivals.flagged).toBe(0);
  });

  it.each(floors)('comes back %s (%s, seed %i: at least %i of the page joins)', (_, kind, seed, floor) => {
    const again = book.again(kind, seed, { printed: true });
    expect(again.pageJoins).toBe(796);
    expect(again.pagesKept).toBeGreaterThanOrEqual(floor);
  });
});
