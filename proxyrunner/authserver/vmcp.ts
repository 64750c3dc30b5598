/**
 * The Virtual MCP server's embedded authorization server: like ToolHive's `vmcp serve`, it is
 * configured by `authserver-config.yaml` beside the vMCP config file (the operator writes both
 * into the same ConfigMap), and may federate several upstreams in one login.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { authServerKeyPrefix, type EmbeddedAuthServerRunConfig } from '../../lib/runconfig/authserver.ts';
import { VMCP_AUTHSERVER_CONFIG_KEY } from '../../lib/vmcp-config/build.ts';
import type { Logger } from '../middleware/shared/logger.ts';
import type { Env } from '../middleware/shared/secrets.ts';
import { EmbeddedAuthServer } from './server.ts';

/** The RunConfig beside `configPath`, or undefined when there is none. */
export function readVmcpAuthServerConfig(
  configPath: string,
  readFile: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): EmbeddedAuthServerRunConfig | undefined {
  const path = join(dirname(configPath), VMCP_AUTHSERVER_CONFIG_KEY);
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(
      `failed to read auth server config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const value = parse(text) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`auth server config ${path} is not a mapping`);
  return value as EmbeddedAuthServerRunConfig;
}

/** Starts the authorization server for a vMCP, if its config file is there. */
export async function loadVmcpAuthServer(
  configPath: string,
  o: { env?: Env; logger?: Logger; namespace?: string; name: string },
): Promise<EmbeddedAuthServer | undefined> {
  const rc = readVmcpAuthServerConfig(configPath);
  if (!rc) return undefined;
  return EmbeddedAuthServer.create(rc, {
    ...(o.env ? { env: o.env } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    defaultKeyPrefix: authServerKeyPrefix(o.namespace || 'default', o.name),
  });
}
