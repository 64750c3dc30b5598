/**
 * Value helpers shared by the workflow engine, matching ToolHive's composer: step output from a
 * tool result, argument coercion by the target tool's input schema, parameter defaults, and the
 * typed output properties of a workflow.
 */

export type Json = Record<string, unknown>;

/**
 * A tool result as template data: `structuredContent` when present, else the content array as a
 * map (`text`, `text_1`, … `image_0`, … `resource`, `resource_1`, …), ToolHive's ContentArrayToMap.
 */
export function outputOf(result: Json): Json {
  const sc = result.structuredContent;
  if (sc !== null && typeof sc === 'object' && !Array.isArray(sc)) return sc as Json;
  return contentToMap(result.content);
}

export function contentToMap(content: unknown): Json {
  const out: Json = {};
  if (!Array.isArray(content)) return out;
  let text = 0;
  let image = 0;
  let resource = 0;
  for (const item of content as Json[]) {
    switch (item?.type) {
      case 'text':
        out[text === 0 ? 'text' : `text_${text}`] = item.text;
        text++;
        break;
      case 'image':
        out[`image_${image}`] = item.data;
        image++;
        break;
      case 'resource': {
        const r = (item.resource ?? {}) as Json;
        out[resource === 0 ? 'resource' : `resource_${resource}`] = r.text ?? r.blob ?? '';
        resource++;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The first text of an error result, ToolHive's extractErrorMessage. */
export function errorMessageOf(result: Json): string {
  if (Array.isArray(result.content)) {
    for (const c of result.content as Json[]) if (c?.type === 'text' && c.text) return String(c.text);
  }
  const sc = result.structuredContent as Json | undefined;
  for (const k of ['error', 'message', 'text'])
    if (typeof sc?.[k] === 'string' && sc[k]) return String(sc[k]);
  return 'tool execution error';
}

/** strconv.ParseBool */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/**
 * Rendered templates are strings; the target tool's input schema turns them back into the
 * integers, numbers and booleans it expects (ToolHive's schema.TryCoerce). Values that do not
 * parse are left as they are for the backend to reject.
 */
export function coerce(schema: unknown, value: unknown): unknown {
  if (schema === null || typeof schema !== 'object') return value;
  const s = schema as Json;
  switch (s.type) {
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const props = (s.properties ?? {}) as Json;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = k in props ? coerce(props[k], v) : v;
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((v) => coerce(s.items, v)) : value;
    case 'integer':
      if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : value;
      }
      return value;
    case 'number':
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        return Number(value);
      return value;
    case 'boolean':
      return typeof value === 'string' ? (parseBool(value) ?? value) : value;
    default:
      return value;
  }
}

export function applyParameterDefaults(schema: Json | undefined, params: Json): Json {
  const props = schema?.properties as Json | undefined;
  if (!props) return { ...params };
  const out: Json = { ...params };
  for (const [k, p] of Object.entries(props)) {
    if (k in out) continue;
    if (p !== null && typeof p === 'object' && 'default' in p) out[k] = (p as Json).default;
  }
  return out;
}

/** Coerces a rendered output string to the declared property type. */
export function coerceOutput(text: string, type: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text.trim())) throw new Error(`cannot coerce "${text}" to integer`);
      return Number(text);
    }
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`cannot coerce "${text}" to number`);
      return n;
    }
    case 'boolean': {
      const b = parseBool(text);
      if (b === undefined) throw new Error(`cannot coerce "${text}" to boolean`);
      return b;
    }
    case 'object': {
      const v = JSON.parse(text) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
      return v;
    }
    case 'array': {
      const v = JSON.parse(text) as unknown;
      if (!Array.isArray(v)) throw new Error('not a JSON array');
      return v;
    }
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

/** Coerces a configured default value to the declared type. */
export function coerceDefault(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && type !== 'string') return coerceOutput(value, type);
  if (type === 'string' && typeof value !== 'string') return String(value);
  if (type === 'integer' && typeof value === 'number') return Math.trunc(value);
  return value;
}
