/**
 * The CEL environment of a Kubernetes v1.26 API server, built on @marcbachmann/cel-js.
 *
 * v1.26 compiles `x-kubernetes-validations` with cel-go v0.12 plus `library.ExtensionLibs`:
 * the k8s URLs, Regex and Lists libraries and cel-go's `ext.Strings()`. cel-js already has the
 * standard library, `matches`, and most string extensions; this module adds what it lacks and
 * gives `duration()` Go's `time.ParseDuration` semantics (cel-go converts strings with it), so a
 * rule behaves as it does on the server. Functions newer than 1.26 are listed in `V126_FUNCTIONS`
 * so the CRD check can reject rules that use them.
 */
import { Environment } from '@marcbachmann/cel-js';
import { Duration } from '@marcbachmann/cel-js/evaluator';
import { parseGoDuration } from './formats.ts';
import { compileGoRegexp } from './go-regexp.ts';

/** A runtime error whose message is cel-go's text for the same failure. */
export class CelRuntimeError extends Error {}

function nanosToDuration(ns: bigint): Duration {
  const seconds = ns / 1_000_000_000n;
  const nanos = Number(ns % 1_000_000_000n);
  return new Duration(seconds, nanos);
}

/** cel-go: `types.String.ConvertToType(DurationType)` via `time.ParseDuration`. */
function goDuration(s: string): Duration {
  const ns = parseGoDuration(s);
  if (ns === undefined) {
    throw new CelRuntimeError("type conversion error from 'string' to 'google.protobuf.Duration'");
  }
  return nanosToDuration(ns);
}

function codePoints(s: string): string[] {
  return [...s];
}

function toInt(n: bigint): number {
  return Number(n);
}

function charAt(s: string, i: bigint): string {
  const cps = codePoints(s);
  const idx = toInt(i);
  if (idx < 0 || idx > cps.length) throw new CelRuntimeError(`index out of range: ${idx}`);
  return cps[idx] ?? '';
}

function replaceN(s: string, from: string, to: string, n: bigint): string {
  let limit = toInt(n);
  if (limit < 0) return s.split(from).join(to);
  if (from === '') {
    // Go strings.Replace with an empty old string inserts before each rune, up to n times.
    const cps = codePoints(s);
    let out = '';
    for (let i = 0; i <= cps.length; i++) {
      if (limit > 0) {
        out += to;
        limit--;
      }
      out += cps[i] ?? '';
    }
    return out;
  }
  let out = '';
  let rest = s;
  while (limit > 0) {
    const at = rest.indexOf(from);
    if (at < 0) break;
    out += rest.slice(0, at) + to;
    rest = rest.slice(at + from.length);
    limit--;
  }
  return out + rest;
}

function regexFind(s: string, pattern: string): string {
  const re = compileGoRegexp(pattern);
  return re.exec(s)?.[0] ?? '';
}

function regexFindAll(s: string, pattern: string, n: bigint): string[] {
  const re = compileGoRegexp(pattern);
  const limit = toInt(n);
  const out: string[] = [];
  const global = new RegExp(re.source, `${re.flags}g`);
  for (const m of s.matchAll(global)) {
    if (limit >= 0 && out.length >= limit) break;
    out.push(m[0]);
  }
  return out;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new CelRuntimeError('no such overload');
}

function listSum(list: unknown[]): unknown {
  if (list.length === 0) return 0n;
  let acc: unknown = list[0];
  for (const v of list.slice(1)) {
    if (typeof acc === 'bigint' && typeof v === 'bigint') acc = acc + v;
    else if (typeof acc === 'number' && typeof v === 'number') acc = acc + v;
    else throw new CelRuntimeError('no such overload');
  }
  return acc;
}

function listExtreme(list: unknown[], sign: number): unknown {
  if (list.length === 0) throw new CelRuntimeError('min called on empty list');
  let acc = list[0];
  for (const v of list.slice(1)) if (compare(v, acc) * sign > 0) acc = v;
  return acc;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return (
    JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ===
    JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
  );
}

/** The URL value of the k8s URLs library. */
class KubernetesURL {
  readonly url: URL;
  constructor(url: URL) {
    this.url = url;
  }
}

function parseUrl(s: string): URL | undefined {
  try {
    const u = new URL(s);
    return u;
  } catch {
    return undefined;
  }
}

