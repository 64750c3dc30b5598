/**
 * Structured JSON logs, one object per line. Reconcile logs carry `controller`, `kind`,
 * `namespace` and `name`, so a log query can follow one object through the operator.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export interface LoggerOptions {
  level?: Level;
  /** Where lines go (default: stdout). */
  write?: (line: string) => void;
  now?: () => number;
}

function serialiseError(err: unknown): unknown {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { message: err.message, ...(code !== undefined ? { code } : {}), name: err.name };
  }
  return err;
}

class JsonLogger implements Logger {
  private readonly min: number;
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private readonly base: Fields;

  constructor(min: number, write: (line: string) => void, now: () => number, base: Fields) {
    this.min = min;
    this.write = write;
    this.now = now;
    this.base = base;
  }

  private log(level: Level, msg: string, fields?: Fields): void {
    if (ORDER[level] < this.min) return;
    const entry: Fields = { ts: new Date(this.now()).toISOString(), level, msg, ...this.base };
    for (const [k, v] of Object.entries(fields ?? {})) {
      if (v !== undefined) entry[k] = k === 'error' || k === 'err' ? serialiseError(v) : v;
    }
    this.write(JSON.stringify(entry));
  }

  debug(msg: string, fields?: Fields): void {
    this.log('debug', msg, fields);
  }
  info(msg: string, fields?: Fields): void {
    this.log('info', msg, fields);
  }
  warn(msg: string, fields?: Fields): void {
    this.log('warn', msg, fields);
  }
  error(msg: string, fields?: Fields): void {
    this.log('error', msg, fields);
  }

  child(fields: Fields): Logger {
    return new JsonLogger(this.min, this.write, this.now, { ...this.base, ...fields });
  }
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return new JsonLogger(
    ORDER[opts.level ?? 'info'],
    opts.write ?? ((line) => process.stdout.write(`${line}\n`)),
    opts.now ?? Date.now,
    {},
  );
}

/** A logger that drops everything (benchmarks). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

export function parseLevel(value: string | undefined): Level {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}
