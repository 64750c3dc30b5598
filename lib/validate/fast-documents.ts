/**
 * The fast path of `parseDocuments`: js-yaml's event parser (with this constructor, six to eight
 * times faster than building the `yaml` package's document model) and a small constructor that
 * reads the events with the same scalar rules (`yaml-scalars.ts`).
 *
 * It covers what manifests are made of: block and flow collections, plain, quoted and block
 * scalars, comments, several documents. It declines (returns undefined, and the caller parses the
 * stream with the `yaml` package as before) whenever the two parsers could disagree or the result
 * needs more than plain construction: any syntax error, anchors, aliases, tags, directives,
 * document end markers, merge keys, duplicate keys, `__proto__` keys, keys that are collections,
 * carriage returns, a byte order mark, control characters and lone surrogates, and the corner
 * cases where differential fuzzing found the parsers apart (each `check…` function below). So
 * every stream it accepts gets exactly the documents the `yaml` path would produce (a
 * differential test holds it to that), and everything unusual keeps the `yaml` path's behaviour
 * and messages.
 */
import {
  COLLECTION_STYLE,
  EVENT_ID,
  type Event,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type ScalarEvent,
} from 'js-yaml';
import type { ParsedDocument } from './documents.ts';
import { resolvePlainScalar } from './yaml-scalars.ts';

/**
 * Characters the parsers treat differently: carriage returns, the line breaks of YAML 1.1 (NEL,
 * LS, PS) and byte order marks. (js-yaml itself rejects control characters and lone surrogates.)
 */
const UNUSUAL_CHARACTER = /[\r\x85\u2028\u2029\ufeff]/;
/** Document start markers: `---` at the start of a line, followed by white space or the end. */
const DOCUMENT_START = /^---(?=[ \t\n]|$)/gm;
/**
 * Whether some line needs the `yaml` path: document end markers (`...`) and directives (`%YAML`),
 * which the parsers count differently, and tabs in indentation, which only the `yaml` package
 * rejects. (Plain string searches first: a regular expression over every line is slower.)
 */
function hasUnusualLine(text: string): boolean {
  const atLineStart = (s: string) => text.startsWith(s) || text.includes(`\n${s}`);
  if (atLineStart('%')) return true;
  if (atLineStart('...') && /^\.\.\.(?=[ \t\n]|$)/m.test(text)) return true;
  return text.includes('\t') && /^ *\t/m.test(text);
}

const decline = (): never => {
  throw new Error('declined');
};

type Container = Record<string, unknown> | unknown[];

interface Frame {
  readonly container: Container;
  /** For a mapping: the key whose value comes next, or undefined when a key comes next. */
  key: string | undefined;
  /** Where that key ends in the text. */
  keyEnd: number;
}

/** Turns a scalar key into the object key the `yaml` path would give it. */
function keyOf(text: string, event: ScalarEvent): string {
  // Parsers disagree on what may follow an empty key (`: a: b`), and only the `yaml` package
  // holds implicit keys to YAML's limit of 1024 characters.
  if (event.valueStart < 0 || event.valueEnd - event.valueStart > 1000) decline();
  if (event.style !== SCALAR_STYLE.PLAIN) return scalarText(text, event);
  const source = scalarText(text, event);
  // Merge keys need the `yaml` path's merge semantics; `__proto__` would set the prototype.
  if (source === '<<' || source === '__proto__') decline();
  const key = resolvePlainScalar(source, true);
  if (typeof key === 'string') return key;
  return key === null ? 'null' : String(key);
}

function scalarText(text: string, event: ScalarEvent): string {
  if (event.valueStart < 0) return '';
  return event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
}

