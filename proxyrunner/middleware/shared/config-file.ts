/** Reads a JSON or YAML config file (ToolHive accepts both for authz, audit and webhook files). */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

export function readConfigFile(
  path: string,
  read: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): unknown {
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    throw new Error(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`cannot parse config file ${path}: ${(err as Error).message}`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
