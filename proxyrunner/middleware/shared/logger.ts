/**
 * Structured logging for the policy chain. Every line is one JSON object written to a sink the
 * caller chooses (stderr in production, an array in tests), so a test can read back everything
 * the chain logged and check that no token or secret ever reached it (architecture decision 9).
 *
 * Two guards keep credentials out: attribute values under credential-looking keys are replaced
 * by `[REDACTED]`, and any string that looks like a JWT or a bearer credential is masked wherever
 * it appears. Callers should still never pass a token to the logger; the guards are a net.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogAttrs = Record<string, unknown>;

export interface Logger {
  debug(msg: string, attrs?: LogAttrs): void;
  info(msg: string, attrs?: LogAttrs): void;
  warn(msg: string, attrs?: LogAttrs): void;
  error(msg: string, attrs?: LogAttrs): void;
  /** A logger that adds `attrs` to every line. */
  with(attrs: LogAttrs): Logger;
}

/** Where finished log lines go: one call per line, without the trailing newline. */
export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values are credentials whatever they contain. */
const SECRET_KEY =
  /(token|secret|password|passwd|authorization|cookie|credential|api[-_]?key|private[-_]?key|signature)/i;
/** A compact JWS/JWT: three base64url segments, the first starting with `eyJ` (`{"`). */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
/** `Bearer <anything>` in free text. */
const BEARER_LIKE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

export const REDACTED = '[REDACTED]';

/** Masks credential-looking substrings in free text. */
export function scrubText(text: string): string {
  return text.replace(JWT_LIKE, REDACTED).replace(BEARER_LIKE, `$1 ${REDACTED}`);
}

function scrubValue(key: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return value;
  if (SECRET_KEY.test(key) && !/^(token_type|token_type_hint|tokenType)$/i.test(key)) return REDACTED;
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Error) return scrubText(value.message);
  if (typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.map((v) => scrubValue('', v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(k, v, depth + 1);
  return out;
}

export function scrubAttrs(attrs: LogAttrs): LogAttrs {
  const out: LogAttrs = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = scrubValue(k, v, 0);
  return out;
}

export interface JsonLoggerOptions {
  sink?: LogSink;
  level?: LogLevel;
  /** Clock for the `time` field; tests may pin it. */
  now?: () => Date;
}

/** The default sink: one line per call on stderr. */
export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

export function createLogger(options: JsonLoggerOptions = {}, base: LogAttrs = {}): Logger {
  const sink = options.sink ?? stderrSink;
  const min = LEVELS[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, msg: string, attrs?: LogAttrs): void => {
    if (LEVELS[level] < min) return;
    const line = {
      time: now().toISOString(),
      level: level.toUpperCase(),
      msg: scrubText(msg),
      ...scrubAttrs({ ...base, ...attrs }),
    };
    sink(JSON.stringify(line));
  };
  return {
    debug: (m, a) => write('debug', m, a),
    info: (m, a) => write('info', m, a),
    warn: (m, a) => write('warn', m, a),
    error: (m, a) => write('error', m, a),
    with: (attrs) => createLogger(options, { ...base, ...attrs }),
  };
}

/** A logger that drops everything (benchmarks, library use without logging). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  with() {
    return silentLogger;
  },
};

/** Logs at most once per `intervalMs` for a given key, so a hot path cannot flood the log. */
export function rateLimitedLog(intervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, number>();
  return (key: string, emit: () => void): void => {
    const t = now();
    const prev = last.get(key);
    if (prev !== undefined && t - prev < intervalMs) return;
    last.set(key, t);
    emit();
  };
}
