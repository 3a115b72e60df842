/**
 * Caches a pure string function. Feeds repeat their words and entity references thousands of times, so
 * each distinct input is computed once; past `limit` entries the cache starts over, which bounds memory
 * on hostile input without the bookkeeping of an LRU.
 */
export function memoize<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
