/**
 * The two things the fast shaper needs from a font's OpenType layout tables, read straight from
 * the font file's bytes: GPOS pair kerning, and whether a short run of letters becomes one
 * ligature glyph. fontkit can answer both, but only by decoding whole tables into objects (the
 * mark-positioning lookups included), which cost a build a third of a second and megabytes of heap
 * kept to the end; these readers touch only the bytes they need.
 *
 * Both give fontkit's answers: kerning sums each `kern` lookup's first applicable subtable, as the
 * fontkit-based reader did; the ligature reader follows fontkit's default shaping of a Latin run
 * and answers `undefined` (ask fontkit) whenever a lookup it does not model could touch the run.
 * test/pdf/fonts.test.ts checks both against fontkit's layout for the book's faces.
 */

/** Pair kerning (font units) of glyphs a, b; undefined when no kern lookup covers a. */
export type PairFn = (a: number, b: number) => number | undefined;

/** The tables of an sfnt file by tag: offset and length. */
export function sfntTables(bytes: Uint8Array): Map<string, { offset: number; length: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    tables.set(tag(view, at), { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Number of 16-bit fields of a ValueRecord of format `f`. */
function valueSize(f: number): number {
  let n = 0;
  for (let bit = f & 0xff; bit; bit >>= 1) n += bit & 1;
  return n * 2;
}

/** Byte offset of XAdvance inside a ValueRecord of format `f`, or -1 when it has none. */
function xAdvanceAt(f: number): number {
  return f & 4 ? valueSize(f & 3) : -1;
}

/** Highest glyph a coverage or class table (format 1 or 2) lists. */
function lastGlyph(view: DataView, at: number, classDef: boolean): number {
  const format = view.getUint16(at);
  let last = 0;
  if (format === 1 && classDef) last = view.getUint16(at + 2) + view.getUint16(at + 4) - 1;
  else if (format === 1) for (let i = 0, n = view.getUint16(at + 2); i < n; i++) last = Math.max(last, view.getUint16(at + 4 + i * 2));
  else if (format === 2) for (let i = 0, n = view.getUint16(at + 2); i < n; i++) last = Math.max(last, view.getUint16(at + 4 + i * 6 + 2));
  return Math.min(last, 0xffff);
}

/**
 * Coverage index by glyph (-1: not covered, as is any glyph past the end); later entries win, as
 * in a map filled in order.
 */
function coverageTable(view: DataView, at: number): Int32Array {
  const out = new Int32Array(lastGlyph(view, at, false) + 1).fill(-1);
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) out[view.getUint16(at + 4 + i * 2)] = i;
  } else if (format === 2) {
    for (let i = 0; i < count; i++) {
      const r = at + 4 + i * 6;
      const start = view.getUint16(r);
      const end = view.getUint16(r + 2);
      const first = view.getUint16(r + 4);
      for (let g = start; g <= end; g++) out[g] = first + g - start;
    }
  } else throw new Error(`coverage format ${format}`);
  return out;
}

/** Class by glyph (0 for glyphs the table does not list, as for any glyph past the end). */
function classTable(view: DataView, at: number): Uint16Array {
  const out = new Uint16Array(lastGlyph(view, at, true) + 1);
  const format = view.getUint16(at);
  if (format === 1) {
    const start = view.getUint16(at + 2);
    const count = view.getUint16(at + 4);
    for (let i = 0; i < count && start + i < out.length; i++) out[start + i] = view.getUint16(at + 6 + i * 2);
  } else if (format === 2) {
    const count = view.getUint16(at + 2);
    for (let i = 0; i < count; i++) {
      const r = at + 4 + i * 6;
      const end = view.getUint16(r + 2);
      const cls = view.getUint16(r + 4);
      for (let g = view.getUint16(r); g <= end; g++) out[g] = cls;
    }
  } else throw new Error(`class definition format ${format}`);
  return out;
}

/** One PairPos subtable (format 1 or 2) as a function. */
function pairPos(view: DataView, st: number): PairFn {
  const format = view.getUint16(st);
  const coverage = coverageTable(view, st + view.getUint16(st + 2));
  const f1 = view.getUint16(st + 4);
  const f2 = view.getUint16(st + 6);
  const size1 = valueSize(f1);
  const x1 = xAdvanceAt(f1);
  const x2 = xAdvanceAt(f2);
  const recordSize = size1 + valueSize(f2);
  const value = (record: number): number => (x1 >= 0 ? view.getInt16(record + x1) : 0) + (x2 >= 0 ? view.getInt16(record + size1 + x2) : 0);
  if (format === 1) {
    const sets = view.getUint16(st + 8);
    const built = new Map<number, Map<number, number>>();
    return (a, b) => {
      const i = a < coverage.length ? coverage[a]! : -1;
      if (i < 0) return undefined;
      let m = built.get(i);
      if (!m) {
        m = new Map();
        if (i < sets) {
          const ps = st + view.getUint16(st + 10 + i * 2);
          const count = view.getUint16(ps);
          for (let k = 0; k < count; k++) {
            const r = ps + 2 + k * (2 + recordSize);
            m.set(view.getUint16(r), value(r + 2));
          }
        }
        built.set(i, m);
      }
      return m.get(b);
    };
  }
  if (format !== 2) throw new Error(`PairPos format ${format}`);
  const class1 = classTable(view, st + view.getUint16(st + 8));
  const class2 = classTable(view, st + view.getUint16(st + 10));
  const class1Count = view.getUint16(st + 12);
  const class2Count = view.getUint16(st + 14);
  return (a, b) => {
    if (a >= coverage.length || coverage[a]! < 0) return undefined;
    const k1 = a < class1.length ? class1[a]! : 0;
    const k2 = b < class2.length ? class2[b]! : 0;
    if (k1 >= class1Count || k2 >= class2Count) return 0;
    return value(st + 16 + (k1 * class2Count + k2) * recordSize);
  };
}

/**
 * Pair kerning (font units) from the GPOS `kern` features' lookups, or null if the font has none:
 * per lookup (in index order) the first subtable that covers the first glyph, summed over lookups.
 */
export function gposPairKerning(bytes: Uint8Array, gpos: number): PairFn | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const featureList = gpos + view.getUint16(gpos + 6);
  const lookupList = gpos + view.getUint16(gpos + 8);
  const indexes = new Set<number>();
  for (let i = 0, n = view.getUint16(featureList); i < n; i++) {
    const record = featureList + 2 + i * 6;
    if (tag(view, record) !== 'kern') continue;
    const feature = featureList + view.getUint16(record + 4);
    for (let k = 0, m = view.getUint16(feature + 2); k < m; k++) indexes.add(view.getUint16(feature + 4 + k * 2));
  }
  if (!indexes.size) return null;
  const lookupCount = view.getUint16(lookupList);
  const compiled: PairFn[][] = [];
  for (const index of [...indexes].sort((x, y) => x - y)) {
    if (index >= lookupCount) continue;
    const lookup = lookupList + view.getUint16(lookupList + 2 + index * 2);
    const type = view.getUint16(lookup);
    const fns: PairFn[] = [];
    for (let k = 0, n = view.getUint16(lookup + 4); k < n; k++) {
      const st = lookup + view.getUint16(lookup + 6 + k * 2);
      if (type === 2) fns.push(pairPos(view, st));
      else if (type === 9 && view.getUint16(st + 2) === 2) fns.push(pairPos(view, st + view.getUint32(st + 4)));
    }
    if (fns.length) compiled.push(fns);
  }
  if (!compiled.length) return null;
  return (a, b) => {
    let total = 0;
    for (const fns of compiled) {
      for (const fn of fns) {
        const v = fn(a, b);
        if (v !== undefined) {
          total += v;
          break;
        }
      }
    }
    return total;
  };
}

