/**
 * Every file under examples/ validates: each toolhive.stacklok.dev document is accepted, other
 * kinds (Secrets, ConfigMaps) are skipped, and no document is unreadable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../../lib/validate/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const examplesDir = join(root, 'examples');

function manifests(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : manifests(full);
      return /\.(ya?ml|json)$/.test(name) ? [full] : [];
    });
}

const files = manifests(examplesDir);

describe('examples/', () => {
  it('has manifests to validate', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s validates', (_name, file) => {
    const docs = validateDocuments(readFileSync(file, 'utf8'), file);
    const problems = docs
      .filter((d) => d.status === 'invalid' || d.status === 'error')
      .map((d) => `#${d.index}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(docs.some((d) => d.status === 'valid' || d.status === 'skipped')).toBe(true);
  });

  it('covers all 14 kinds', () => {
    const kinds = new Set<string>();
    for (const f of files) {
      for (const d of validateDocuments(readFileSync(f, 'utf8'), f))
        if (d.status === 'valid' && d.kind) kinds.add(d.kind);
    }
    expect([...kinds].sort()).toEqual([
      'EmbeddingServer',
      'MCPAuthzConfig',
      'MCPExternalAuthConfig',
      'MCPGroup',
      'MCPOIDCConfig',
      'MCPRegistry',
      'MCPRemoteProxy',
      'MCPServer',
      'MCPServerEntry',
      'MCPTelemetryConfig',
      'MCPToolConfig',
      'MCPWebhookConfig',
      'VirtualMCPCompositeToolDefinition',
      'VirtualMCPServer',
    ]);
  });
});
