/**
 * How a plain YAML scalar reads, as the offline validator reads it: YAML 1.1 (`yes`/`on`/`y` are
 * booleans, `0777` is octal) as Go's yaml.v2 reads it, so timestamps stay strings and there are no
 * sexagesimal numbers. Both parsers in `documents.ts` use these rules: the `yaml` package through
 * its schema options, the fast path through `resolvePlainScalar`, which asks the very same tag
 * objects so the two cannot drift apart.
 */
import { Document, isScalar, type Tags } from 'yaml';

/** The YAML 1.1 schema without the tags Go's yaml.v2 does not have. */
export const customTags = (tags: Tags): Tags =>
  tags.filter((t) => {
    const tag = typeof t === 'object' && t !== null && 'tag' in t ? t : undefined;
    if (tag === undefined) return true;
    // Go's yaml.v2 keeps timestamps as strings and has no sexagesimal numbers.
    return tag.tag !== 'tag:yaml.org,2002:timestamp' && (tag as { format?: string }).format !== 'TIME';
  });

/** The options the `yaml` package parses with. */
export const YAML_OPTIONS = { version: '1.1', merge: true, customTags } as const;

interface PlainTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly collection?: string;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

const schemaTags = new Document(null, YAML_OPTIONS).schema.tags as unknown as readonly PlainTag[];
/** Tags that resolve untagged plain scalars, in the order the `yaml` composer tries them. */
const VALUE_TAGS = schemaTags.filter((t) => !t.collection && t.test !== undefined && t.default === true);
const KEY_TAGS = schemaTags.filter(
  (t) => !t.collection && t.test !== undefined && (t.default === true || t.default === 'key'),
);

/**
 * First characters any of those tags can match (null `~`/`null`, booleans, numbers, `.inf`, the
 * exponent-only float `e5`, the merge key `<<`); any other plain scalar is a string. A test
 * checks this set against every tag.
 */
const MAY_RESOLVE = new Set('~nNyYtTfFoOeE<+-.0123456789');

/** Thrown when a tag cannot resolve its value (the `yaml` package then reports an error). */
export class UnresolvableScalar extends Error {}

const RESOLVE_OPTIONS = { intAsBigInt: false };
const fail = (message: string): never => {
  throw new UnresolvableScalar(message);
};

/** The value of an untagged plain scalar (a mapping key when `atKey`). */
export function resolvePlainScalar(source: string, atKey: boolean): unknown {
  if (source !== '' && !MAY_RESOLVE.has(source[0] as string)) return source;
  for (const tag of atKey ? KEY_TAGS : VALUE_TAGS) {
    if (tag.test?.test(source)) {
      const value = tag.resolve(source, fail, RESOLVE_OPTIONS);
      return isScalar(value) ? value.value : value;
    }
  }
  return source;
}

/** Every tag that may resolve a plain scalar, for tests of the first-character shortcut. */
export const plainScalarTags = (atKey: boolean): readonly PlainTag[] => (atKey ? KEY_TAGS : VALUE_TAGS);
