/**
 * A tiny stand-in for the Kubernetes API server, enough for the proxy runner's stdio attach:
 * it lists pods by label and serves `pods/<name>/attach` as a WebSocket speaking the
 * `v4.channel.k8s.io` framing (first byte of each binary message = channel: 0 stdin,
 * 1 stdout, 2 stderr, 3 status). Each "pod" is a real local process (server-everything over
 * stdio) that, like a container, outlives any one attach connection.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakePod {
  readonly name: string;
  readonly child: ChildProcess;
}

export class FakeKubeApi {
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly command: readonly string[];
  private pods: FakePod[] = [];
  private readonly sockets = new Set<WebSocket>();
  private counter = 0;
  port = 0;
  /** Attach connections served so far. */
  attaches = 0;

  constructor(command: readonly string[]) {
    this.command = command;
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
    });
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const list = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
      if (req.method === 'GET' && list) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'PodList',
            apiVersion: 'v1',
            metadata: { resourceVersion: '1' },
            items: this.pods.map((p) => ({
              metadata: { name: p.name, namespace: list[1], labels: { app: 'everything' } },
              status: { phase: 'Running' },
            })),
          }),
        );
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 404 }));
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const m = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/attach$/.exec(url.pathname);
      const pod = m ? this.pods.find((p) => p.name === m[1]) : undefined;
      if (!pod || url.searchParams.get('container') !== 'mcp' || url.searchParams.get('stdin') !== 'true') {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.bridge(ws, pod));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'test', server: `http://127.0.0.1:${this.port}`, skipTLSVerify: true }],
      users: [{ name: 'test', token: 'test-token' }],
      contexts: [{ name: 'test', cluster: 'test', user: 'test', namespace: 'default' }],
      currentContext: 'test',
    });
    return kc;
  }

  /** Starts a new pod (a fresh server process). */
  addPod(): FakePod {
    const [cmd, ...args] = this.command;
    const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const pod = { name: `everything-${this.counter++}`, child };
    this.pods.push(pod);
    return pod;
  }

  /** Deletes every pod: processes die and attach connections drop, as when a pod is evicted. */
  async deletePods(): Promise<void> {
    const pods = this.pods;
    this.pods = [];
    for (const ws of this.sockets) ws.terminate();
    await Promise.all(pods.map((p) => stopChild(p.child)));
  }

  private bridge(ws: WebSocket, pod: FakePod): void {
    this.attaches++;
    this.sockets.add(ws);
    const { child } = pod;
    const out = (channel: number) => (chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), chunk]));
    };
    const onStdout = out(1);
    const onStderr = out(2);
    child.stdout!.on('data', onStdout);
    child.stderr!.on('data', onStderr);
    const onExit = () => ws.close();
    child.once('exit', onExit);
    ws.on('message', (data: Buffer) => {
      if (data.length > 0 && data[0] === 0) child.stdin!.write(data.subarray(1));
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      child.stdout!.off('data', onStdout);
      child.stderr!.off('data', onStderr);
      child.off('exit', onExit);
    });
  }

  async stop(): Promise<void> {
    await this.deletePods();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGKILL');
  await exited;
}
