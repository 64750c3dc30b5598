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
import { virtualMcpConfig } from '../../lib/api/virtual-mcp-config.ts';
import { ObjectIndex } from '../../lib/resolve/source.ts';
import { parseConfigText, resolveConfig } from '../../proxyrunner/vmcp/config/load.ts';
import { checkStructure } from '../../proxyrunner/vmcp/config/structure.ts';

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
  it('writes an empty clientId when the MCPOIDCConfig has none, as ToolHive does', () => {
    const r = rendered.find((x) => x.name === 'auth-server-gateway');
    expect(r).toBeDefined();
    const cm = r!.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === `${r!.name}-vmcp-config`);
    const data = (cm?.data ?? {}) as Record<string, string>;
    const cfg = parseConfigText(data['config.yaml']!) as {
      incomingAuth?: { oidc?: { clientId?: string } };
    };
    expect(cfg.incomingAuth?.oidc?.clientId).toBe('');
  });
  for (const r of rendered) {
    it(`${r.namespace}/${r.name}`, () => {
      const cm = r.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === `${r.name}-vmcp-config`);
      const text = (cm?.data as Record<string, string> | undefined)?.['config.yaml'];
      expect(text).toBeDefined();
      const cfg = parseConfigText(text!);
      // What the chart writes satisfies the config schema as it stands (the CRD's view), not
      // only the runtime's more lenient reading of it.
      expect(checkStructure(virtualMcpConfig, cfg)).toEqual([]);
      const settings = resolveConfig(cfg, { env });
      expect(settings.name).toBe(r.name);
    });
  }
});

describe('VirtualMcpChart and code mode', () => {
  it('fails the render of a VirtualMCPServer that enables code mode, naming the field', () => {
    const base = objects.find((o) => o.kind === 'VirtualMCPServer')!;
    const spec = base.spec as Record<string, unknown>;
    const enabled = {
      ...base,
      spec: { ...spec, config: { ...((spec.config as object) ?? {}), codeMode: { enabled: true } } },
    } as KubeObject;
    const { rendered, failures } = renderAll([enabled], new ObjectIndex(objects));
    expect(rendered).toHaveLength(0);
    expect(JSON.stringify(failures)).toContain('spec.config.codeMode.enabled');
  });
});