// ---- ligatures ----

/**
 * fontkit's default (non-complex script) shaping of a left-to-right run: one stage of global
 * features, their lookups applied in index order (its fraction features are local and apply only
 * around a fraction slash, so never to the runs asked about here).
 */
const STAGES = [['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']];
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

/** Lookups (offsets) of the default language of `script` for each stage, in the order fontkit applies them. */
function stagedLookups(view: DataView, table: number, script: string): number[][] | null {
  const scriptList = table + view.getUint16(table + 4);
  const featureList = table + view.getUint16(table + 6);
  const lookupList = table + view.getUint16(table + 8);
  let scriptTable = -1;
  for (const want of [script, ...DEFAULT_SCRIPTS]) {
    for (let i = 0, n = view.getUint16(scriptList); i < n && scriptTable < 0; i++) {
      if (tag(view, scriptList + 2 + i * 6) === want) scriptTable = scriptList + view.getUint16(scriptList + 2 + i * 6 + 4);
    }
    if (scriptTable >= 0) break;
  }
  if (scriptTable < 0) return [];
  const defaultLangSys = view.getUint16(scriptTable);
  if (!defaultLangSys) return [];
  const langSys = scriptTable + defaultLangSys;
  // tag → lookup indexes (a later feature record of the same tag replaces an earlier one, as in fontkit)
  const features = new Map<string, number[]>();
  for (let i = 0, n = view.getUint16(langSys + 4); i < n; i++) {
    const record = featureList + 2 + view.getUint16(langSys + 6 + i * 2) * 6;
    const feature = featureList + view.getUint16(record + 4);
    const indexes: number[] = [];
    for (let k = 0, m = view.getUint16(feature + 2); k < m; k++) indexes.push(view.getUint16(feature + 4 + k * 2));
    features.set(tag(view, record), indexes);
  }
  const lookupCount = view.getUint16(lookupList);
  return STAGES.map((stage) => {
    const indexes = stage.flatMap((t) => features.get(t) ?? []).sort((x, y) => x - y);
    if (indexes.some((i) => i >= lookupCount)) throw new Error('lookup index out of range');
    return indexes.map((i) => lookupList + view.getUint16(lookupList + 2 + i * 2));
  });
}

