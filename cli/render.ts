/**
 * `toolhive-ts render -f <files or dirs>… [-o dir] [-n namespace]`: renders plain custom-resource
 * YAML into exactly the manifests the operator would apply, a `helm template` for people who
 * keep CRs in Git. Every workload in the input is rendered; the config resources, Secrets and
 * ConfigMaps in the same input are what its references resolve against. Missing references are
 * reported with their field path and make the command exit 1.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { renderAll } from '../constructs/render.ts';
import type { KubeObject } from '../lib/api/meta.ts';
import { ObjectIndex } from '../lib/resolve/source.ts';
import { parseDocuments } from '../lib/validate/index.ts';
import { stringifyManifests } from '../lib/yaml/stringify.ts';

const USAGE = `Usage: toolhive-ts render -f <file or dir> [-f …] [-o <dir>] [-n <namespace>]

Renders the workloads (MCPServer, MCPRemoteProxy, VirtualMCPServer, MCPRegistry, EmbeddingServer)
in the given YAML into the Kubernetes objects the operator would apply.

  -f, --filename   a YAML or JSON file, or a directory read recursively (repeatable)
  -o, --output     write one file per workload into this directory instead of stdout
  -n, --namespace  namespace for objects that name none (default: default)`;

interface Args {
  files: string[];
  output?: string;
  namespace: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], namespace: 'default' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-h' || flag === '--help') return USAGE;
    if (flag === '-f' || flag === '--filename') {
      const v = value();
      if (!v) return `${flag} needs a value`;
      args.files.push(v);
    } else if (flag === '-o' || flag === '--output') {
      const v = value();
      if (!v) return `${flag} needs a value`;
      args.output = v;
    } else if (flag === '-n' || flag === '--namespace') {
      const v = value();
      if (!v) return `${flag} needs a value`;
      args.namespace = v;
    } else return `unknown argument "${a}"`;
  }
  if (args.files.length === 0) return 'at least one -f is required';
  return args;
}

function collectFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) return collectFiles(full);
      return ['.yaml', '.yml', '.json'].includes(extname(entry)) ? [full] : [];
    });
}

/**
 * Every Kubernetes object in a file; `List` kinds are flattened. Documents are read the way
 * kubectl reads them (YAML 1.1 scalars: `yes`/`on` are booleans), with the validator's reader,
 * so `render` and `validate` never disagree about what a file says.
 */
export function readObjects(file: string): KubeObject[] {
  const text = readFileSync(file, 'utf8');
  const out: KubeObject[] = [];
  for (const doc of parseDocuments(text)) {
    if (doc.error !== undefined)
      throw new Error(`${file}: document ${doc.index + 1} (line ${doc.line}): ${doc.error}`);
    const value = doc.value;
    if (doc.empty || value === null || value === undefined) continue;
    const add = (v: unknown) => {
      if (typeof v !== 'object' || v === null) throw new Error(`${file}: a document is not an object`);
      const o = v as Partial<KubeObject> & { items?: unknown[] };
      if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items))
        return o.items.forEach(add);
      if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string' || typeof o.metadata !== 'object')
        throw new Error(`${file}: every document needs apiVersion, kind and metadata`);
      out.push(o as KubeObject);
    };
    add(value);
  }
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    const help = args === USAGE;
    (help ? console.log : console.error)(help ? USAGE : `render: ${args}\n\n${USAGE}`);
    return help ? 0 : 2;
  }
  let objects: KubeObject[];
  try {
    objects = args.files.flatMap(collectFiles).flatMap(readObjects);
  } catch (err) {
    console.error(`render: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const { rendered, failures } = renderAll(objects, new ObjectIndex(objects, args.namespace), {
    namespace: args.namespace,
  });
  for (const f of failures) {
    for (const p of f.problems) console.error(`error: ${f.kind} ${f.namespace}/${f.name}: ${p}`);
  }
  if (args.output) {
    for (const w of rendered) {
      const dir = join(args.output, w.namespace);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${w.kind.toLowerCase()}-${w.name}.k8s.yaml`),
        stringifyManifests(...w.objects),
      );
    }
  } else {
    const parts = rendered.map(
      (w) => `# Source: ${w.kind} ${w.namespace}/${w.name}\n${stringifyManifests(...w.objects)}`,
    );
    if (parts.length > 0) process.stdout.write(parts.join('---\n'));
  }
  if (rendered.length === 0 && failures.length === 0)
    console.error('render: no workloads found in the input');
  return failures.length > 0 ? 1 : 0;
}
