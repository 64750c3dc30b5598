/** Every `json runconfig` example in docs/security.md builds a working chain. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares } from '../../../proxyrunner/middleware/chain.ts';
import { captureLogs } from './support/logs.ts';
import { runConfig } from './support/runconfig.ts';
import { createTestPki, type TestPki } from './support/tls.ts';

const doc = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8');
const examples = [...doc.matchAll(/```json runconfig\n([\s\S]*?)```/g)].map((m) => m[1]!);
const logs = captureLogs('docs');
let pki: TestPki;

beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

/** Mounted files the examples name, served from throw-away test material. */
function readFile(path: string): string {
  if (path.endsWith('ca.crt')) return pki.caCert;
  if (path.endsWith('tls.crt')) return readFileSync(pki.clientCertPath, 'utf8');
  if (path.endsWith('tls.key')) return readFileSync(pki.clientKeyPath, 'utf8');
  if (path.endsWith('/hmac')) return 'doc-example-hmac';
  return readFileSync(path, 'utf8');
}

describe('docs/security.md RunConfig examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });
  examples.forEach((text, i) => {
    it(`example ${i + 1} builds`, async () => {
      const rc = runConfig({ name: 'github', ...(JSON.parse(text) as Partial<RunConfig>) });
      const chain = await buildMiddlewares(rc, {
        logger: logs.logger,
        auditSink: () => undefined,
        readFile,
        redisStartupWaitMs: 50,
        env: {
          'TOOLHIVE_SECRET_github-api-key': 'k',
          'TOOLHIVE_SECRET_github-pat': 'p',
          TOOLHIVE_TOKEN_EXCHANGE_CLIENT_SECRET: 's',
        },
      });
      expect(chain.middlewares.length).toBeGreaterThan(1);
      await chain.close();
    });
  });
});