/** Is glyph `g` in the coverage table at `at`? */
function covers(view: DataView, at: number, g: number): boolean {
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) if (view.getUint16(at + 4 + i * 2) === g) return true;
    return false;
  }
  if (format === 2) {
    for (let i = 0; i < count; i++) {
      const r = at + 4 + i * 6;
      if (g >= view.getUint16(r) && g <= view.getUint16(r + 2)) return true;
    }
    return false;
  }
  throw new Error(`coverage format ${format}`);
}

/** Coverage index of `g` in the coverage table at `at`, or -1 (the first entry that matches). */
function coverageIndex(view: DataView, at: number, g: number): number {
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) if (view.getUint16(at + 4 + i * 2) === g) return i;
    return -1;
  }
  if (format === 2) {
    for (let i = 0; i < count; i++) {
      const r = at + 4 + i * 6;
      if (g >= view.getUint16(r) && g <= view.getUint16(r + 2)) return view.getUint16(r + 4) + g - view.getUint16(r);
    }
    return -1;
  }
  throw new Error(`coverage format ${format}`);
}

/** The coverage table deciding whether a GSUB subtable of `type` applies at a glyph, or -1 if unknown. */
function gsubCoverage(view: DataView, type: number, st: number): number {
  const format = view.getUint16(st);
  if (type >= 1 && type <= 4) return st + view.getUint16(st + 2);
  if (type === 5) return format === 3 ? st + view.getUint16(st + 6) : st + view.getUint16(st + 2);
  if (type === 6) {
    if (format !== 3) return st + view.getUint16(st + 2);
    const backtrack = view.getUint16(st + 2);
    return st + view.getUint16(st + 6 + backtrack * 2);
  }
  if (type === 8) return st + view.getUint16(st + 2);
  return -1;
}

const UNKNOWN = Symbol('unknown');

/**
 * Applies a GSUB lookup to `glyphs` as fontkit would, modelling only ligature substitution: any
 * other subtable that covers a glyph of the run makes the answer unknown.
 */
function applyGsubLookup(view: DataView, lookup: number, glyphs: number[]): typeof UNKNOWN | void {
  const lookupType = view.getUint16(lookup);
  let type = lookupType;
  const flags = view.getUint16(lookup + 2);
  if (flags & 0xff1e) return UNKNOWN; // glyphs skipped by class or mark set: not modelled
  const subtables: number[] = [];
  for (let k = 0, n = view.getUint16(lookup + 4); k < n; k++) {
    let st = lookup + view.getUint16(lookup + 6 + k * 2);
    if (lookupType === 7) {
      // an extension subtable: the real subtable, of the type it names, lies at a 32-bit offset
      const inner = view.getUint16(st + 2);
      st += view.getUint32(st + 4);
      if (k === 0) type = inner;
      else if (inner !== type) return UNKNOWN;
    }
    subtables.push(st);
  }
  for (let i = 0; i < glyphs.length; i++) {
    for (const st of subtables) {
      const coverage = gsubCoverage(view, type, st);
      if (coverage < 0) return UNKNOWN;
      if (type !== 4) {
        if (covers(view, coverage, glyphs[i]!)) return UNKNOWN;
        continue;
      }
      const index = coverageIndex(view, coverage, glyphs[i]!);
      if (index < 0) continue;
      let applied = false;
      if (index < view.getUint16(st + 4)) {
        const set = st + view.getUint16(st + 6 + index * 2);
        for (let l = 0, n = view.getUint16(set); l < n && !applied; l++) {
          const lig = set + view.getUint16(set + 2 + l * 2);
          const components = view.getUint16(lig + 2);
          if (i + components > glyphs.length) continue;
          let match = true;
          for (let c = 1; c < components && match; c++) match = view.getUint16(lig + 4 + (c - 1) * 2) === glyphs[i + c];
          if (!match) continue;
          glyphs.splice(i, components, view.getUint16(lig));
          applied = true;
        }
      }
      if (applied) break;
    }
  }
}

