/**
 * The floor for an HTTP hop on this machine: the least a Node.js reverse proxy can do (buffer
 * the request, forward it over a keep-alive connection, pipe the reply back), with no MCP
 * awareness, sessions or policy. The proxy benchmark runs it beside ours so the passthrough
 * overhead can be read against what any Node proxy costs here.
 *
 *   node bench/support/bare-http-proxy.ts PORT TARGET_URL
 */
import { Agent, createServer, type OutgoingHttpHeaders, request } from 'node:http';

const [port, target] = process.argv.slice(2);
if (port === undefined || target === undefined) throw new Error('usage: bare-http-proxy.ts PORT TARGET_URL');
const upstream = new URL(target);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers: OutgoingHttpHeaders = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: upstream.pathname,
        method: req.method,
        headers,
        agent,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(Buffer.concat(chunks));
  });
}).listen(Number(port), '127.0.0.1');
