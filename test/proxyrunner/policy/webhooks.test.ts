import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig, WebhookConfig } from '../../../lib/runconfig/types.ts';
import { buildMiddlewares } from '../../../proxyrunner/middleware/chain.ts';
import { verify } from '../../../proxyrunner/middleware/webhooks/signing.ts';
import { fakeBackend, runChain } from './support/chain-runner.ts';
import { requestContext, toolCall } from './support/context.ts';
import { captureLogs } from './support/logs.ts';
import { runConfig } from './support/runconfig.ts';
import { expectNoSecrets, registerSecret } from './support/secrets-scan.ts';
import { createTestPki, type TestPki } from './support/tls.ts';

const SECRET = registerSecret('webhook-hmac-secret-0123456789');
const logs = captureLogs('webhooks');

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are inspected freely in assertions
type Json = Record<string, any>;
type Handler = (body: Json, req: IncomingMessage) => { status?: number; json?: unknown; delayMs?: number };

interface Receiver {
  url: string;
  received: Array<{ body: Json; signed: boolean; clientCert?: string }>;
  handler: Handler;
  close(): Promise<void>;
}

async function receiver(
  handler: Handler,
  tls?: { pki: TestPki; requireClientCert?: boolean },
): Promise<Receiver> {
  const r: Receiver = { url: '', received: [], handler, close: async () => undefined };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const signed = verify(
        SECRET,
        req.headers['x-toolhive-timestamp'] as string | undefined,
        data,
        req.headers['x-toolhive-signature'] as string | undefined,
      );
      const body = JSON.parse(data) as Json;
      const peer = (
        req.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } }
      ).getPeerCertificate?.();
      r.received.push({ body, signed, ...(peer?.subject?.CN ? { clientCert: peer.subject.CN } : {}) });
      const out = r.handler(body, req);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out.json ?? { version: 'v0.1.0', uid: body.uid, allowed: true }));
      };
      if (out.delayMs) setTimeout(send, out.delayMs);
      else send();
    });
  };
  const server = tls
    ? createHttpsServer(
        {
          cert: tls.pki.serverCert,
          key: tls.pki.serverKey,
          ca: tls.pki.caCert,
          requestCert: tls.requireClientCert === true,
          rejectUnauthorized: tls.requireClientCert === true,
        },
        onRequest,
      )
    : createHttpServer(onRequest);
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  r.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () =>
    new Promise<void>((res) => {
      server.closeAllConnections();
      server.close(() => res());
    });
  return r;
}

const env = { TOOLHIVE_SECRET_webhook_hmac: SECRET };

async function chainWith(extra: Partial<RunConfig>) {
  return buildMiddlewares(runConfig({ audit_config: {}, ...extra }), {
    logger: logs.logger,
    env,
    auditSink: (l) => logs.sink(l),
  });
}

function hook(url: string, extra: Partial<WebhookConfig> = {}): WebhookConfig {
  return {
    name: 'policy',
    url,
    failure_policy: 'fail',
    timeout: '1s',
    hmac_secret_ref: 'webhook_hmac',
    tls_config: { insecure_skip_verify: true },
    ...extra,
  };
}

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => {
  pki.cleanup();
  expectNoSecrets(logs.lines);
});

