/**
 * The smallest server that keeps requests "in flight" the way a multiplexing proxy does: each
 * POST is stored under a fresh id and answered on the next turn of the event loop, when it is
 * looked up and removed again. `PENDING=map` keeps them in a `Map` keyed by a counter (what the
 * stdio mux did); `PENDING=table` in an `InFlightTable` (what it does now). Listens on `PORT`.
 * Run by `bench/gc.bench.ts`.
 */
import { createServer, type ServerResponse } from 'node:http';
import { applyRuntimeFlags } from '../../proxyrunner/runtime-flags.ts';
import { InFlightTable } from '../../proxyrunner/upstream/in-flight-table.ts';

// The V8 settings the proxy runner runs with.
applyRuntimeFlags();

interface Waiting {
  readonly res: ServerResponse;
  readonly message: { id: number; params: unknown };
}

function answer(w: Waiting): void {
  const text = JSON.stringify({ jsonrpc: '2.0', id: w.message.id, result: { echoed: w.message.params } });
  w.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  w.res.end(text);
}

const byCounter = new Map<number, Waiting>();
const table = new InFlightTable<Waiting>();
let counter = 0;
const keep: (w: Waiting) => void =
  process.env.PENDING === 'map'
    ? (w) => {
        const id = ++counter;
        byCounter.set(id, w);
        setImmediate(() => {
          const found = byCounter.get(id)!;
          byCounter.delete(id);
          answer(found);
        });
      }
    : (w) => {
        const id = table.add(w);
        setImmediate(() => answer(table.delete(id)!));
      };

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => keep({ res, message: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
}).listen(Number(process.env.PORT), '127.0.0.1');
