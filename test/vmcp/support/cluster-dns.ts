/**
 * Preload (`node --import`) for processes that must reach in-cluster Service URLs in tests:
 * every `*.svc.cluster.local` name resolves to 127.0.0.1, so a backend listening there on the
 * port a member's Service would have answers at the URL the chart wrote. Other names resolve
 * as usual.
 */
import dns from 'node:dns';

type Callback = (err: Error | null, address: unknown, family?: number) => void;
const original = dns.lookup;
(dns as { lookup: unknown }).lookup = function lookup(
  this: unknown,
  hostname: string,
  options: unknown,
  callback?: Callback,
): unknown {
  const cb = (typeof options === 'function' ? options : callback) as Callback;
  const opts = typeof options === 'object' && options !== null ? (options as { all?: boolean }) : {};
  if (typeof hostname === 'string' && hostname.endsWith('.svc.cluster.local')) {
    process.nextTick(() =>
      opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
    );
    return {};
  }
  return (original as (...args: unknown[]) => unknown).call(this, hostname, options, callback);
};
