/**
 * Minimum-cost perfect assignment (rows → columns) on a dense square cost matrix, by shortest
 * augmenting paths with potentials (the Hungarian method, O(n³) worst case, far less on the
 * sparse-in-effect matrices page joins give).
 */
export function assign(cost: Float64Array, n: number): Int32Array {
  return solveAssignment(cost, n).rowToColumn;
}

/** A solved assignment, with the column potentials that prove it optimal (to start a similar problem from). */
export interface Assignment {
  rowToColumn: Int32Array;
  columnPotentials: Float64Array;
}

/**
 * {@link assign}, optionally started from a similar problem's solution: its column potentials (NaN
 * for a column that is new) and its row → column matching (−1 for a row that is new). Any column
 * potentials give feasible row potentials (each row's cheapest reduced cost), and a row keeps its
 * old column where that edge is still among its cheapest; only the other rows need a path.
 */
export function solveAssignment(cost: Float64Array, n: number, start?: { columnPotentials: Float64Array; rowToColumn: Int32Array }): Assignment {
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[column] = row (1-based), 0 = free
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  const usedColumns = new Int32Array(n + 1);
  // Feasible potentials: the given column potentials, or each column's cheapest cost, then each
  // row's cheapest reduced cost. A row is matched on a tight edge where it can be (its old column,
  // else its cheapest one, if free); only the rows left over need an augmenting path.
  v.fill(INF);
  for (let j = 1; j <= n; j++) {
    const given = start?.columnPotentials[j - 1];
    if (given !== undefined && !Number.isNaN(given)) v[j] = given;
  }
  // Columns without a given potential, listed once instead of asked in the n² loop.
  const unknown = new Uint8Array(n + 1);
  for (let j = 1; j <= n; j++) unknown[j] = Number.isNaN(start?.columnPotentials[j - 1] ?? NaN) ? 1 : 0;
  for (let i = 1; i <= n; i++) {
    const rowBase = (i - 1) * n;
    for (let j = 1; j <= n; j++) if (unknown[j] === 1 && cost[rowBase + j - 1]! < v[j]!) v[j] = cost[rowBase + j - 1]!;
  }
  v[0] = 0;
  const matched = new Uint8Array(n + 1);
  const cheapest = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    const rowBase = (i - 1) * n;
    let best = INF;
    for (let j = 1; j <= n; j++) {
      const reduced = cost[rowBase + j - 1]! - v[j]!;
      if (reduced < best) {
        best = reduced;
        cheapest[i] = j;
      }
    }
    u[i] = best;
  }
  // Rows keep their old column first, then take their cheapest where it is free.
  for (let i = 1; i <= n && start; i++) {
    const old = start.rowToColumn[i - 1]! + 1;
    if (old > 0 && p[old] === 0 && cost[(i - 1) * n + old - 1]! - v[old]! === u[i]) {
      p[old] = i;
      matched[i] = 1;
    }
  }
  for (let i = 1; i <= n; i++) {
    if (matched[i]) continue;
    let column = cheapest[i]!;
    if (p[column] !== 0) {
      // The first free column among the row's cheapest, if any.
      const rowBase = (i - 1) * n;
      for (let j = column + 1; j <= n; j++) {
        if (p[j] === 0 && cost[rowBase + j - 1]! - v[j]! === u[i]) {
          column = j;
          break;
        }
      }
    }
    if (p[column] !== 0) continue;
    p[column] = i;
    matched[i] = 1;
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
  return { rowToColumn, columnPotentials: v.slice(1) };
}
