import { diffArrays, diffChars } from 'diff';

/** A 1-based line and column, as in mdast positions and diagnostics. */
export interface TextPoint {
  line: number;
  column: number;
}

/**
 * Maps points of one text onto another that differs from it here and there: the markdown a tree
 * was parsed from onto the canonical manuscript written from that tree, which escapes, indents and
 * spaces some things differently. A point in a line both texts share moves to that line; a point
 * in a changed stretch moves by a character diff of the stretch; a point in text the second one
 * dropped goes to where the text was. The line diff runs at the first call, each stretch's
 * character diff when a point first falls in it: a build asks only for its diagnostics' places.
 */
export function pointMapper(from: string, to: string): (point: TextPoint) => TextPoint {
  if (from === to) return (point) => point;
  let lines: LineMap | null = null;
  return (point) => (lines ??= new LineMap(from.split('\n'), to.split('\n'))).map(point);
}

interface Stretch {
  /** First line of the stretch in each text (0-based) and its line counts. */
  from: number;
  fromCount: number;
  to: number;
  toCount: number;
  /** The character diff, once asked for. */
  parts?: { value: string; added: boolean; removed: boolean }[];
}

class LineMap {
  /** For each line of `from`: the line of `to` it is (≥ 0), or −1 − the index of its changed stretch. */
  private readonly target: number[] = [];
  private readonly stretches: Stretch[] = [];

  constructor(
    private readonly fromLines: string[],
    private readonly toLines: string[],
  ) {
    let i = 0;
    let j = 0;
    let open: Stretch | null = null;
    for (const change of diffArrays(fromLines, toLines)) {
      const count = change.value.length;
      if (!change.added && !change.removed) {
        for (let k = 0; k < count; k++) this.target.push(j + k);
        i += count;
        j += count;
        open = null;
        continue;
      }
      if (!open) {
        open = { from: i, fromCount: 0, to: j, toCount: 0 };
        this.stretches.push(open);
      }
      if (change.removed) {
        for (let k = 0; k < count; k++) this.target.push(-1 - (this.stretches.length - 1));
        open.fromCount += count;
        i += count;
      } else {
        open.toCount += count;
        j += count;
      }
    }
  }

  map(point: TextPoint): TextPoint {
    const target = this.target[point.line - 1];
    if (target === undefined) return point;
    if (target >= 0) return { line: target + 1, column: point.column };
    const stretch = this.stretches[-1 - target]!;
    if (stretch.toCount === 0) return { line: Math.min(stretch.to, this.toLines.length - 1) + 1, column: 1 };
    const fromText = this.fromLines.slice(stretch.from, stretch.from + stretch.fromCount).join('\n');
    const toText = this.toLines.slice(stretch.to, stretch.to + stretch.toCount).join('\n');
    stretch.parts ??= diffChars(fromText, toText);
    let offset = point.column - 1;
    for (let k = stretch.from; k < point.line - 1; k++) offset += this.fromLines[k]!.length + 1;
    let fromAt = 0;
    let toAt = 0;
    for (const part of stretch.parts) {
      const length = part.value.length;
      if (part.added) {
        toAt += length;
        continue;
      }
      if (offset < fromAt + length) {
        toAt += part.removed ? 0 : offset - fromAt;
        break;
      }
      fromAt += length;
      if (!part.removed) toAt += length;
    }
    const before = toText.slice(0, Math.min(toAt, toText.length)).split('\n');
    return { line: stretch.to + before.length, column: before[before.length - 1]!.length + 1 };
  }
}
