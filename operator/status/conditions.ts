/**
 * metav1.Condition handling with apimachinery's `meta.SetStatusCondition` semantics:
 * `lastTransitionTime` changes only when the status flips, so re-asserting a condition is not a
 * change and writes nothing.
 */
import { rfc3339 } from '../util/micro-time.ts';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface ConditionInput {
  type: string;
  status: ConditionStatus | boolean;
  reason: string;
  message: string;
}

/** A working copy of an object's conditions that reconcilers edit, then write back if changed. */
export class Conditions {
  private readonly list: Condition[];
  private readonly now: number;
  private readonly generation: number | undefined;

  constructor(existing: readonly Condition[] | undefined, now: number, generation: number | undefined) {
    this.list = (existing ?? []).map((c) => ({ ...c }));
    this.now = now;
    this.generation = generation;
  }

  set(input: ConditionInput): void {
    const status: ConditionStatus =
      typeof input.status === 'boolean' ? (input.status ? 'True' : 'False') : input.status;
    const existing = this.list.find((c) => c.type === input.type);
    const next: Condition = {
      type: input.type,
      status,
      reason: input.reason,
      message: input.message,
      lastTransitionTime:
        existing && existing.status === status ? existing.lastTransitionTime : rfc3339(this.now),
      ...(this.generation !== undefined ? { observedGeneration: this.generation } : {}),
    };
    if (existing) this.list[this.list.indexOf(existing)] = next;
    else this.list.push(next);
  }

  remove(type: string): void {
    const i = this.list.findIndex((c) => c.type === type);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Removes every condition whose type starts with `prefix`, except those in `keep`. */
  removeWithPrefix(prefix: string, keep: readonly string[] = []): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const t = this.list[i]!.type;
      if (t.startsWith(prefix) && !keep.includes(t)) this.list.splice(i, 1);
    }
  }

  get(type: string): Condition | undefined {
    return this.list.find((c) => c.type === type);
  }

  /** The generation conditions set now record as `observedGeneration`. */
  get observedGeneration(): number | undefined {
    return this.generation;
  }

  isTrue(type: string): boolean {
    return this.get(type)?.status === 'True';
  }

  toArray(): Condition[] {
    return this.list.map((c) => ({ ...c }));
  }
}

export function findCondition(conditions: unknown, type: string): Condition | undefined {
  if (!Array.isArray(conditions)) return undefined;
  return (conditions as Condition[]).find((c) => c?.type === type);
}