describe('validating webhooks', () => {
  it('signs the request, sends ToolHive’s envelope, and refuses what the webhook denies', async () => {
    const recv = await receiver((body) => ({
      json: {
        version: 'v0.1.0',
        uid: body.uid,
        allowed: body.mcp_request.params.name !== 'printEnv',
        reason: 'no env',
      },
    }));
    const chain = await chainWith({ validating_webhooks: [hook(recv.url)] });
    const ok = await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('echo', { message: 'hi' }, 1) }),
      fakeBackend(),
    );
    expect(ok.status).toBe(200);
    const denied = await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('printEnv', {}, 2) }),
      fakeBackend(),
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: { code: 403, message: 'Request denied by policy' },
    });
    expect(recv.received.every((r) => r.signed)).toBe(true);
    const first = recv.received[0]!.body;
    expect(first).toMatchObject({
      version: 'v0.1.0',
      mcp_request: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } },
      context: { server_name: 'everything', source_ip: '127.0.0.1', transport: 'streamable-http' },
    });
    expect(first.principal.sub).toBeTypeOf('string');
    expect(JSON.stringify(first)).not.toMatch(/token/i);
    expect(new Date(first.timestamp).getTime()).toBeGreaterThan(0);
    await chain.close();
    await recv.close();
  });

  it('HTTP 422 always denies, even with failure_policy ignore', async () => {
    const recv = await receiver(() => ({ status: 422, json: { error: 'nope' } }));
    const chain = await chainWith({ validating_webhooks: [hook(recv.url, { failure_policy: 'ignore' })] });
    expect(
      (await runChain(chain.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend()))
        .status,
    ).toBe(403);
    await chain.close();
    await recv.close();
  });

  for (const policy of ['fail', 'ignore'] as const) {
    it(`a webhook that times out: failure_policy ${policy}`, async () => {
      // The receiver would answer after 20 s; only the 1 s timeout ends the call in time.
      const recv = await receiver(() => ({ delayMs: 20_000 }));
      const chain = await chainWith({
        validating_webhooks: [hook(recv.url, { failure_policy: policy, timeout: '1s' })],
      });
      const backend = fakeBackend();
      const r = await runChain(chain.middlewares, requestContext({ message: toolCall('echo') }), backend);
      if (policy === 'fail') {
        expect(r.status).toBe(403);
        expect(backend.calls).toHaveLength(0);
      } else {
        expect(r.status).toBe(200);
        expect(backend.calls).toHaveLength(1);
      }
      await chain.close();
      await recv.close();
    });

    it(`an unreachable or failing webhook: failure_policy ${policy}`, async () => {
      const recv = await receiver(() => ({ status: 503 }));
      const chain = await chainWith({
        validating_webhooks: [
          hook(recv.url, { failure_policy: policy }),
          hook('http://127.0.0.1:1/hook', { name: 'gone', failure_policy: policy }),
        ],
      });
      const r = await runChain(
        chain.middlewares,
        requestContext({ message: toolCall('echo') }),
        fakeBackend(),
      );
      expect(r.status).toBe(policy === 'fail' ? 403 : 200);
      await chain.close();
      await recv.close();
    });
  }

  it('verifies the server with a CA bundle and presents a client certificate (mTLS)', async () => {
    const recv = await receiver(() => ({}), { pki, requireClientCert: true });
    const chain = await chainWith({
      validating_webhooks: [
        hook(recv.url, {
          tls_config: {
            ca_bundle_path: pki.caCertPath,
            client_cert_path: pki.clientCertPath,
            client_key_path: pki.clientKeyPath,
          },
        }),
      ],
    });
    expect(
      (await runChain(chain.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend()))
        .status,
    ).toBe(200);
    expect(recv.received[0]!.clientCert).toBe('toolhive-proxy');
    await chain.close();
    // Without the client certificate the TLS handshake fails, and failure_policy fail denies.
    const noCert = await chainWith({
      validating_webhooks: [hook(recv.url, { tls_config: { ca_bundle_path: pki.caCertPath } })],
    });
    expect(
      (await runChain(noCert.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend()))
        .status,
    ).toBe(403);
    await noCert.close();
    // Without the CA the server is not trusted.
    const noCa = await chainWith({
      validating_webhooks: [
        hook(recv.url, {
          tls_config: { client_cert_path: pki.clientCertPath, client_key_path: pki.clientKeyPath },
        }),
      ],
    });
    expect(
      (await runChain(noCa.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend())).status,
    ).toBe(403);
    await noCa.close();
    await recv.close();
  });

  it('reads an HMAC secret file on every call', async () => {
    const recv = await receiver(() => ({}));
    const file = join(pki.dir, 'hmac');
    writeFileSync(file, `${SECRET}\n`);
    const chain = await chainWith({ validating_webhooks: [hook(recv.url, { hmac_secret_ref: file })] });
    await runChain(chain.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend());
    expect(recv.received[0]!.signed).toBe(true);
    await chain.close();
    await recv.close();
  });

  it('refuses insecure or invalid definitions at startup', async () => {
    await expect(
      chainWith({
        validating_webhooks: [{ name: 'h', url: 'http://hooks.example.test', failure_policy: 'fail' }],
      }),
    ).rejects.toThrow('HTTPS');
    await expect(
      chainWith({ validating_webhooks: [hook('https://h.example.test', { timeout: '45s' })] }),
    ).rejects.toThrow('timeout');
    await expect(
      chainWith({ validating_webhooks: [hook('https://h.example.test', { hmac_secret_ref: 'missing' })] }),
    ).rejects.toThrow('TOOLHIVE_SECRET_missing');
  });
});

