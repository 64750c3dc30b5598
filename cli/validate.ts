/**
 * `toolhive-ts validate <files or dirs…>`: validates ToolHive custom resources offline with the
 * verdicts and messages a Kubernetes v1.26 API server gives. Directories are searched
 * recursively for .yaml, .yml and .json files. Exit code 1 when any document is invalid or
 * unreadable, 2 on usage errors, 0 otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentResult, validateDocuments } from '../lib/validate/index.ts';

const USAGE = `Usage: toolhive-ts validate [--output text|json] [--namespace NS] <files or directories…>

Validates ToolHive custom resources (group toolhive.stacklok.dev) as a Kubernetes v1.26 API
server would on create: structural defaults, strict field validation, the OpenAPI schema and
every CEL rule. Other kinds (Secrets, ConfigMaps, …) are skipped.

Options:
  -o, --output text|json   output format (default text)
  -n, --namespace NS       namespace for objects without one (default "default")
  -q, --quiet              print only invalid documents and the summary`;

interface Options {
  output: 'text' | 'json';
  namespace: string;
  quiet: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): Options | string {
  const opts: Options = { output: 'text', namespace: 'default', quiet: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '-o':
      case '--output': {
        const v = value();
        if (v !== 'text' && v !== 'json')
          return `--output must be text or json, not ${JSON.stringify(v ?? '')}`;
        opts.output = v;
        break;
      }
      case '-n':
      case '--namespace': {
        const v = value();
        if (v === undefined || v === '') return '--namespace needs a value';
        opts.namespace = v;
        break;
      }
      case '-q':
      case '--quiet':
        opts.quiet = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      default:
        if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
        opts.paths.push(arg);
    }
  }
  if (opts.paths.length === 0) return 'no files or directories given';
  return opts;
}

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Expands directories (recursively, sorted) into the manifest files they contain. */
export function collectFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (EXTENSIONS.some((ext) => entry.name.endsWith(ext))) files.push(full);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

function where(d: DocumentResult): string {
  return `${d.source} (document ${d.index + 1}, line ${d.line})`;
}

/** One document in the words kubectl uses for the API server's answer. */
export function formatDocument(d: DocumentResult): string {
  const lines: string[] = [];
  for (const w of d.warnings) lines.push(`Warning: ${w}`);
  const id = `${d.kind ?? '?'}${d.name !== undefined ? `/${d.name}` : ''}`;
  switch (d.status) {
    case 'valid':
      lines.push(`${where(d)}: ${id} is valid`);
      break;
    case 'skipped':
      lines.push(`${where(d)}: ${id} skipped (not a toolhive.stacklok.dev resource)`);
      break;
    case 'error':
      lines.push(`${where(d)}: error: ${d.message ?? 'unreadable document'}`);
      break;
    case 'invalid': {
      const reason = d.result?.reason;
      if (reason === 'Invalid') {
        const head = `The ${d.kind ?? ''} ${JSON.stringify(d.result?.name ?? '')} is invalid: `;
        const causes = d.errors.map((e) => e.message);
        lines.push(
          causes.length === 1
            ? `${where(d)}: ${head}${causes[0]}`
            : `${where(d)}: ${head}\n${causes.map((c) => `* ${c}`).join('\n')}`,
        );
      } else if (reason === 'BadRequest') {
        lines.push(`${where(d)}: Error from server (BadRequest): ${d.message ?? ''}`);
      } else {
        lines.push(`${where(d)}: error: ${d.message ?? ''}`);
      }
      break;
    }
  }
  return lines.join('\n');
}

export interface Summary {
  documents: number;
  valid: number;
  invalid: number;
  skipped: number;
  errors: number;
}

export function summarize(docs: readonly DocumentResult[]): Summary {
  const count = (s: DocumentResult['status']) => docs.filter((d) => d.status === s).length;
  return {
    documents: docs.length,
    valid: count('valid'),
    invalid: count('invalid'),
    skipped: count('skipped'),
    errors: count('error'),
  };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    console.error(`toolhive-ts validate: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const { files, missing } = collectFiles(parsed.paths);
  const docs: DocumentResult[] = [];
  const unreadable: Array<{ path: string; error: string }> = missing.map((path) => ({
    path,
    error: 'no such file or directory',
  }));
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      unreadable.push({ path: file, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    docs.push(...validateDocuments(text, file, { defaultNamespace: parsed.namespace }));
  }
  const summary = summarize(docs);
  const failed = summary.invalid > 0 || summary.errors > 0 || unreadable.length > 0;
  if (parsed.output === 'json') {
    const documents = docs.map(({ result, ...rest }) => ({
      ...rest,
      reason: result?.reason,
      object: result?.object,
    }));
    console.log(JSON.stringify({ valid: !failed, summary, unreadable, documents }, null, 2));
    return failed ? 1 : 0;
  }
  for (const u of unreadable) console.error(`${u.path}: error: ${u.error}`);
  for (const d of docs) {
    if (parsed.quiet && (d.status === 'valid' || d.status === 'skipped')) continue;
    const text = formatDocument(d);
    if (d.status === 'invalid' || d.status === 'error') console.error(text);
    else console.log(text);
  }
  console.log(
    `${summary.documents} document${summary.documents === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ` +
      `${summary.valid} valid, ${summary.invalid} invalid, ${summary.skipped} skipped, ${summary.errors} unreadable`,
  );
  return failed ? 1 : 0;
}