/** A scalar value as the `yaml` path converts it to JSON (non-finite numbers become strings). */
function scalarValue(text: string, event: ScalarEvent): unknown {
  const source = scalarText(text, event);
  if (event.style !== SCALAR_STYLE.PLAIN) return source;
  const value = resolvePlainScalar(source, false);
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * js-yaml reads on after a closing quote or bracket (`'a'b: c`); the `yaml` package (and the
 * YAML spec) want white space, an indicator or the end there.
 */
function checkAfterQuote(text: string, at: number): void {
  if (at < text.length && !' \t\n:,]}'.includes(text[at] as string)) decline();
}

/**
 * The parsers disagree on a value that starts its own line right after a comment line (`-` /
 * `#c` / ` value`): the `yaml` package may join it to what follows or reject it.
 */
function checkCommentBefore(text: string, start: number): void {
  let i = start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (i >= 0 && text[i] !== '\n') return;
  while (i > 0) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const line = text.slice(lineStart, i).trim();
    if (line !== '') {
      if (line.startsWith('#')) decline();
      return;
    }
    i = lineStart - 1;
  }
}

/** The parsers disagree on an escaped line break followed by an empty line in double quotes. */
function checkEscapedLineBreaks(text: string, event: ScalarEvent): void {
  const raw = text.slice(event.valueStart, event.valueEnd);
  if (raw.includes('\\\n') && /\\\n[ \t]*(?:\n|$)/.test(raw)) decline();
}

/**
 * The parsers disagree on lines of only white space in block scalars (`|2` then `   `), which
 * manifests rarely have: editors strip them and emitters write empty lines.
 */
function checkBlockLines(text: string, event: ScalarEvent): void {
  if (WHITE_LINE.test(text.slice(event.valueStart, event.valueEnd))) decline();
}
const WHITE_LINE = /(?:^|\n)[ \t]+(?:\n|$)/;

/**
 * The `yaml` package misreads a value on a line of its own after a comment line less indented
 * than its key (`n:` / `#c` / `   v`), when more keys follow; js-yaml reads it as YAML says.
 */
function checkBetweenKeyAndValue(text: string, keyEnd: number, valueStart: number): void {
  // Searches bounded by the key and the value: an unbounded lastIndexOf would be quadratic.
  if (valueStart < 0 || text.lastIndexOf('\n', valueStart) < keyEnd) return;
  if (text.slice(keyEnd, valueStart).includes('#')) decline();
}

/**
 * Declines a flow collection with a comment at the start of a line (`{a: 1` / `#c` / `}`), which
 * the `yaml` package rejects in some places and js-yaml reads, or with text right after its
 * closing bracket (`[]-:`), which js-yaml reads on. Scans from the opening bracket to the closing
 * one, stepping over the collection's scalars (whose text may hold anything).
 */
function checkFlowCollection(text: string, start: number, scalars: readonly number[]): void {
  let depth = 0;
  let next = 0;
  for (let i = start; i < text.length; i++) {
    if (i === scalars[next]) {
      i = (scalars[next + 1] as number) - 1;
      next += 2;
      continue;
    }
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) {
        checkAfterQuote(text, i + 1);
        return;
      }
    } else if (c === '#') {
      if (text[i - 1] === '\n') decline();
      const end = text.indexOf('\n', i);
      if (end < 0) decline();
      i = end - 1;
    }
  }
  decline();
}

