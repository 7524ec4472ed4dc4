import { describe, expect, it } from 'vitest';
import { fitDuplex, scanReadings } from '../../src/order/scheme.js';
import { duplex, interleave } from '../helpers/scramble.js';

/** Joins that favour each page's true successor: raw index → page index, successor scores 5, others −1. */
function joinsFor(rawPages: readonly number[]): (a: number, b: number) => number {
  return (a, b) => (rawPages[b] === rawPages[a]! + 1 ? 5 : -1);
}

describe('scan schemes', () => {
  it('reads a duplex scan back by zipping the raw file’s start and end', () => {
    const raw = duplex(41);
    const reading = fitDuplex(raw.length, joinsFor(raw));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 41 }, (_, i) => i));
  });

  it('reads a duplex scan back when a blank page shifts the zip', () => {
    // Page 20 was blank and left nothing: the backs no longer pair with the fronts by position.
    const raw = duplex(40).filter((page) => page !== 20);
    const reading = fitDuplex(raw.length, joinsFor(raw.map((p) => (p > 20 ? p - 1 : p))));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((p) => p !== 20));
  });

  it('does not shift the zip twice for joins a little better than the true ones', () => {
    // Reading pages 11 and 12 the wrong way round takes two shifts; its three joins score 7 against
    // the true joins' 5, as page joins often do by chance where every page carries a sentence on.
    const raw = duplex(40);
    const truth = joinsFor(raw);
    const swapped = new Set(['10,12', '12,11', '11,13']);
    const reading = fitDuplex(raw.length, (a, b) => (swapped.has(`${raw[a]},${raw[b]}`) ? 7 : truth(a, b)));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('offers the raw order, its reverse and interleaved ranges as readings', () => {
    const readings = scanReadings(30);
    expect(readings[0]!.order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(readings[1]!.order).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
    const raw = interleave(30, 3);
    const three = readings.find((r) => r.scan.startsWith('3 ranges'))!;
    expect(three.order.map((at) => raw[at])).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
