/**
 * The Map the tests hand to the learner's cache through `newMap`: a real Map that counts every
 * operation, iteration steps included, and stops the run once a budget is spent. This is how the
 * constant-time tests measure work without looking at the wall clock.
 */
export class OperationBudget {
  steps = 0;
  /** The part of `steps` spent stepping iterators (keys(), values(), entries(), for...of, forEach). */
  iterationSteps = 0;
  exceeded = false;
  constructor(public limit: number = Infinity) {}

  /** Starts a new measurement with this limit. */
  reset(limit: number): void {
    this.steps = 0;
    this.iterationSteps = 0;
    this.exceeded = false;
    this.limit = limit;
  }

  /** What the spent operations were, for a failure message: only what was observed. */
  describe(): string {
    const keyed = this.steps - this.iterationSteps;
    return `${this.iterationSteps} of them iteration steps over a map (keys(), values(), entries(), for...of, forEach or a spread), ${keyed} get/set/has/delete calls`;
  }

  tick(iteration = false): void {
    this.steps++;
    if (iteration) this.iterationSteps++;
    if (this.steps > this.limit) {
      this.exceeded = true;
      throw new Error(`operation budget exceeded: more than ${this.limit} map operations`);
    }
  }
}

function countedIterator<T>(inner: IterableIterator<T>, budget: OperationBudget): IterableIterator<T> {
  const wrapper = {
    next(): IteratorResult<T> {
      budget.tick(true);
      return inner.next();
    },
    [Symbol.iterator]() {
      return wrapper;
    },
  };
  return wrapper as IterableIterator<T>;
}

export class CountingMap<K, V> extends Map<K, V> {
  constructor(private readonly budget: OperationBudget) {
    super();
  }

  override get(key: K): V | undefined {
    this.budget.tick();
    return super.get(key);
  }

  override set(key: K, value: V): this {
    // Map's constructor does not call set here (no initial entries), so budget is always defined.
    this.budget.tick();
    return super.set(key, value);
  }

  override has(key: K): boolean {
    this.budget.tick();
    return super.has(key);
  }

  override delete(key: K): boolean {
    this.budget.tick();
    return super.delete(key);
  }

  override clear(): void {
    this.budget.tick();
    super.clear();
  }

  override keys(): MapIterator<K> {
    return countedIterator(super.keys(), this.budget) as MapIterator<K>;
  }

  override values(): MapIterator<V> {
    return countedIterator(super.values(), this.budget) as MapIterator<V>;
  }

  override entries(): MapIterator<[K, V]> {
    return countedIterator(super.entries(), this.budget) as MapIterator<[K, V]>;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
