/**
 * Real clients against the real `proxyrunner run` process: the 2025-11-25 SDK client, the
 * 2026-07-28 SDK client (v2, pinned modern) and the MCP Inspector CLI, side by side on one
 * endpoint, over a stdio child and over an HTTP server; plus `--config` combined with a local
 * command, and the README's laptop-mode command.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { connectClient, EVERYTHING, post, startEverythingHttp, waitFor } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'cli', 'main.ts');
const INSPECTOR = join(ROOT, 'node_modules', '.bin', 'mcp-inspector-cli');
const run = promisify(execFile);

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}

async function startCli(args: string[], port: number, cwd = ROOT): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'proxyrunner', 'run', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(() => output.includes('proxying') || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`proxyrunner exited: ${output}`);
  return {
    child,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function inspector(url: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(INSPECTOR, ['--cli', url, ...args], { timeout: 60_000 });
  return JSON.parse(stdout);
}

async function modernClient(url: string): Promise<ModernClient> {
  const client = new ModernClient(
    { name: 'modern-client', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new ModernTransport(new URL(url)));
  return client;
}

async function bothEras(url: string): Promise<void> {
  const legacy = await connectClient(url, { name: 'legacy' });
  const modern = await modernClient(url);
  try {
    const [a, b] = await Promise.all([
      legacy.callTool({ name: 'echo', arguments: { message: 'legacy' } }),
      modern.callTool({ name: 'echo', arguments: { message: 'modern' } }),
    ]);
    expect(JSON.stringify(a)).toContain('Echo: legacy');
    expect(JSON.stringify(b)).toContain('Echo: modern');
    expect((await modern.listTools()).tools.map((t) => t.name)).toContain('echo');
  } finally {
    await legacy.close();
    await modern.close();
  }
}

describe('proxyrunner run fronting a stdio command', () => {
  let px: Running;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    px = await startCli(
      ['--transport', 'stdio', '--port', String(port), '--', process.execPath, EVERYTHING, 'stdio'],
      port,
    );
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await px.stop();
  });

  it('serves 2025-11-25 sessions and 2026-07-28 requests on one endpoint', async () => {
    await bothEras(`${url}/mcp`);
  });

  it('serves the MCP Inspector CLI over streamable HTTP and over SSE', async () => {
    expect(
      await inspector(
        `${url}/mcp`,
        '--method',
        'tools/call',
        '--tool-name',
        'echo',
        '--tool-arg',
        'message=hi',
      ),
    ).toMatchObject({ content: [{ type: 'text', text: 'Echo: hi' }] });
    const listed = (await inspector(`${url}/sse`, '--transport', 'sse', '--method', 'tools/list')) as {
      tools: Array<{ name: string }>;
    };
    expect(listed.tools.map((t) => t.name)).toContain('echo');
    const read = (await inspector(`${url}/mcp`, '--method', 'resources/list')) as { resources: unknown[] };
    expect(read.resources.length).toBeGreaterThan(0);
  });

  it('answers /health', async () => {
    const res = await fetch(`${url}/health`);
    expect(await res.json()).toMatchObject({ status: 'healthy', transport: 'stdio' });
  });
});

describe('proxyrunner run fronting a local URL', () => {
  it('forwards both eras and the Inspector to a streamable-HTTP server', async () => {
    const server = await startEverythingHttp('streamableHttp');
    const port = await freePort();
    const px = await startCli(
      ['--transport', 'streamable-http', '--target', `${server.base}/mcp`, '--port', String(port)],
      port,
    );
    try {
      await bothEras(`http://127.0.0.1:${port}/mcp`);
      expect(
        await inspector(
          `http://127.0.0.1:${port}/mcp`,
          '--method',
          'tools/call',
          '--tool-name',
          'echo',
          '--tool-arg',
          'message=x',
        ),
      ).toMatchObject({ content: [{ text: 'Echo: x' }] });
    } finally {
      await px.stop();
      await server.stop();
    }
  });
});

describe('--config combined with a local command', () => {
  it('applies the RunConfig (port, body limit, session TTL) to the local process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runconfig-'));
    try {
      const port = await freePort();
      const config = join(dir, 'runconfig.json');
      writeFileSync(
        config,
        JSON.stringify({
          schema_version: 'v0.1.0',
          name: 'everything',
          transport: 'stdio',
          host: '127.0.0.1',
          port,
          session_ttl: '30m',
          middleware_configs: [
            { type: 'bodylimit', parameters: { max_bytes: 2048 } },
            { type: 'mcp-parser', parameters: {} },
          ],
        }),
      );
      const px = await startCli(['--config', config, '--', process.execPath, EVERYTHING, 'stdio'], port);
      try {
        const client = await connectClient(`http://127.0.0.1:${port}/mcp`);
        expect(
          JSON.stringify(await client.callTool({ name: 'echo', arguments: { message: 'cfg' } })),
        ).toContain('cfg');
        await client.close();
        const big = await post(`http://127.0.0.1:${port}/mcp`, {
          jsonrpc: '2.0',
          id: 1,
          method: 'x',
          params: { p: 'x'.repeat(4096) },
        });
        expect(big.status).toBe(413);
      } finally {
        await px.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a RunConfig that asks for policies this build cannot apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runconfig-'));
    try {
      const config = join(dir, 'runconfig.json');
      writeFileSync(
        config,
        JSON.stringify({
          name: 'x',
          transport: 'stdio',
          port: 0,
          middleware_configs: [{ type: 'awssts', parameters: {} }],
        }),
      );
      await expect(
        startCli(['--config', config, '--', process.execPath, EVERYTHING, 'stdio'], 0),
      ).rejects.toThrow(/middleware "awssts" is not supported/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('README laptop mode', () => {
  it('runs the documented command', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- proxyrunner-laptop-example -->\s*```sh\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const line = block![1]!.split('\n').find((l) => l.includes('proxyrunner run'))!;
    const port = await freePort();
    // `npx toolhive-ts` is this repository's CLI; the documented port is swapped for a free one.
    const args = line
      .replace(/^.*proxyrunner run\s+/, '')
      .replace(/\s+#.*$/, '')
      .replace('--port 8080', `--port ${port}`)
      .split(/\s+/);
    const px = await startCli(args, port);
    try {
      const check = /<!-- proxyrunner-laptop-check -->\s*```sh\n([\s\S]*?)```/.exec(readme);
      expect(check).not.toBeNull();
      const client = await connectClient(`http://127.0.0.1:${port}/mcp`);
      expect(
        JSON.stringify(await client.callTool({ name: 'echo', arguments: { message: 'readme' } })),
      ).toContain('Echo: readme');
      await client.close();
      const inspectorLine = check![1]!
        .trim()
        .replace(/^npx\s+/, '')
        .replace('8080', String(port));
      const [, ...inspectorArgs] = inspectorLine.split(/\s+/);
      const { stdout } = await run(
        INSPECTOR,
        inspectorArgs.map((a) => a.replace(/^'|'$/g, '')),
        { timeout: 60_000 },
      );
      expect(stdout).toContain('Echo: hello');
    } finally {
      await px.stop();
    }
  });
});

describe('docs/proxyrunner.md examples', () => {
  const docs = readFileSync(join(ROOT, 'docs', 'proxyrunner.md'), 'utf8');
  const block = (marker: string) => {
    const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(docs);
    if (!m) throw new Error(`no block marked ${marker}`);
    return m[1]!;
  };
  const argsOf = (line: string, port: number) =>
    line
      .replace(/^.*proxyrunner run\s+/, '')
      .replace('--port 8080', `--port ${port}`)
      .trim()
      .split(/\s+/);

  async function echoes(port: number): Promise<void> {
    const client = await connectClient(`http://127.0.0.1:${port}/mcp`);
    expect(JSON.stringify(await client.callTool({ name: 'echo', arguments: { message: 'docs' } }))).toContain(
      'Echo: docs',
    );
    await client.close();
  }

  it('runs the stdio example', async () => {
    const port = await freePort();
    const px = await startCli(argsOf(block('proxyrunner-docs-stdio').trim(), port), port);
    try {
      await echoes(port);
    } finally {
      await px.stop();
    }
  });

  it('runs the --target example', async () => {
    const [backendLine, proxyLine] = block('proxyrunner-docs-target').trim().split('\n');
    expect(backendLine).toMatch(/^PORT=3001 npx mcp-server-everything streamableHttp &$/);
    const server = await startEverythingHttp('streamableHttp');
    const port = await freePort();
    const px = await startCli(
      argsOf(proxyLine!.replace('127.0.0.1:3001', `127.0.0.1:${server.port}`), port),
      port,
    );
    try {
      await echoes(port);
    } finally {
      await px.stop();
      await server.stop();
    }
  });

  it('runs the RunConfig example', async () => {
    const config = JSON.parse(block('proxyrunner-docs-runconfig')) as { port: number };
    const dir = mkdtempSync(join(tmpdir(), 'docs-runconfig-'));
    try {
      const port = await freePort();
      const file = join(dir, 'runconfig.json');
      writeFileSync(file, JSON.stringify({ ...config, port }));
      const line = /npx toolhive-ts proxyrunner run --config runconfig\.json -- .*/.exec(docs)![0];
      const px = await startCli(argsOf(line.replace('runconfig.json', file), port), port);
      try {
        await echoes(port);
      } finally {
        await px.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
