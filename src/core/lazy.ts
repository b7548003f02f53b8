/**
 * A property computed on first read, then kept: for values a build derives for every paper but
 * reads only for the pages it renders again (a rebuild renders few). Enumerable like a plain
 * property, so spreading or hashing the object computes it: code that must not, such as a page's
 * cache key, leaves the key out by name (src/lib/page-keys.ts).
 */
export function withLazy<T extends object, K extends string, V>(target: T, key: K, compute: (target: T) => V): T & { readonly [P in K]: V } {
  return Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute(target);
      Object.defineProperty(target, key, { value, enumerable: true });
      return value;
    },
  }) as T & { readonly [P in K]: V };
}

/** The object's own enumerable entries except `omit`, read without reading those (lazy ones stay unread). */
export function entriesExcept<T extends object>(value: T, omit: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).filter((key) => !omit.includes(key)).map((key) => [key, value[key as keyof T]]));
}