/** Counts lines incrementally: offsets are asked in increasing order. */
class LineCounter {
  readonly #text: string;
  #offset = 0;
  #line = 1;
  constructor(text: string) {
    this.#text = text;
  }
  lineAt(offset: number): number {
    const text = this.#text;
    for (let i = text.indexOf('\n', this.#offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
      this.#line++;
    this.#offset = Math.max(this.#offset, offset);
    return this.#line;
  }
}

/** Where a document's content starts (the `yaml` path counts an implicit document from there). */
function contentStart(event: Event | undefined): number {
  if (event === undefined) return -1;
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  // A root scalar: only plain ones start where their value does.
  if (event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN) return event.valueStart;
  return -1;
}

/** Parses `text` into documents, or returns undefined when the `yaml` path must do it. */
export function parseDocumentsFast(text: string): ParsedDocument[] | undefined {
  if (UNUSUAL_CHARACTER.test(text) || hasUnusualLine(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  const markers = [...text.matchAll(DOCUMENT_START)].map((m) => m.index);
  try {
    return construct(text, events, markers);
  } catch {
    // Declined (or a scalar no tag could resolve): the `yaml` path decides.
    return undefined;
  }
}

function construct(text: string, events: readonly Event[], markers: readonly number[]): ParsedDocument[] {
  const docs: ParsedDocument[] = [];
  const lines = new LineCounter(text);
  let marker = 0;
  let stack: Frame[] = [];
  let root: unknown;
  let start = 0;
  // The outermost flow collection being read: where it starts, at which stack depth, and the
  // text ranges of its scalars.
  let flowStart = -1;
  let flowDepth = 0;
  const flowScalars: number[] = [];

  const add = (value: unknown): void => {
    const frame = stack[stack.length - 1];
    if (frame === undefined) {
      root = value;
    } else if (Array.isArray(frame.container)) {
      frame.container.push(value);
    } else {
      const key = frame.key as string;
      frame.container[key] = value;
      frame.key = undefined;
    }
  };

  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Event;
    switch (event.type) {
      case EVENT_ID.DOCUMENT: {
        if (event.directives.length > 0 || event.explicitEnd) decline();
        if (event.explicitStart) {
          start = markers[marker++] ?? decline();
        } else {
          // Only the first document can be implicit without a `...` before it.
          if (docs.length > 0) decline();
          start = contentStart(events[i + 1]);
          if (start < 0) decline();
        }
        stack = [];
        root = undefined;
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) decline();
        const frame = stack[stack.length - 1];
        // A collection as a mapping key has no JSON form the `yaml` path would agree with.
        if (frame !== undefined && !Array.isArray(frame.container) && frame.key === undefined) decline();
        if (event.style === COLLECTION_STYLE.FLOW && flowStart < 0) {
          flowStart = event.start;
          flowDepth = stack.length + 1;
          flowScalars.length = 0;
        }
        const container: Container = event.type === EVENT_ID.MAPPING ? {} : [];
        add(container);
        stack.push({ container, key: undefined, keyEnd: 0 });
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) decline();
        if (flowStart >= 0 && event.valueStart >= 0) {
          const quoted = event.style !== SCALAR_STYLE.PLAIN;
          flowScalars.push(event.valueStart - (quoted ? 1 : 0), event.valueEnd + (quoted ? 1 : 0));
        }
        const quoted =
          event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        if (quoted) checkAfterQuote(text, event.valueEnd + 1);
        if (event.style === SCALAR_STYLE.DOUBLE_QUOTED) checkEscapedLineBreaks(text, event);
        else if (event.style >= SCALAR_STYLE.LITERAL_BLOCK) checkBlockLines(text, event);
        const frame = stack[stack.length - 1];
        if (frame !== undefined && !Array.isArray(frame.container)) {
          if (frame.key === undefined) {
            const key = keyOf(text, event);
            if (Object.hasOwn(frame.container, key)) decline();
            frame.key = key;
            frame.keyEnd = event.valueEnd;
            break;
          }
          if (event.style < SCALAR_STYLE.LITERAL_BLOCK)
            checkBetweenKeyAndValue(text, frame.keyEnd, event.valueStart);
        }
        if (event.valueStart >= 0 && event.style < SCALAR_STYLE.LITERAL_BLOCK)
          checkCommentBefore(text, event.valueStart - (quoted ? 1 : 0));
        // Parsers disagree on the indentation of a block scalar at the root (js-yaml puts the
        // root at -1); such a document is no resource anyway.
        if (frame === undefined && event.style >= SCALAR_STYLE.LITERAL_BLOCK) decline();
        add(scalarValue(text, event));
        break;
      }
      case EVENT_ID.ALIAS:
        decline();
        break;
      case EVENT_ID.POP: {
        if (stack.length > 0) {
          if (stack.length === flowDepth && flowStart >= 0) {
            checkFlowCollection(text, flowStart, flowScalars);
            flowStart = -1;
          }
          stack.pop();
        } else {
          docs.push({
            index: docs.length,
            line: lines.lineAt(start),
            value: root,
            duplicateFields: [],
            error: undefined,
            // The `yaml` path gives even a document without content a null scalar.
            empty: false,
          });
        }
        break;
      }
    }
  }
  // Every document start marker must belong to a document the events saw.
  if (marker !== markers.length) decline();
  return docs;
}
