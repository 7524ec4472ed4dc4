import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';

/**
 * A faster `EditMap.prototype.consume` for micromark, giving the same events.
 *
 * micromark's document tokenizer closes every container (block quote, footnote definition) that a
 * following line does not continue by moving a few exit events, near the end of the document's
 * event list, with an `EditMap`. The library's `consume` rebuilds the *whole* list for that: it
 * copies every event so far and pushes each back, so a manuscript with a thousand footnotes and
 * two hundred block quotes is parsed in quadratic time (about half of the manuscript stage on the
 * 800-page book). Applying the same edits in place, last first, moves only the events after the
 * first edit, and the list comes out the same. Edits that overlap, or that reach past the end of the
 * list, are left to the library's own code, whose result there is not a plain splice.
 */
type Change = [number, number, Event[]];

const originalConsume: (this: EditMap, events: Event[]) => undefined = EditMap.prototype.consume;

/** `list.splice(start, remove, ...items)` without passing more arguments than the engine allows. */
function spliceIn(list: Event[], start: number, remove: number, items: Event[]): void {
  const CHUNK = 10_000;
  if (items.length < CHUNK) {
    list.splice(start, remove, ...items);
    return;
  }
  if (remove) list.splice(start, remove);
  for (let from = 0; from < items.length; from += CHUNK) list.splice(start + from, 0, ...items.slice(from, from + CHUNK));
}

export function fastConsume(this: EditMap, events: Event[]): undefined {
  const map = this.map as Change[];
  map.sort((a, b) => a[0] - b[0]);
  if (map.length === 0) return undefined;
  for (let i = 1; i < map.length; i++) {
    if (map[i - 1]![0] + map[i - 1]![1] > map[i]![0]) return originalConsume.call(this, events);
  }
  const last = map[map.length - 1]!;
  if (last[0] + last[1] > events.length) return originalConsume.call(this, events);
  for (let i = map.length - 1; i >= 0; i--) {
    const [at, remove, add] = map[i]!;
    spliceIn(events, at, remove, add);
  }
  map.length = 0;
  this.index.clear();
  return undefined;
}

/** The library's own `consume`, for tests that compare the two. */
export { originalConsume };

EditMap.prototype.consume = fastConsume;
