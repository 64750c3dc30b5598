/**
 * Field ownership for the in-memory cluster's server-side apply. A field set is the set of leaf
 * paths an applied configuration names. Maps are walked into; lists, scalars and empty maps
 * are leaves (lists are treated as atomic — a simplification of structured-merge-diff, where
 * some lists merge by key — which is enough because one manager owns each list we write).
 */
import { clone, deepEqual, isPlainObject, type JsonObject } from '../../util/json.ts';

const SEP = '\u001f';

/** Paths the API server owns or that identify the object; never part of a field set. */
const IDENTITY = new Set([
  'apiVersion',
  'kind',
  `metadata${SEP}name`,
  `metadata${SEP}namespace`,
  `metadata${SEP}uid`,
  `metadata${SEP}resourceVersion`,
  `metadata${SEP}generation`,
  `metadata${SEP}creationTimestamp`,
  `metadata${SEP}deletionTimestamp`,
  `metadata${SEP}deletionGracePeriodSeconds`,
  `metadata${SEP}managedFields`,
]);

export type FieldSet = Set<string>;

export function fieldSet(obj: JsonObject, opts: { skipStatus: boolean }): FieldSet {
  const out: FieldSet = new Set();
  const walk = (v: unknown, path: string) => {
    if (IDENTITY.has(path)) return;
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        walk(x, path === '' ? k : `${path}${SEP}${k}`);
      }
      return;
    }
    if (path !== '') out.add(path);
  };
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || (opts.skipStatus && k === 'status')) continue;
    walk(v, k);
  }
  return out;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split(SEP)) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Removes the leaf at `path`, then any map left empty on the way up. */
export function deletePath(obj: JsonObject, path: string): void {
  const segs = path.split(SEP);
  const parents: JsonObject[] = [];
  let cur: unknown = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    if (!isPlainObject(cur)) return;
    parents.push(cur);
    cur = cur[segs[i]!];
  }
  if (!isPlainObject(cur)) return;
  delete cur[segs[segs.length - 1]!];
  // Walk back up, dropping maps that became empty (the field they held is gone).
  let child: JsonObject = cur;
  for (let i = segs.length - 2; i >= 0; i--) {
    if (Object.keys(child).length > 0) break;
    const parent = parents[i]!;
    delete parent[segs[i]!];
    child = parent;
  }
}

/** Merges `patch` into `target`: maps recursively, everything else replaced. */
export function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const cur = target[k];
    if (isPlainObject(v) && isPlainObject(cur) && Object.keys(v).length > 0) mergeInto(cur, v);
    else target[k] = clone(v);
  }
}

export function displayPath(path: string): string {
  return `.${path.split(SEP).join('.')}`;
}

/** Field managers of one object: manager name → the paths it owns. */
export type Managers = Map<string, FieldSet>;

export class ApplyConflictError extends Error {
  readonly conflicts: { manager: string; path: string }[];
  constructor(conflicts: { manager: string; path: string }[]) {
    super(
      `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${conflicts
        .map((c) => `conflict with "${c.manager}": ${displayPath(c.path)}`)
        .join(', ')}`,
    );
    this.conflicts = conflicts;
  }
}

function ownedByOthers(managers: Managers, self: string, path: string): boolean {
  for (const [m, set] of managers) {
    if (m === self) continue;
    if (set.has(path)) return true;
    for (const p of set) if (p.startsWith(`${path}${SEP}`) || path.startsWith(`${p}${SEP}`)) return true;
  }
  return false;
}

/**
 * Server-side apply of `applied` by `manager` onto `live`: returns the merged object and the new
 * managers. Fields the manager applied before and omits now are removed unless someone else
 * owns them; a field another manager owns with a different value is a conflict unless `force`.
 */
export function applyFields(
  live: JsonObject,
  managers: Managers,
  applied: JsonObject,
  manager: string,
  opts: { force: boolean; skipStatus: boolean },
): { result: JsonObject; managers: Managers } {
  const next = fieldSet(applied, opts);
  const out: Managers = new Map([...managers].map(([m, s]) => [m, new Set(s)]));
  const conflicts: { manager: string; path: string }[] = [];
  for (const p of next) {
    for (const [m, set] of out) {
      if (m === manager || !set.has(p)) continue;
      if (!deepEqual(getPath(live, p), getPath(applied, p))) conflicts.push({ manager: m, path: p });
    }
  }
  if (conflicts.length > 0 && !opts.force) throw new ApplyConflictError(conflicts);
  for (const c of conflicts) out.get(c.manager)?.delete(c.path);

  const result = clone(live);
  for (const p of out.get(manager) ?? []) {
    if (!next.has(p) && !ownedByOthers(out, manager, p)) deletePath(result, p);
  }
  const body: JsonObject = { ...applied };
  if (opts.skipStatus) delete body.status;
  mergeInto(result, body);
  out.set(manager, next);
  for (const [m, s] of out) if (s.size === 0) out.delete(m);
  return { result, managers: out };
}

/**
 * Ownership after a non-apply write (create, update, merge patch): the writer takes every field
 * it changed or added; removed fields leave every set.
 */
export function updateFields(
  before: JsonObject | undefined,
  after: JsonObject,
  managers: Managers,
  manager: string,
  opts: { skipStatus: boolean },
): Managers {
  const old = before ? fieldSet(before, opts) : new Set<string>();
  const now = fieldSet(after, opts);
  const out: Managers = new Map([...managers].map(([m, s]) => [m, new Set(s)]));
  const changed: string[] = [];
  for (const p of now) {
    if (!old.has(p) || !deepEqual(getPath(before, p), getPath(after, p))) changed.push(p);
  }
  for (const set of out.values()) {
    for (const p of set) if (!now.has(p)) set.delete(p);
  }
  if (changed.length > 0) {
    for (const [m, set] of out) if (m !== manager) for (const p of changed) set.delete(p);
    const mine = out.get(manager) ?? new Set<string>();
    for (const p of changed) mine.add(p);
    out.set(manager, mine);
  }
  for (const [m, s] of out) if (s.size === 0) out.delete(m);
  return out;
}
