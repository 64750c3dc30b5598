import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  inClusterConnection,
  kubeconfigConnection,
  kubeconfigFiles,
  loadConnection,
} from '../../../operator/kube/connection.ts';

function kubeconfig(cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'dev',
    contexts: [{ name: 'dev', context: { cluster: 'c', user: 'u' } }],
    clusters: [
      { name: 'c', cluster },
      { name: 'other', cluster: { server: 'https://other:6443' } },
    ],
    users: [{ name: 'u', user }],
  });
}

describe('connection settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thv-conn-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads a token kubeconfig with inline CA data', async () => {
    const file = write(
      'config',
      kubeconfig(
        {
          server: 'https://api.example.test:6443/',
          'certificate-authority-data': Buffer.from('CA PEM').toString('base64'),
          'tls-server-name': 'kubernetes',
        },
        { token: 'abc' },
      ),
    );
    const c = await kubeconfigConnection(file);
    expect(c?.server).toBe('https://api.example.test:6443');
    expect(await c?.headers()).toEqual({ Authorization: 'Bearer abc' });
    expect(c?.tls()).toEqual({ ca: Buffer.from('CA PEM'), servername: 'kubernetes' });
  });

  it('reads client certificates and token files relative to the kubeconfig', async () => {
    write('client.crt', 'CERT');
    write('client.key', 'KEY');
    write('token', 'from-file\n');
    const certs = await kubeconfigConnection(
      write(
        'certs',
        kubeconfig(
          { server: 'https://api:6443', 'insecure-skip-tls-verify': true },
          { 'client-certificate': 'client.crt', 'client-key': 'client.key' },
        ),
      ),
    );
    expect(certs?.tls()).toEqual({
      cert: Buffer.from('CERT'),
      key: Buffer.from('KEY'),
      rejectUnauthorized: false,
    });
    expect(await certs?.headers()).toEqual({});
    const tokenFile = await kubeconfigConnection(
      write('tf', kubeconfig({ server: 'https://api:6443' }, { tokenFile: 'token' })),
    );
    expect(await tokenFile?.headers()).toEqual({ Authorization: 'Bearer from-file' });
  });

  it('leaves exec plugins, auth providers and proxies to client-node', async () => {
    const exec = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws' } };
    expect(await kubeconfigConnection(write('exec', kubeconfig({ server: 'https://a' }, exec)))).toBe(
      undefined,
    );
    const provider = { 'auth-provider': { name: 'oidc', config: {} } };
    expect(await kubeconfigConnection(write('oidc', kubeconfig({ server: 'https://a' }, provider)))).toBe(
      undefined,
    );
    const proxy = { server: 'https://a', 'proxy-url': 'http://proxy:3128' };
    expect(await kubeconfigConnection(write('proxy', kubeconfig(proxy, { token: 't' })))).toBe(undefined);
  });

  it('names a missing context or server', async () => {
    const bad = write('bad', stringify({ 'current-context': 'nope', contexts: [] }));
    await expect(kubeconfigConnection(bad)).rejects.toThrow('current context "nope" not found');
  });

  it('uses the pod service account in a cluster, re-reading its files', async () => {
    write('token', 'sa-token');
    write('ca.crt', 'CLUSTER CA');
    const env = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };
    const c = inClusterConnection(env, dir);
    expect(c?.server).toBe('https://[fd00::1]:443');
    expect(await c?.headers()).toEqual({ Authorization: 'Bearer sa-token' });
    expect(c?.tls()).toEqual({ ca: Buffer.from('CLUSTER CA') });
    expect(inClusterConnection({}, dir)).toBeUndefined();
    expect(inClusterConnection(env, join(dir, 'missing'))).toBeUndefined();
  });

  it('looks in KUBECONFIG, then ~/.kube/config, as client-node does', async () => {
    const file = write('kc', kubeconfig({ server: 'https://from-env:6443' }, { token: 't' }));
    expect(kubeconfigFiles({ KUBECONFIG: file }, dir)).toEqual([file]);
    expect(kubeconfigFiles({}, dir)).toEqual([]);
    expect(kubeconfigFiles({ KUBECONFIG: `${file}:${file}` }, dir)).toEqual([file, file]);
    expect((await loadConnection({ KUBECONFIG: file }, dir)).server).toBe('https://from-env:6443');
  });

  it('hands exec-plugin kubeconfigs and merged files to client-node', async () => {
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: 'from-exec' },
    };
    const file = write(
      'kc',
      kubeconfig(
        { server: 'https://api:6443' },
        {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: process.execPath,
            args: ['-e', `console.log(JSON.stringify(${JSON.stringify(credential)}))`],
            interactiveMode: 'Never',
          },
        },
      ),
    );
    const c = await loadConnection({ KUBECONFIG: file }, dir);
    expect(c.source).toContain('client-node');
    expect(c.server).toBe('https://api:6443');
    expect(await c.headers()).toMatchObject({ Authorization: 'Bearer from-exec' });
    const plain = write(
      'plain',
      stringify({
        'current-context': 'second',
        contexts: [{ name: 'second', context: { cluster: 'c2', user: 'u2' } }],
        clusters: [{ name: 'c2', cluster: { server: 'https://second:6443' } }],
        users: [{ name: 'u2', user: { token: 't' } }],
      }),
    );
    const merged = await loadConnection({ KUBECONFIG: `${plain}:${file}` }, dir);
    expect(merged.source).toContain('client-node');
    expect(merged.server).toBe('https://second:6443');
  });
});
