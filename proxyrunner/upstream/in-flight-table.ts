/**
 * Requests in flight, keyed by numeric ids the table hands out itself.
 *
 * Why not a `Map<number, V>` keyed by a counter: a JS Map that keeps receiving new keys while old
 * ones are deleted rehashes into a fresh backing table every few dozen requests, and V8 leaves the
 * old (obsolete) table pointing at its successor so that live iterators can follow it. Those
 * obsolete tables chain each request's objects to the next ones. As soon as one table reaches
 * the old generation (a full GC promotes whatever is young at that moment), every table after it
 * is held by the one before, so young collections can no longer free anything a request touched
 * while it was in the table: request, response, parsed messages, strings. Everything a request
 * allocates is promoted, the old generation fills at tens of MiB per second, and major GCs run
 * back to back. Measured on the proxy runner (`npm run bench gc`): after the first full GC the
 * bare proxy's requests left ~5 KB each to the old generation instead of ~60 bytes, its CPU per
 * request rose by a fifth to a half (much of it on GC threads), and it never recovered.
 *
 * Here a request occupies a slot of a plain array that is reused, and its id carries the slot
 * and the slot's generation: `id = generation * SLOTS + slot`. Deleting clears the slot, so
 * nothing finished stays reachable, and bumping the generation means a late answer to a
 * cancelled request can never be taken for the answer to the slot's next request.
 */

/** Slots per table (2^21, about two million requests in flight), and so the id stride. */
const SLOTS = 2 ** 21;
/** Generations wrap here so every id stays a safe integer (2^21 * 2^31 < 2^53). */
const GENERATIONS = 2 ** 31;

/** Values are objects (never `undefined`, which marks a free slot). */
export class InFlightTable<V extends object> {
  /** Every id the table hands out is at least this; smaller ids are free for other uses. */
  static readonly firstId = SLOTS;

  private readonly slots: Array<V | undefined> = [];
  private readonly generations: number[] = [];
  private readonly free: number[] = [];
  private count = 0;

  /** Stores `value` and returns its id: a positive safe integer, never below `SLOTS`. */
  add(value: V): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.slots.length;
      if (slot >= SLOTS) throw new Error(`more than ${SLOTS} requests in flight`);
      this.slots.push(undefined);
      // Generation 0 is never handed out, so ids start at SLOTS and are never 0 (some servers
      // treat a falsy id as a notification).
      this.generations.push(1);
    }
    this.slots[slot] = value;
    this.count++;
    return this.generations[slot]! * SLOTS + slot;
  }

  get(id: number): V | undefined {
    const slot = this.slotOf(id);
    return slot === -1 ? undefined : this.slots[slot];
  }

  has(id: number): boolean {
    return this.slotOf(id) !== -1;
  }

  /** Removes the request; returns what was stored, or undefined if the id is not in flight. */
  delete(id: number): V | undefined {
    const slot = this.slotOf(id);
    if (slot === -1) return undefined;
    const value = this.slots[slot];
    this.slots[slot] = undefined;
    const next = this.generations[slot]! + 1;
    this.generations[slot] = next >= GENERATIONS ? 1 : next;
    this.free.push(slot);
    this.count--;
    return value;
  }

  get size(): number {
    return this.count;
  }

  /** The ids in flight now (a copy: the caller may delete while walking it). */
  ids(): number[] {
    return Array.from(this.entries(), ([id]) => id);
  }

  *values(): IterableIterator<V> {
    for (const v of this.slots) if (v !== undefined) yield v;
  }

  /** `[id, value]` pairs, in slot order (not the order they were added). */
  *entries(): IterableIterator<[number, V]> {
    for (let slot = 0; slot < this.slots.length; slot++) {
      const v = this.slots[slot];
      if (v !== undefined) yield [this.generations[slot]! * SLOTS + slot, v];
    }
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }

  /** The slot `id` names if it is in flight under that generation, else -1. */
  private slotOf(id: number): number {
    if (!Number.isSafeInteger(id) || id < SLOTS) return -1;
    const slot = id % SLOTS;
    if (slot >= this.slots.length || this.slots[slot] === undefined) return -1;
    return this.generations[slot] === (id - slot) / SLOTS ? slot : -1;
  }
}
