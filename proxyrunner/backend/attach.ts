/**
 * The stdin/stdout of the MCP server pod through the Kubernetes attach API (a WebSocket with
 * the `channel.k8s.io` framing, via @kubernetes/client-node). Like ToolHive it attaches to the
 * first pod labelled `app=<name>`, container `mcp`, and retries with exponential backoff (1 s
 * initial, 15 s cap); after 90 s without a backend it gives up, so the process exits non-zero
 * and Kubernetes restarts it — by then the StatefulSet may have a new pod.
 */
import { PassThrough, Writable } from 'node:stream';
import { Attach, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import { LineSplitter } from '../protocol/lines.ts';
import { backoffDelay, type MessagePipe, type PipeEvents } from './pipe.ts';

export interface AttachPipeOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** Label selector of the MCP server's pods, `app=<name>`. */
  readonly labelSelector: string;
  readonly container?: string;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** Give up after this long without a backend; default 90 s. */
  readonly giveUpMs?: number;
}

export class AttachPipe implements MessagePipe {
  private readonly o: AttachPipeOptions;
  private readonly core: CoreV1Api;
  private readonly attacher: Attach;
  private events: PipeEvents | undefined;
  private ws: WebSocket | undefined;
  private stdin: PassThrough | undefined;
  private closed = false;
  private attempt = 0;
  private downSince = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly fatalListeners: Array<(reason: string) => void> = [];
  private pod: string | undefined;
  isUp = false;

  constructor(o: AttachPipeOptions) {
    this.o = o;
    this.core = o.kubeConfig.makeApiClient(CoreV1Api);
    this.attacher = new Attach(o.kubeConfig);
  }

  get description(): string {
    return `pod ${this.pod ?? `(${this.o.labelSelector})`} in ${this.o.namespace}, container ${this.o.container ?? 'mcp'}`;
  }

  get pendingBytes(): number {
    return (this.ws?.bufferedAmount ?? 0) + (this.stdin?.readableLength ?? 0);
  }

  onFatal(listener: (reason: string) => void): void {
    this.fatalListeners.push(listener);
  }

  start(events: PipeEvents): Promise<void> {
    this.events = events;
    return new Promise((resolve, reject) => {
      const onFirst = (err?: Error) => (err ? reject(err) : resolve());
      this.tryAttach(onFirst);
    });
  }

  private tryAttach(onFirst?: (err?: Error) => void): void {
    if (this.closed) return;
    this.attach().then(
      () => {
        this.attempt = 0;
        onFirst?.();
      },
      (err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        const waited = Date.now() - this.downSince;
        const budget = this.o.giveUpMs ?? 90_000;
        if (waited >= budget) {
          const message = `no MCP server pod to attach to for ${Math.round(waited / 1000)} s: ${reason}`;
          this.closed = true;
          for (const l of this.fatalListeners) l(message);
          onFirst?.(new Error(message));
          return;
        }
        const delay = Math.min(
          backoffDelay(this.attempt++, this.o.retryInitialMs ?? 1_000, this.o.retryMaxMs ?? 15_000),
          budget - waited,
        );
        console.error(`attach failed (${reason}); retrying in ${delay} ms`);
        this.timer = setTimeout(() => this.tryAttach(onFirst), delay);
      },
    );
  }

  private async attach(): Promise<void> {
    const pods = await this.core.listNamespacedPod({
      namespace: this.o.namespace,
      labelSelector: this.o.labelSelector,
    });
    const pod = pods.items.find(isRunning);
    if (!pod?.metadata?.name) throw new Error(`no running pod matches ${this.o.labelSelector}`);
    const name = pod.metadata.name;

    const splitter = new LineSplitter((line) => this.events?.line(line));
    const stdout = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        splitter.push(chunk.toString('utf8'));
        cb();
      },
    });
    const stderr = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        process.stderr.write(chunk);
        cb();
      },
    });
    const stdin = new PassThrough();
    const ws = (await this.attacher.attach(
      this.o.namespace,
      name,
      this.o.container ?? 'mcp',
      stdout,
      stderr,
      stdin,
      false,
    )) as WebSocket;
    this.ws = ws;
    this.stdin = stdin;
    this.pod = name;
    this.isUp = true;
    ws.on('close', () => this.lost(ws, 'attach stream closed'));
    ws.on('error', (err: Error) => this.lost(ws, `attach stream error: ${err.message}`));
    this.events?.up();
  }

  private lost(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    this.stdin?.end();
    this.stdin = undefined;
    const wasUp = this.isUp;
    this.isUp = false;
    if (wasUp) {
      this.downSince = Date.now();
      this.events?.down(`${reason} (pod ${this.pod})`);
    }
    if (!this.closed) this.tryAttach();
  }

  send(line: string): boolean {
    if (!this.isUp || !this.stdin) return false;
    this.stdin.write(`${line}\n`);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = undefined;
    this.stdin?.end();
    ws?.close();
  }
}

function isRunning(pod: V1Pod): boolean {
  return pod.status?.phase === 'Running' && pod.metadata?.deletionTimestamp === undefined;
}
