/** Sequence alignment for position-sensitive lists (interrupt calls, functional-API task calls). */

/** Index pairs `[i, j]` of a longest common subsequence of `a` and `b`, in increasing order. */
export function lcsPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** True when both lists hold the same items with the same multiplicities. */
export function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

/** How one list became the other: positions removed from `a`, inserted into `b`, and the kept pairs. */
export interface Alignment {
  kept: Array<[number, number]>;
  removed: number[];
  added: number[];
}

export function align(a: readonly string[], b: readonly string[]): Alignment {
  const kept = lcsPairs(a, b);
  const keptA = new Set(kept.map(([i]) => i));
  const keptB = new Set(kept.map(([, j]) => j));
  return {
    kept,
    removed: a.map((_, i) => i).filter((i) => !keptA.has(i)),
    added: b.map((_, j) => j).filter((j) => !keptB.has(j)),
  };
}
