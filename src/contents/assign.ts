/**
 * Maximum-weight assignment of rows to columns (Hungarian algorithm, O(n²m)).
 * `weight[r][c]` is the gain of pairing row r with column c, or null when they may not pair.
 * Returns for each row its column, or null; every column is used at most once.
 */
export function assign(weight: readonly (readonly (number | null)[])[], columns: number): (number | null)[] {
  const n = weight.length;
  const m = columns + n; // one private "unmatched" column per row
  const INF = Number.POSITIVE_INFINITY;
  const FORBIDDEN = 1e9;
  const cost = (r: number, c: number): number => {
    if (c >= columns) return c - columns === r ? 0 : FORBIDDEN;
    const w = weight[r]?.[c];
    return w === null || w === undefined ? FORBIDDEN : -w;
  };
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const p = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(INF);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0] ?? 0;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - (u[i0] ?? 0) - (v[j] ?? 0);
        if (cur < (minv[j] ?? INF)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] ?? INF) < delta) {
          delta = minv[j] ?? INF;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const pj = p[j] ?? 0;
          u[pj] = (u[pj] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else {
          minv[j] = (minv[j] ?? INF) - delta;
        }
      }
      j0 = j1;
    } while ((p[j0] ?? 0) !== 0);
    do {
      const j1 = way[j0] ?? 0;
      p[j0] = p[j1] ?? 0;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number | null>(n).fill(null);
  for (let j = 1; j <= columns; j++) {
    const r = p[j] ?? 0;
    if (r > 0 && cost(r - 1, j - 1) < FORBIDDEN) result[r - 1] = j - 1;
  }
  return result;
}
