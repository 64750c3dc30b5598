/**
 * A DevTools-protocol client for a Node process started with `--inspect=127.0.0.1:PORT`: what the
 * GC benchmark needs to force a full collection inside a proxy and to see which allocations
 * outlive young-generation collections.
 */

interface ProfileNode {
  readonly selfSize: number;
  readonly children?: readonly ProfileNode[];
}

export class Inspector {
  private readonly ws: WebSocket;
  private nextId = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
  }

  static async connect(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      webSocketDebuggerUrl: string;
    }>;
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on port ${port}`);
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', reject, { once: true });
    });
    return new Inspector(ws);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const onMessage = (e: MessageEvent) => {
        const m = JSON.parse(String(e.data)) as { id?: number; result?: T; error?: { message: string } };
        if (m.id !== id) return;
        this.ws.removeEventListener('message', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as T);
      };
      this.ws.addEventListener('message', onMessage);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full (mark-compact) collection, as V8 runs on its own when the old generation fills. */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
  }

  /**
   * Runs `during` under V8's sampling heap profiler, keeping only allocations that outlive young
   * collections (promoted to the old generation, or still alive); returns their sampled bytes.
   * In a proxy in its steady state almost nothing a request allocates should be among them.
   */
  async bytesSurvivingYoungGc(during: () => Promise<unknown>): Promise<number> {
    await this.send('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
    await during();
    const { profile } = await this.send<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
    let bytes = 0;
    const walk = (n: ProfileNode): void => {
      bytes += n.selfSize;
      for (const c of n.children ?? []) walk(c);
    };
    walk(profile.head);
    return bytes;
  }

  close(): void {
    this.ws.close();
  }
}
