/**
 * An immutable list that shares its prefix. The shifted-run beam extends thousands of states by a
 * character each; copying their character, byte and event arrays at every step made the search
 * quadratic in the run's length and a large share of its time went to garbage collection.
 */
export interface Chain<T> {
  readonly last: T;
  readonly before: Chain<T> | undefined;
  readonly length: number;
}

export function append<T>(chain: Chain<T> | undefined, ...items: T[]): Chain<T> | undefined {
  let c = chain;
  for (const last of items) c = { last, before: c, length: (c?.length ?? 0) + 1 };
  return c;
}

export function chainOf<T>(items: readonly T[]): Chain<T> | undefined {
  return append(undefined, ...items);
}

export function chainLength(chain: Chain<unknown> | undefined): number {
  return chain?.length ?? 0;
}

/** The item `back` places before the last (0: the last), or undefined. */
export function fromEnd<T>(chain: Chain<T> | undefined, back: number): T | undefined {
  let c = chain;
  for (let i = 0; i < back && c; i++) c = c.before;
  return c?.last;
}

export function toArray<T>(chain: Chain<T> | undefined): T[] {
  const out = new Array<T>(chainLength(chain));
  let i = out.length;
  for (let c = chain; c; c = c.before) out[--i] = c.last;
  return out;
}
