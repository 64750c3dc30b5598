/**
 * KindDefinitions → TypeScript source with one exported interface per named object schema and
 * one per kind. Pure: returns the text; `scripts/gen.ts` writes it to `lib/api/types.generated.ts`.
 *
 * Input-side types: a property is optional when the schema does not require it or when the API
 * server fills a default for it, because that is what a user may leave out.
 */
import { typeNameOf } from './dsl.ts';
import type { JSONSchemaProps } from './json-schema.ts';
import { API_GROUP, type KindDefinition } from './kind.ts';

interface Emitter {
  /** name → [schema JSON used to detect two different schemas under one name, emitted text] */
  readonly interfaces: Map<string, { json: string; text: string }>;
  readonly order: string[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function docComment(schema: JSONSchemaProps, indent: string): string {
  const lines: string[] = [];
  if (schema.description) lines.push(...schema.description.split('\n'));
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  if (lines.length === 0) return '';
  const body = lines.map((l) => `${indent} *${l.length > 0 ? ` ${l.replace(/\*\//g, '*\\/')}` : ''}`);
  return `${indent}/**\n${body.join('\n')}\n${indent} */\n`;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

function memberName(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function objectBody(schema: JSONSchemaProps, em: Emitter, indent: string): string {
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const members: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const optional = !required.has(key) || prop.default !== undefined;
    members.push(
      `${docComment(prop, inner)}${inner}${memberName(key)}${optional ? '?' : ''}: ${typeOf(prop, em, inner)};`,
    );
  }
  if (schema['x-kubernetes-preserve-unknown-fields']) {
    members.push(`${inner}/** Kept as is by the API server. */\n${inner}[key: string]: unknown;`);
  }
  return `{\n${members.join('\n')}\n${indent}}`;
}

function typeOf(schema: JSONSchemaProps, em: Emitter, indent: string): string {
  if (schema['x-kubernetes-int-or-string']) return 'number | string';
  if (schema.enum && schema.enum.length > 0) {
    const union = schema.enum.map(literal).join(' | ');
    return schema.nullable ? `${union} | null` : union;
  }
  let base: string;
  switch (schema.type) {
    case 'string':
      base = 'string';
      break;
    case 'integer':
    case 'number':
      base = 'number';
      break;
    case 'boolean':
      base = 'boolean';
      break;
    case 'array':
      base = `Array<${schema.items ? typeOf(schema.items, em, indent) : 'unknown'}>`;
      break;
    case 'object':
      base = objectType(schema, em, indent);
      break;
    default:
      base = 'unknown';
  }
  return schema.nullable && base !== 'unknown' ? `${base} | null` : base;
}

function objectType(schema: JSONSchemaProps, em: Emitter, indent: string): string {
  const name = typeNameOf(schema);
  if (name !== undefined) {
    register(name, schema, em);
    return name;
  }
  if (schema.properties && Object.keys(schema.properties).length > 0) return objectBody(schema, em, indent);
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    const value =
      schema.additionalProperties === true ? 'unknown' : typeOf(schema.additionalProperties, em, indent);
    return `Record<string, ${value}>`;
  }
  return 'Record<string, unknown>';
}

function register(name: string, schema: JSONSchemaProps, em: Emitter): void {
  const json = JSON.stringify(schema);
  const existing = em.interfaces.get(name);
  if (existing) {
    if (existing.json !== json && stripDescriptions(existing.json) !== stripDescriptions(json)) {
      throw new Error(`two different schemas are both named ${name}; give one of them another name`);
    }
    return;
  }
  // Reserve the name first: recursive references resolve to it instead of looping.
  em.interfaces.set(name, { json, text: '' });
  em.order.push(name);
  const body =
    schema.properties && Object.keys(schema.properties).length > 0
      ? objectBody(schema, em, '')
      : `{\n  [key: string]: ${additionalType(schema, em)};\n}`;
  const doc = docComment({ ...schema, default: undefined }, '');
  em.interfaces.set(name, { json, text: `${doc}export interface ${name} ${body}\n` });
}

function additionalType(schema: JSONSchemaProps, em: Emitter): string {
  if (schema.additionalProperties && schema.additionalProperties !== true) {
    return typeOf(schema.additionalProperties, em, '  ');
  }
  return 'unknown';
}

/** Two uses of one named block may differ only in their field descriptions. */
function stripDescriptions(json: string): string {
  return JSON.stringify(JSON.parse(json), (k, v) => (k === 'description' ? undefined : v));
}

/** The whole generated module for the given kinds. */
export function generateTypeScript(kinds: readonly KindDefinition[]): string {
  const em: Emitter = { interfaces: new Map(), order: [] };
  const roots: string[] = [];
  for (const def of kinds) {
    const specType = typeOf(def.spec, em, '');
    const statusType = typeOf(def.status, em, '');
    const apiVersions = def.versions.map((v) => literal(`${API_GROUP}/${v.name}`)).join(' | ');
    const storage = def.versions.find((v) => v.storage);
    roots.push(
      `/**\n * ${storage?.description ?? def.kind}\n */\n` +
        `export interface ${def.kind} {\n` +
        `  apiVersion: ${apiVersions};\n` +
        `  kind: ${literal(def.kind)};\n` +
        `  metadata: ObjectMeta;\n` +
        `  spec?: ${specType};\n` +
        `  status?: ${statusType};\n` +
        `}\n`,
    );
  }
  const header =
    '// Generated by `npm run gen` from the kind schemas in lib/api. Do not edit.\n' +
    "import type { ObjectMeta } from './meta.ts';\n";
  const interfaces = em.order.map((n) => em.interfaces.get(n)?.text ?? '');
  return [header, ...roots, ...interfaces].join('\n');
}