/** GPOS lookup types that can change the advance of a lone glyph: single and contextual adjustment. */
const LONE_GLYPH_GPOS = new Set([1, 7, 8]);

/**
 * The glyph fontkit's default shaping of `glyphs` (a run of a Latin-script string) makes when
 * ligature substitution joins the run into one glyph whose advance GPOS leaves alone: that glyph,
 * null when the run stays several glyphs, undefined when the answer needs more than is modelled.
 */
export function ligatureOf(bytes: Uint8Array, tables: Map<string, { offset: number }>, glyphs: readonly number[]): number | null | undefined {
  if (tables.has('morx')) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const run = [...glyphs];
    const gsub = tables.get('GSUB');
    if (gsub) {
      for (const stage of stagedLookups(view, gsub.offset, 'latn') ?? []) {
        for (const lookup of stage) if (applyGsubLookup(view, lookup, run) === UNKNOWN) return undefined;
      }
    }
    if (run.length !== 1) return null;
    const gpos = tables.get('GPOS');
    if (gpos) {
      for (const stage of stagedLookups(view, gpos.offset, 'latn') ?? []) {
        for (const lookup of stage) {
          const type = view.getUint16(lookup);
          if (LONE_GLYPH_GPOS.has(type)) return undefined;
          if (type === 9) {
            for (let k = 0, n = view.getUint16(lookup + 4); k < n; k++) {
              if (LONE_GLYPH_GPOS.has(view.getUint16(lookup + view.getUint16(lookup + 6 + k * 2) + 2))) return undefined;
            }
          }
        }
      }
    }
    // a glyph GDEF calls a mark has its advance zeroed after GPOS
    const gdef = tables.get('GDEF');
    if (gdef) {
      const classDef = view.getUint16(gdef.offset + 4);
      if (classDef && classTable(view, gdef.offset + classDef)[run[0]!] === 3) return undefined; // (undefined past the end: not a mark)
    }
    return run[0]!;
  } catch {
    return undefined;
  }
}

// ---- glyph subsetting ----

/** fontkit's TrueType subset, as far as the fast glyph adder below touches it. */
export interface TtfSubset {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(gid: number): number;
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * fontkit's TTFSubset._addGlyph (static TrueType fonts) reading the font's bytes directly:
 * fontkit decodes each glyph's whole outline and metrics through its structure decoder only to
 * learn whether the glyph is composite, which was most of the time spent embedding the fonts.
 * Adds the same bytes, offsets and metrics in the same order (components included as fontkit
 * includes them), so the embedded subset is byte for byte the same.
 */
export function fastAddGlyph(bytes: Uint8Array, tables: Map<string, { offset: number }>): (this: TtfSubset, gid: number) => number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = tables.get('head')!.offset;
  const glyf = tables.get('glyf')!.offset;
  const loca = tables.get('loca')!.offset;
  const hhea = tables.get('hhea')!.offset;
  const hmtx = tables.get('hmtx')!.offset;
  const longLoca = view.getInt16(head + 50) !== 0;
  const numberOfMetrics = view.getUint16(hhea + 34);
  const glyphStart = (gid: number): number => (longLoca ? view.getUint32(loca + gid * 4) : view.getUint16(loca + gid * 2) * 2);
  return function addGlyph(this: TtfSubset, gid: number): number {
    const start = glyphStart(gid);
    const end = glyphStart(gid + 1);
    let buffer = bytes.subarray(glyf + start, glyf + end);
    if (end > start && view.getInt16(glyf + start) < 0) {
      // a composite glyph: its components join the subset, renumbered in a copy
      buffer = new Uint8Array(buffer);
      const copy = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      let pos = 10;
      let flags = MORE_COMPONENTS;
      while (flags & MORE_COMPONENTS) {
        flags = copy.getUint16(pos);
        copy.setUint16(pos + 2, this.includeGlyph(copy.getUint16(pos + 2)));
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) pos += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      }
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    let advance: number;
    let bearing: number;
    if (gid < numberOfMetrics) {
      advance = view.getUint16(hmtx + gid * 4);
      bearing = view.getInt16(hmtx + gid * 4 + 2);
    } else {
      advance = numberOfMetrics ? view.getUint16(hmtx + (numberOfMetrics - 1) * 4) : 0;
      bearing = view.getInt16(hmtx + numberOfMetrics * 4 + (gid - numberOfMetrics) * 2) || 0;
    }
    this.hmtx.metrics.push({ advance, bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}
