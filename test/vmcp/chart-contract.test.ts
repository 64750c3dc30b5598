/**
 * Contract between VirtualMcpChart and the vMCP runtime: every VirtualMCPServer example renders
 * a `<name>-vmcp-config` ConfigMap whose `config.yaml` the runtime loads as it is.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderAll } from '../../constructs/render.ts';
import type { KubeObject } from '../../lib/api/meta.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.yaml') ? [p] : [];
  });
}

const examples = new URL('../../examples/', import.meta.url).pathname;
const objects: KubeObject[] = files(examples).flatMap((f) =>
  parseAllDocuments(readFileSync(f, 'utf8'))
    .map((d) => d.toJS() as KubeObject)
    .filter((o) => o && typeof o.kind === 'string'),
);
// Secret values are delivered through env vars named by the chart; any value will do here.
const env = new Proxy({}, { get: () => 'from-secret' }) as Record<string, string>;

describe('VirtualMcpChart config.yaml loads in the vMCP runtime', () => {
  const vmcps = objects.filter((o) => o.kind === 'VirtualMCPServer');
  const { rendered } = renderAll(vmcps, new ObjectIndex(objects));
  it('renders every VirtualMCPServer example', () => {
    expect(vmcps.length).toBeGreaterThan(3);
  });
  for (const r of rendered) {
    it(`${r.namespace}/${r.name}`, () => {
      const cm = r.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === `${r.name}-vmcp-config`);
      const text = (cm?.data as Record<string, string> | undefined)?.['config.yaml'];
      expect(text).toBeDefined();
      const settings = resolveConfig(parseConfigText(text!), { env });
      expect(settings.name).toBe(r.name);
    });
  }
});
