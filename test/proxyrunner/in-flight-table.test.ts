import { describe, expect, it } from 'vitest';
import { InFlightTable } from '../../proxyrunner/upstream/in-flight-table.ts';

describe('InFlightTable', () => {
  it('hands out distinct positive ids at or above firstId and finds values by them', () => {
    const t = new InFlightTable<{ n: number }>();
    const ids = [1, 2, 3].map((n) => t.add({ n }));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(InFlightTable.firstId);
    }
    expect(ids.map((id) => t.get(id)?.n)).toEqual([1, 2, 3]);
    expect(t.size).toBe(3);
  });

  it('deletes once, returning the value, and forgets the id', () => {
    const t = new InFlightTable<{ n: number }>();
    const id = t.add({ n: 7 });
    expect(t.delete(id)).toEqual({ n: 7 });
    expect(t.delete(id)).toBeUndefined();
    expect(t.get(id)).toBeUndefined();
    expect(t.has(id)).toBe(false);
    expect(t.size).toBe(0);
  });

  it('never gives a reused slot the id of its previous request, so a late answer finds nothing', () => {
    const t = new InFlightTable<{ n: number }>();
    const first = t.add({ n: 1 });
    t.delete(first); // e.g. cancelled; the server may still answer it
    const second = t.add({ n: 2 });
    expect(second).not.toBe(first);
    expect(t.get(first)).toBeUndefined();
    expect(t.get(second)).toEqual({ n: 2 });
    // Many rounds through one slot stay unique.
    const seen = new Set([first, second]);
    t.delete(second);
    for (let i = 0; i < 1000; i++) {
      const id = t.add({ n: i });
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      t.delete(id);
    }
  });

  it('refuses ids it did not hand out: below firstId, fractional, negative, not a number', () => {
    const t = new InFlightTable<{ n: number }>();
    const id = t.add({ n: 1 });
    for (const bad of [0, 1, id - InFlightTable.firstId, id + 0.5, -id, Number.NaN, 2 ** 60, id + 1]) {
      expect(t.get(bad)).toBeUndefined();
      expect(t.has(bad)).toBe(false);
      expect(t.delete(bad)).toBeUndefined();
    }
    expect(t.size).toBe(1);
  });

  it('walks what is in flight; ids() is a snapshot that survives deletes while walking', () => {
    const t = new InFlightTable<{ n: number }>();
    const ids = [10, 20, 30, 40].map((n) => t.add({ n }));
    t.delete(ids[1]!);
    expect([...t.values()].map((v) => v.n).sort()).toEqual([10, 30, 40]);
    expect(new Map(t).get(ids[2]!)).toEqual({ n: 30 });
    const snapshot = t.ids();
    expect(snapshot.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    for (const id of snapshot) t.delete(id);
    expect(t.size).toBe(0);
    expect([...t.entries()]).toEqual([]);
  });

  it('holds nothing after a delete: the slot no longer references the value', () => {
    const t = new InFlightTable<{ big: number[] }>();
    const id = t.add({ big: [1, 2, 3] });
    t.delete(id);
    // The table's only references are its slots; a freed slot must be empty for the GC.
    const slots = (t as unknown as { slots: unknown[] }).slots;
    expect(slots.every((s) => s === undefined)).toBe(true);
  });
});
