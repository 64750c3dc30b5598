import { describe, expect, it } from 'vitest';
import { loadConfig, parseBool } from '../../operator/config.ts';

describe('operator configuration', () => {
  it('reads TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR as Go ParseBool does, off when unset', () => {
    expect(loadConfig([], {}, 'h').storageVersionMigrator).toBe(false);
    for (const v of ['1', 't', 'T', 'true', 'TRUE', 'True'])
      expect(
        loadConfig([], { TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR: v }, 'h').storageVersionMigrator,
      ).toBe(true);
    for (const v of ['0', 'f', 'false', 'FALSE']) expect(parseBool('X', v)).toBe(false);
    expect(() => loadConfig([], { TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR: 'yes' }, 'h')).toThrow(
      'invalid value for TOOLHIVE_ENABLE_STORAGE_VERSION_MIGRATOR: "yes" (expected true/false)',
    );
  });

  it('splits WATCH_NAMESPACE and keeps ToolHive defaults', () => {
    const c = loadConfig(['--workers=2'], { WATCH_NAMESPACE: 'a, b,,' }, 'host');
    expect(c.watchNamespaces).toEqual(['a', 'b']);
    expect(c.podNamespace).toBe('toolhive-system');
    expect(c.workers).toBe(2);
  });
});
