/**
 * Maps used as least-recently-used caches: a Map iterates in insertion order, so moving a hit to
 * the end keeps its oldest entries first, where eviction takes them.
 */

/** The value under `key`, moved to the newest end when present. */
export function getFresh<K, V>(map: Map<K, V>, key: K): V | undefined {
  const hit = map.get(key);
  if (hit !== undefined) {
    map.delete(key);
    map.set(key, hit);
  }
  return hit;
}

/** Deletes a Map's oldest entries (insertion order) down to max. */
export function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  const excess = map.size - max;
  if (excess <= 0) return;
  let i = 0;
  for (const key of map.keys()) {
    if (i++ >= excess) break;
    map.delete(key);
  }
}
