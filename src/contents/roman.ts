const VALUES: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
const STRICT = /^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/** Value of a well-formed roman numeral (either case), or null. */
export function romanToNumber(label: string): number | null {
  const s = label.toLowerCase();
  if (s === '' || !STRICT.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUES[s[i] ?? ''] ?? 0;
    const next = VALUES[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

const NUMERALS: ReadonlyArray<readonly [number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

/** The lower-case roman numeral of a number from 1 to 3999 (`9` → `ix`), as front-matter pages are numbered. */
export function numberToRoman(n: number): string {
  let out = '';
  for (const [value, numeral] of NUMERALS) while (n >= value) [n, out] = [n - value, out + numeral];
  return out;
}
