/**
 * Kubernetes label selector strings (`a=b,c!=d,e,!f,g in (x,y),h notin (z)`): parsing and
 * matching, as the API server applies them to list and watch requests.
 */
type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: Set<string> }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

/** Splits on commas that are not inside a parenthesised value set. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

function parseTerm(term: string): Requirement {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const values = new Set(
      m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    );
    return { op: m[2] as 'in' | 'notin', key: m[1]!, values };
  }
  m = /^([^!=\s]+)\s*(!=|==|=)\s*(\S*)$/.exec(term);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1]!, value: m[3]! };
  m = /^!\s*(\S+)$/.exec(term);
  if (m) return { op: 'notexists', key: m[1]! };
  if (/^\S+$/.test(term)) return { op: 'exists', key: term };
  throw new Error(`invalid label selector term "${term}"`);
}

export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  if (selector === undefined || selector.trim() === '') return () => true;
  const reqs = splitTerms(selector).map(parseTerm);
  return (labels) => {
    const l = labels ?? {};
    return reqs.every((r) => {
      const has = Object.hasOwn(l, r.key);
      const v = l[r.key];
      switch (r.op) {
        case 'eq':
          return has && v === r.value;
        case 'neq':
          return !has || v !== r.value;
        case 'in':
          return has && r.values.has(v!);
        case 'notin':
          return !has || !r.values.has(v!);
        case 'exists':
          return has;
        case 'notexists':
          return !has;
      }
      return false;
    });
  };
}

/** `matchLabels` as a selector string (what a Deployment's selector means). */
export function selectorFromLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
