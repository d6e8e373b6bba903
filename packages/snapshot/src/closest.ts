/** "Did you mean": the nearest of some names to a mistyped one. */

/** Edit distance (insertions, deletions, substitutions) between two strings. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The candidate a mistyped word most likely meant (at most `max` edits away), or undefined. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (!best || d < best.d) best = { id: candidate, d };
  }
  return best && best.d <= max ? best.id : undefined;
}
