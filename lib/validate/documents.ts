/**
 * Multi-document YAML (or JSON) → one validation result per document. Parsing follows what the
 * text goes through on its way to the API server: YAML 1.1 scalars as Go's yaml.v2 reads them
 * (`yes`/`on`/`y` are booleans, timestamps stay strings), non-string keys stringified, duplicate
 * keys resolved last-wins and reported as strict decoding errors.
 *
 * Two parsers, one result: `fast-documents.ts` reads ordinary manifests several times faster and
 * declines anything unusual (syntax errors, anchors, tags, merge and duplicate keys, …); the
 * `yaml` package's document model below reads everything else, and defines the behaviour.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { parseDocumentsFast } from './fast-documents.ts';
import type { ValidationIssue, ValidationResult } from './validator.ts';
import { YAML_OPTIONS } from './yaml-scalars.ts';

export interface ParsedDocument {
  /** Position in the stream, from 0 (empty documents count). */
  readonly index: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  readonly value: unknown;
  /** Paths of duplicate keys (`spec.image`), in document order. */
  readonly duplicateFields: readonly string[];
  /** Set when the document cannot be read; the value is then undefined. */
  readonly error: string | undefined;
  /** True for a document with no content (only comments, or `---` alone). */
  readonly empty: boolean;
}

/** The outcome for one document of a file. */
export interface DocumentResult {
  readonly source: string;
  readonly index: number;
  readonly line: number;
  /** `skipped`: not a toolhive.stacklok.dev resource (Secrets, ConfigMaps, …); `error`: unreadable. */
  readonly status: 'valid' | 'invalid' | 'skipped' | 'error';
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  /** The API server's message, or the reason the document could not be read or was skipped. */
  readonly message: string | undefined;
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly string[];
  /** The full result for toolhive resources. */
  readonly result: ValidationResult | undefined;
}

/** A scalar key as sigs.k8s.io/yaml turns it into a JSON object key. */
function keyString(key: unknown): string {
  if (isScalar(key)) {
    const v = key.value;
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' && !Number.isInteger(v)) return String(v);
    return String(v);
  }
  return String(key);
}

function collectDuplicates(
  node: Node | null | undefined,
  path: string,
  out: string[],
  seen: Set<string>,
): void {
  if (isMap(node)) {
    const keys = new Set<string>();
    for (const pair of node.items) {
      const key = keyString(pair.key);
      const childPath = path === '' ? key : `${path}.${key}`;
      if (keys.has(key) && !seen.has(childPath)) {
        seen.add(childPath);
        out.push(childPath);
      }
      keys.add(key);
      collectDuplicates(pair.value as Node | null, childPath, out, seen);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      collectDuplicates(item as Node | null, `${path}[${i}]`, out, seen);
    });
  }
}

/** Converts parsed YAML values to JSON values (keys to strings, binary to text). */
function toJsonValue(v: unknown): unknown {
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[typeof k === 'string' ? k : k === null ? 'null' : String(k)] = toJsonValue(x);
    return out;
  }
  if (v instanceof Set) return [...v].map(toJsonValue);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

/** Splits and parses a YAML or JSON stream. Never throws. */
export function parseDocuments(text: string): ParsedDocument[] {
  return parseDocumentsFast(text) ?? parseDocumentsWithModel(text);
}

/** The reference parser: the `yaml` package's document model. Never throws. */
export function parseDocumentsWithModel(text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, {
      ...YAML_OPTIONS,
      uniqueKeys: false,
      lineCounter,
      prettyErrors: false,
    });
  } catch (e) {
    return [
      {
        index: 0,
        line: 1,
        value: undefined,
        duplicateFields: [],
        error: `YAML syntax error: ${e instanceof Error ? e.message : String(e)}`,
        empty: false,
      },
    ];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, index): ParsedDocument => {
    const start = doc.range?.[0] ?? 0;
    const line = lineCounter.linePos(start).line;
    const firstError = doc.errors[0];
    if (firstError !== undefined) {
      const pos = lineCounter.linePos(firstError.pos[0]);
      const detail = firstError.message.split('\n')[0] ?? firstError.message;
      return {
        index,
        line,
        value: undefined,
        duplicateFields: [],
        error: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${detail}`,
        empty: false,
      };
    }
    const empty = doc.contents === null;
    let value: unknown;
    try {
      value = toJsonValue(doc.toJS({ maxAliasCount: 1000, mapAsMap: true }));
    } catch (e) {
      return {
        index,
        line,
        value: undefined,
        duplicateFields: [],
        error: `YAML error: ${e instanceof Error ? e.message : String(e)}`,
        empty: false,
      };
    }
    const duplicateFields: string[] = [];
    collectDuplicates(doc.contents as Node | null, '', duplicateFields, new Set());
    return { index, line, value, duplicateFields, error: undefined, empty };
  });
}