function register(env: Environment, signature: string, handler: (...args: never[]) => unknown): void {
  try {
    env.registerFunction(signature, handler as (...args: unknown[]) => unknown);
  } catch (e) {
    // cel-js already provides an overlapping overload with the same meaning; keep it.
    if (!(e instanceof Error) || !/overlaps/.test(e.message)) throw e;
  }
}

/** Creates the environment: `self` and `oldSelf` are dynamically typed, as values are schema-typed. */
export function createCelEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: true });
  env.registerVariable('self', 'dyn');
  env.registerVariable('oldSelf', 'dyn');
  register(env, 'k8sGoDuration(string): google.protobuf.Duration', goDuration);
  // ext.Strings (cel-go v0.12)
  register(env, 'string.charAt(int): string', charAt);
  register(env, 'string.replace(string, string): string', (s: string, a: string, b: string) =>
    replaceN(s, a, b, -1n),
  );
  register(env, 'string.replace(string, string, int): string', replaceN);
  // k8s Regex library
  register(env, 'string.find(string): string', regexFind);
  register(env, 'string.findAll(string): list<string>', (s: string, p: string) => regexFindAll(s, p, -1n));
  register(env, 'string.findAll(string, int): list<string>', regexFindAll);
  // k8s Lists library
  register(env, 'list.isSorted(): bool', (l: unknown[]) =>
    l.every((v, i) => i === 0 || compare(l[i - 1], v) <= 0),
  );
  register(env, 'list.sum(): dyn', listSum);
  register(env, 'list.min(): dyn', (l: unknown[]) => listExtreme(l, -1));
  register(env, 'list.max(): dyn', (l: unknown[]) => listExtreme(l, 1));
  register(env, 'list.indexOf(dyn): int', (l: unknown[], v: unknown) =>
    BigInt(l.findIndex((x) => deepEqual(x, v))),
  );
  register(env, 'list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (deepEqual(l[i], v)) return BigInt(i);
    return -1n;
  });
  // k8s URLs library
  env.registerType('kubernetes.URL', KubernetesURL);
  register(env, 'isURL(string): bool', (s: string) => parseUrl(s) !== undefined);
  register(env, 'url(string): kubernetes.URL', (s: string) => {
    const u = parseUrl(s);
    if (u === undefined) throw new CelRuntimeError(`URL parse error during conversion from string: ${s}`);
    return new KubernetesURL(u);
  });
  register(env, 'kubernetes.URL.getScheme(): string', (u: KubernetesURL) => u.url.protocol.replace(/:$/, ''));
  register(env, 'kubernetes.URL.getHost(): string', (u: KubernetesURL) => u.url.host);
  register(env, 'kubernetes.URL.getHostname(): string', (u: KubernetesURL) =>
    u.url.hostname.replace(/^\[|\]$/g, ''),
  );
  register(env, 'kubernetes.URL.getPort(): string', (u: KubernetesURL) => u.url.port);
  register(env, 'kubernetes.URL.getEscapedPath(): string', (u: KubernetesURL) => u.url.pathname);
  register(env, 'kubernetes.URL.getQuery(): map<string, list<string>>', (u: KubernetesURL) => {
    const out: Record<string, string[]> = {};
    for (const [k, v] of u.url.searchParams) {
      const list = out[k] ?? [];
      list.push(v);
      out[k] = list;
    }
    return out;
  });
  return env;
}

/**
 * The functions and methods a v1.26 API server knows (cel-go v0.12 standard library, ext.Strings,
 * and the k8s URLs, Regex and Lists libraries), plus the macros. A rule calling anything else
 * fails to compile there.
 */
export const V126_FUNCTIONS: ReadonlySet<string> = new Set([
  // macros
  'has',
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
  // standard library
  'size',
  'int',
  'uint',
  'double',
  'string',
  'bytes',
  'bool',
  'duration',
  'timestamp',
  'dyn',
  'type',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'getDate',
  'getDayOfMonth',
  'getDayOfWeek',
  'getDayOfYear',
  'getFullYear',
  'getHours',
  'getMilliseconds',
  'getMinutes',
  'getMonth',
  'getSeconds',
  // ext.Strings (v0.12)
  'charAt',
  'indexOf',
  'lastIndexOf',
  'lowerAscii',
  'replace',
  'split',
  'substring',
  'trim',
  'upperAscii',
  'join',
  // k8s libraries
  'isSorted',
  'sum',
  'min',
  'max',
  'find',
  'findAll',
  'url',
  'isURL',
  'getScheme',
  'getHost',
  'getHostname',
  'getPort',
  'getEscapedPath',
  'getQuery',
]);
