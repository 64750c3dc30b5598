/**
 * Embedding clients for the optimizer's semantic search: HuggingFace Text Embeddings Inference
 * (`POST /embed`, batch size from `GET /info`) as an EmbeddingServer runs it, or an
 * OpenAI-compatible `/embeddings` endpoint. Vectors are cached by text hash, so re-indexing after
 * a backend change only embeds what changed.
 */
import { createHash } from 'node:crypto';

export interface Embedder {
  embed(texts: readonly string[]): Promise<number[][]>;
}

const CACHE_LIMIT = 20_000;

export class CachingEmbedder implements Embedder {
  private readonly inner: Embedder;
  private readonly cache = new Map<string, number[]>();

  constructor(inner: Embedder) {
    this.inner = inner;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const keys = texts.map((t) => createHash('sha256').update(t).digest('base64'));
    const missing = [...new Set(texts.filter((_, i) => !this.cache.has(keys[i]!)))];
    if (missing.length > 0) {
      const vectors = await this.inner.embed(missing);
      missing.forEach((t, i) => {
        if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(createHash('sha256').update(t).digest('base64'), vectors[i]!);
      });
    }
    return keys.map((k) => this.cache.get(k)!);
  }
}

export class TeiEmbedder implements Embedder {
  private readonly base: string;
  private readonly timeoutMs: number;
  private batch: number | undefined;

  constructor(baseUrl: string, timeoutMs: number) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
  }

  private async batchSize(): Promise<number> {
    if (this.batch === undefined) {
      try {
        const res = await fetch(`${this.base}/info`, { signal: AbortSignal.timeout(this.timeoutMs) });
        const info = (await res.json()) as { max_client_batch_size?: number };
        this.batch =
          res.ok && typeof info.max_client_batch_size === 'number' ? info.max_client_batch_size : 32;
      } catch {
        this.batch = 32;
      }
    }
    return this.batch;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const size = await this.batchSize();
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += size) {
      const res = await fetch(`${this.base}/embed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: texts.slice(i, i + size), normalize: true, truncate: true }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw new Error(`embedding service answered HTTP ${res.status}`);
      const vectors = (await res.json()) as number[][];
      if (!Array.isArray(vectors)) throw new Error('embedding service returned no vectors');
      out.push(...vectors);
    }
    return out;
  }
}

export class OpenAiEmbedder implements Embedder {
  private readonly base: string;
  private readonly model: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(
    baseUrl: string,
    model: string,
    headers: Record<string, string>,
    apiKey: string | undefined,
    timeoutMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.model = model;
    this.headers = { ...headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
    this.timeoutMs = timeoutMs;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const res = await fetch(`${this.base}/embeddings`, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ model: this.model, input: texts }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`embedding service answered HTTP ${res.status}`);
    const body = (await res.json()) as { data?: Array<{ index: number; embedding: number[] }> };
    const data = [...(body.data ?? [])].sort((a, b) => a.index - b.index);
    return data.map((d) => d.embedding);
  }
}

/** Cosine distance (0 identical … 2 opposite). */
export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return 1;
  return 1 - dot / Math.sqrt(na * nb);
}
