/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over plain JSON values. */

export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

const VALID_OPS = new Set(['add', 'remove', 'replace', 'copy', 'move', 'test']);

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function parentOf(
  doc: unknown,
  tokens: string[],
): { parent: Record<string, unknown> | unknown[]; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (!isContainer(cur)) throw new Error('path does not exist');
    cur = Array.isArray(cur) ? cur[Number(t)] : (cur as Record<string, unknown>)[t];
  }
  if (!isContainer(cur)) throw new Error('path does not exist');
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function arrayIndex(arr: unknown[], key: string, forInsert: boolean): number {
  if (forInsert && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new Error(`invalid array index "${key}"`);
  const i = Number(key);
  if (i > arr.length || (!forInsert && i === arr.length)) throw new Error(`array index ${i} out of range`);
  return i;
}

function get(doc: unknown, tokens: string[]): unknown {
  let cur: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false)];
    else if (isContainer(cur) && Object.hasOwn(cur, t)) cur = (cur as Record<string, unknown>)[t];
    else throw new Error('path does not exist');
  }
  return cur;
}

function add(doc: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, tokens: string[]): unknown {
  if (tokens.length === 0) throw new Error('cannot remove the document root');
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else {
    if (!Object.hasOwn(parent, key)) throw new Error('path does not exist');
    delete parent[key];
  }
  return doc;
}

export function validatePatch(ops: unknown): PatchOp[] {
  if (!Array.isArray(ops)) throw new Error('patch must be an array');
  return ops.map((o, i) => {
    const op = o as PatchOp;
    if (typeof op !== 'object' || op === null || !VALID_OPS.has(op.op))
      throw new Error(`patch[${i}]: unsupported operation`);
    if (typeof op.path !== 'string' || op.path === '') throw new Error(`patch[${i}]: path is required`);
    if ((op.op === 'copy' || op.op === 'move') && typeof op.from !== 'string')
      throw new Error(`patch[${i}]: "${op.op}" requires "from"`);
    return op;
  });
}

export function applyPatch(document: unknown, ops: readonly PatchOp[]): unknown {
  let doc = clone(document);
  for (const op of ops) {
    const path = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = add(doc, path, clone(op.value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        get(doc, path);
        doc = add(remove(doc, path), path, clone(op.value));
        break;
      case 'move': {
        const from = parsePointer(op.from!);
        const v = get(doc, from);
        doc = add(remove(doc, from), path, v);
        break;
      }
      case 'copy':
        doc = add(doc, path, clone(get(doc, parsePointer(op.from!))));
        break;
      case 'test':
        if (JSON.stringify(get(doc, path)) !== JSON.stringify(op.value))
          throw new Error(`test failed at ${op.path}`);
        break;
    }
  }
  return doc;
}
