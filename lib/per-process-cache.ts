/**
 * Promises kept per key for the life of a production server process, for work that changes only with a deploy
 * (compiling a lesson's or a lab README's MDX, ~100 ms). In development every call loads afresh, so edits show.
 * A rejected promise is forgotten, and so is a value `keep` refuses (say, "not found"), so the next call tries again.
 */
export function perProcessCache<T>(keep: (value: T) => boolean = () => true): (key: string, load: () => Promise<T>) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key, load) => {
    if (process.env.NODE_ENV !== 'production') return load();
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
      hit.then(
        (value) => {
          if (!keep(value)) cache.delete(key);
        },
        () => cache.delete(key),
      );
    }
    return hit;
  };
}
