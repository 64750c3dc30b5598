/**
 * Secret references, resolved at run time so that no secret value ever sits in a RunConfig
 * (architecture decision 9). A reference is either an absolute path of a mounted file (a
 * Kubernetes Secret volume) or the name of a secret delivered as the environment variable
 * `TOOLHIVE_SECRET_<name>` (ToolHive's environment secrets provider), the form the operator uses
 * for `secretKeyRef` env entries.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export const SECRET_ENV_PREFIX = 'TOOLHIVE_SECRET_';

export type Env = Readonly<Record<string, string | undefined>>;

/** `"<name>,target=<x>"` (ToolHive's CLI secret syntax) or a bare name. */
export function secretNameOf(ref: string): string {
  const comma = ref.indexOf(',');
  return (comma === -1 ? ref : ref.slice(0, comma)).trim();
}

export interface SecretSource {
  env: Env;
  readFile?: (path: string) => string;
}

/**
 * Resolves a secret reference to its value. File contents keep their bytes except one trailing
 * newline, which `kubectl create secret --from-file` and editors commonly add.
 */
export function resolveSecret(ref: string, source: SecretSource): string {
  if (ref === '') throw new Error('empty secret reference');
  if (isAbsolute(ref)) {
    const read = source.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
    let value: string;
    try {
      value = read(ref);
    } catch (err) {
      throw new Error(`cannot read secret file ${ref}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return value.replace(/\r?\n$/, '');
  }
  const name = secretNameOf(ref);
  const envName = `${SECRET_ENV_PREFIX}${name}`;
  // ToolHive uses the name as is (Kubernetes secret names contain hyphens, which env allows);
  // shells cannot set such names, so the underscored form is accepted too.
  const shellName = `${SECRET_ENV_PREFIX}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const value = source.env[envName] || source.env[shellName];
  if (value === undefined || value === '')
    throw new Error(`secret "${name}" not found (expected env ${envName})`);
  return value;
}

/** Reads an environment variable that must hold a secret; `undefined` when unset or empty. */
export function secretFromEnv(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}
