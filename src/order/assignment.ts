/**
 * Minimum-cost perfect assignment (rows → columns) on a dense square cost matrix, by shortest
 * augmenting paths with potentials (the Hungarian method, O(n³) worst case, far less on the
 * sparse-in-effect matrices page joins give).
 */
export function assign(cost: Float64Array, n: number): Int32Array {
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[column] = row (1-based), 0 = free
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  const usedColumns = new Int32Array(n + 1);
  // Start from feasible potentials (each column's cheapest cost, then each row's cheapest reduced
  // cost) and match every row whose cheapest column is still free: those edges are tight, and only
  // the rows left over need an augmenting path. On page joins most rows are settled here.
  v.fill(INF);
  for (let i = 1; i <= n; i++) {
    const rowBase = (i - 1) * n;
    for (let j = 1; j <= n; j++) if (cost[rowBase + j - 1]! < v[j]!) v[j] = cost[rowBase + j - 1]!;
  }
  v[0] = 0;
  const matched = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    const rowBase = (i - 1) * n;
    let best = INF;
    let column = 0;
    for (let j = 1; j <= n; j++) {
      const reduced = cost[rowBase + j - 1]! - v[j]!;
      if (reduced < best || (reduced === best && p[column] !== 0 && p[j] === 0)) {
        best = reduced;
        column = j;
      }
    }
    u[i] = best;
    if (p[column] === 0) {
      p[column] = i;
      matched[i] = 1;
    }
  }
  for (let i = 1; i <= n; i++) {
    if (matched[i]) continue;
    p[0] = i;
    let j0 = 0;
    minv.fill(INF);
    used.fill(0);
    let usedCount = 0;
    // The textbook step ends by lowering every unused column's minv by delta; that is deferred to
    // the next step's scan, which visits those columns anyway (same subtraction, same order, same
    // result), so a step costs one pass over the columns instead of two.
    let pending = 0;
    do {
      used[j0] = 1;
      usedColumns[usedCount++] = j0;
      const i0 = p[j0]!;
      const rowBase = (i0 - 1) * n;
      const ui0 = u[i0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        minv[j]! -= pending;
        const cur = cost[rowBase + j - 1]! - ui0 - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let k = 0; k < usedCount; k++) {
        const j = usedColumns[k]!;
        u[p[j]!]! += delta;
        v[j]! -= delta;
      }
      pending = delta;
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const rowToColumn = new Int32Array(n);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) rowToColumn[p[j]! - 1] = j - 1;
  return rowToColumn;
}