describe('mutating webhooks', () => {
  it('applies JSON patches in order, and the validating webhook and backend see the result', async () => {
    const m1 = await receiver((body) => ({
      json: {
        version: 'v0.1.0',
        uid: body.uid,
        allowed: true,
        patch_type: 'json_patch',
        patch: [{ op: 'add', path: '/mcp_request/params/arguments/tenant', value: 'acme' }],
      },
    }));
    const m2 = await receiver((body) => ({
      json: {
        version: 'v0.1.0',
        uid: body.uid,
        allowed: true,
        patch_type: 'json_patch',
        patch: [
          {
            op: 'replace',
            path: '/mcp_request/params/arguments/message',
            value: `[${body.mcp_request.params.arguments.tenant}] ${body.mcp_request.params.arguments.message}`,
          },
        ],
      },
    }));
    const v = await receiver(() => ({}));
    const chain = await chainWith({
      mutating_webhooks: [hook(m1.url, { name: 'm1' }), hook(m2.url, { name: 'm2' })],
      validating_webhooks: [hook(v.url, { name: 'v' })],
    });
    const backend = fakeBackend();
    const r = await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('echo', { message: 'hello' }) }),
      backend,
    );
    expect(r.status).toBe(200);
    expect(backend.calls[0]!.message).toMatchObject({
      params: { name: 'echo', arguments: { message: '[acme] hello', tenant: 'acme' } },
    });
    expect(v.received[0]!.body.mcp_request.params.arguments.message).toBe('[acme] hello');
    await chain.close();
    for (const x of [m1, m2, v]) await x.close();
  });

  it('refuses patches outside /mcp_request/ (fail) or skips them (ignore)', async () => {
    const evil = await receiver((body) => ({
      json: {
        version: 'v0.1.0',
        uid: body.uid,
        allowed: true,
        patch_type: 'json_patch',
        patch: [{ op: 'replace', path: '/principal/sub', value: 'admin' }],
      },
    }));
    const strict = await chainWith({ mutating_webhooks: [hook(evil.url)] });
    const r = await runChain(
      strict.middlewares,
      requestContext({ message: toolCall('echo') }),
      fakeBackend(),
    );
    expect(r.status).toBe(500);
    expect((r.body as { error: { message: string } }).error.message).toBe(
      'Patch must be scoped to mcp_request',
    );
    await strict.close();
    const lenient = await chainWith({ mutating_webhooks: [hook(evil.url, { failure_policy: 'ignore' })] });
    expect(
      (await runChain(lenient.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend()))
        .status,
    ).toBe(200);
    await lenient.close();
    await evil.close();
  });

  it('denials: allowed false is 403, HTTP 422 is 422, errors under fail are 500', async () => {
    const deny = await receiver((body) => ({ json: { version: 'v0.1.0', uid: body.uid, allowed: false } }));
    const chain = await chainWith({ mutating_webhooks: [hook(deny.url)] });
    const r = await runChain(
      chain.middlewares,
      requestContext({ message: toolCall('echo', {}, 5) }),
      fakeBackend(),
    );
    expect(r.status).toBe(403);
    expect(r.body).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: { code: 403, message: 'Request denied by webhook policy' },
    });
    await chain.close();
    deny.handler = () => ({ status: 422 });
    const c422 = await chainWith({ mutating_webhooks: [hook(deny.url, { failure_policy: 'ignore' })] });
    expect(
      (await runChain(c422.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend())).status,
    ).toBe(422);
    await c422.close();
    deny.handler = () => ({ delayMs: 20_000 });
    const slow = await chainWith({ mutating_webhooks: [hook(deny.url)] });
    expect(
      (await runChain(slow.middlewares, requestContext({ message: toolCall('echo') }), fakeBackend())).status,
    ).toBe(500);
    await slow.close();
    await deny.close();
  });
});
