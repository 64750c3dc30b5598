/**
 * Captures every log line the policy chain writes during a test file, and appends it to a
 * shared capture directory so the secret-scan suite can check all log output of the run.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../../../proxyrunner/middleware/shared/logger.ts';

export const LOG_CAPTURE_DIR = process.env.THV_TEST_LOG_DIR ?? join(tmpdir(), 'toolhive-ts-policy-logs');

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
  /** Sink for audit lines and other writers. */
  sink: (line: string) => void;
  parsed(): Array<Record<string, unknown>>;
}

export function captureLogs(suite: string): CapturedLogs {
  mkdirSync(LOG_CAPTURE_DIR, { recursive: true });
  const file = join(LOG_CAPTURE_DIR, `${suite}-${process.pid}.log`);
  const lines: string[] = [];
  const sink = (line: string): void => {
    lines.push(line);
    appendFileSync(file, `${line}\n`);
  };
  return {
    logger: createLogger({ sink, level: 'debug' }),
    lines,
    sink,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
