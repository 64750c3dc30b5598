/**
 * Where resolution finds referenced objects: the operator hands in its informer cache, `render`
 * and the charts hand in the objects given to them. Lookups are by kind, namespace and name;
 * every ToolHive reference is same-namespace.
 */
import type { KubeObject } from '../api/meta.ts';

export interface ObjectSource {
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  list(kind: string, namespace: string): KubeObject[];
}

const key = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

/** An `ObjectSource` over a fixed list of objects (later duplicates replace earlier ones). */
export class ObjectIndex implements ObjectSource {
  readonly #byKey = new Map<string, KubeObject>();
  readonly #byKind = new Map<string, KubeObject[]>();

  constructor(objects: Iterable<KubeObject> = [], defaultNamespace = 'default') {
    for (const o of objects) this.add(o, defaultNamespace);
  }

  add(obj: KubeObject, defaultNamespace = 'default'): void {
    const ns = obj.metadata.namespace ?? defaultNamespace;
    const name = obj.metadata.name ?? '';
    const k = key(obj.kind, ns, name);
    const listKey = `${obj.kind}\u0000${ns}`;
    const list = this.#byKind.get(listKey) ?? [];
    const existing = this.#byKey.get(k);
    if (existing) list.splice(list.indexOf(existing), 1);
    list.push(obj);
    this.#byKind.set(listKey, list);
    this.#byKey.set(k, obj);
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.#byKey.get(key(kind, namespace, name));
  }

  /** Objects of `kind` in `namespace`, sorted by name so callers see a stable order. */
  list(kind: string, namespace: string): KubeObject[] {
    const list = this.#byKind.get(`${kind}\u0000${namespace}`) ?? [];
    return [...list].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  }
}
