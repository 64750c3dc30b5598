/**
 * A typed builder for the registry API server's `config.yaml` (toolhive-registry-server, see
 * reference/toolhive-dataplane.md §5.1), the text an MCPRegistry carries in `spec.configYAML`.
 * Credentials never go into the text: the builder names files, and returns the Secret volumes
 * and mounts that put those files in the pod, plus the pgpass Secret for the database.
 */
import { stringify } from 'yaml';

export type SyncPolicy = { readonly interval: string };
export interface NameFilter {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}
export interface SourceFilter {
  readonly names?: NameFilter;
  readonly tags?: NameFilter;
}
export interface SecretFile {
  /** Secret name and key whose value becomes the file. */
  readonly secretName: string;
  readonly key: string;
}

interface SourceBase {
  readonly name: string;
  /** Data format of the source (`toolhive` or `upstream`). */
  readonly format?: 'toolhive' | 'upstream';
  readonly filter?: SourceFilter;
  readonly claims?: Readonly<Record<string, string | readonly string[]>>;
}
export interface GitSource extends SourceBase {
  readonly git: {
    readonly repository: string;
    readonly branch?: string;
    readonly tag?: string;
    readonly commit?: string;
    readonly path?: string;
    /** HTTPS auth: the password (token) is mounted from a Secret and named by file. */
    readonly auth?: { readonly username: string; readonly password: SecretFile };
  };
  readonly syncPolicy: SyncPolicy;
}
export interface ApiSource extends SourceBase {
  readonly api: { readonly endpoint: string; readonly timeout?: string };
  readonly syncPolicy: SyncPolicy;
}
/** A remote registry file fetched over HTTP(S). */
export interface UrlSource extends SourceBase {
  readonly url: { readonly endpoint: string; readonly timeout?: string };
  readonly syncPolicy: SyncPolicy;
}
export interface FileSource extends SourceBase {
  readonly file: { readonly path: string };
  readonly syncPolicy: SyncPolicy;
}
export interface KubernetesSource extends SourceBase {
  /** Namespaces to watch for exported workloads; empty means the server's own setting. */
  readonly kubernetes: { readonly namespaces?: readonly string[] };
}
export interface ManagedSource extends SourceBase {
  readonly managed: Record<string, never>;
}
export type RegistrySource =
  | GitSource
  | ApiSource
  | UrlSource
  | FileSource
  | KubernetesSource
  | ManagedSource;

export interface RegistryDefinition {
  readonly name: string;
  /** Source names in priority order; the first wins on duplicates. */
  readonly sources: readonly string[];
  readonly claims?: Readonly<Record<string, string | readonly string[]>>;
}

export interface OAuthProvider {
  readonly name: string;
  readonly issuerUrl: string;
  readonly audience: string;
  readonly jwksUrl?: string;
  readonly clientId?: string;
  readonly clientSecret?: SecretFile;
  readonly caCertPath?: string;
  readonly authTokenFile?: string;
  readonly introspectionUrl?: string;
  readonly allowPrivateIP?: boolean;
}

export type ClaimMap = Readonly<Record<string, string | readonly string[]>>;

export interface RegistryAuth {
  readonly mode: 'anonymous' | 'oauth';
  readonly publicPaths?: readonly string[];
  readonly oauth?: {
    readonly resourceUrl?: string;
    readonly realm?: string;
    readonly providers: readonly OAuthProvider[];
  };
  readonly authz?: {
    readonly roles: {
      readonly superAdmin?: readonly ClaimMap[];
      readonly manageSources?: readonly ClaimMap[];
      readonly manageRegistries?: readonly ClaimMap[];
      readonly manageEntries?: readonly ClaimMap[];
    };
  };
}

export interface RegistryDatabase {
  readonly host: string;
  readonly port?: number;
  readonly user: string;
  readonly migrationUser?: string;
  readonly database: string;
  readonly sslMode?: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  readonly maxOpenConns?: number;
  readonly maxIdleConns?: number;
  readonly connMaxLifetime?: string;
  /** A `.pgpass` file in a Secret; the chart copies it into place with mode 0600. */
  readonly pgpass?: SecretFile;
}

export interface RegistryServerConfig {
  readonly sources: readonly RegistrySource[];
  readonly registries: readonly RegistryDefinition[];
  readonly auth: RegistryAuth;
  readonly database?: RegistryDatabase;
  readonly telemetry?: Readonly<Record<string, unknown>>;
  readonly audit?: Readonly<Record<string, unknown>>;
}

/** What the builder hands to an MCPRegistry spec. */
export interface RegistrySpecParts {
  configYAML: string;
  volumes?: Array<Record<string, unknown>>;
  volumeMounts?: Array<Record<string, unknown>>;
  pgpassSecretRef?: { name: string; key: string };
}

export class RegistryConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryConfigError';
  }
}

export const SECRET_FILES_DIR = '/secrets';

const SOURCE_TYPES = ['git', 'api', 'url', 'file', 'kubernetes', 'managed'] as const;

function sourceType(s: RegistrySource, path: string): (typeof SOURCE_TYPES)[number] {
  const present = SOURCE_TYPES.filter((t) => (s as unknown as Record<string, unknown>)[t] !== undefined);
  if (present.length !== 1)
    throw new RegistryConfigError(
      `${path}: exactly one of git, api, url, file, kubernetes, managed must be set`,
    );
  return present[0] as (typeof SOURCE_TYPES)[number];
}

function filter(f: SourceFilter | undefined): Record<string, unknown> | undefined {
  if (!f) return undefined;
  const part = (n: NameFilter | undefined) =>
    n
      ? {
          ...(n.include ? { include: [...n.include] } : {}),
          ...(n.exclude ? { exclude: [...n.exclude] } : {}),
        }
      : undefined;
  const out: Record<string, unknown> = {};
  if (f.names) out.names = part(f.names);
  if (f.tags) out.tags = part(f.tags);
  return out;
}

/** Builds `configYAML` (and the volumes its files need) from a typed configuration. */
export function buildRegistryConfig(cfg: RegistryServerConfig): RegistrySpecParts {
  const volumes: Array<Record<string, unknown>> = [];
  const volumeMounts: Array<Record<string, unknown>> = [];
  const secretFile = (file: SecretFile, purpose: string): string => {
    const volume = `${purpose}-${file.secretName}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 63);
    const mountPath = `${SECRET_FILES_DIR}/${volume}`;
    if (!volumes.some((v) => v.name === volume)) {
      volumes.push({
        name: volume,
        secret: { secretName: file.secretName, items: [{ key: file.key, path: file.key }] },
      });
      volumeMounts.push({ name: volume, mountPath, readOnly: true });
    }
    return `${mountPath}/${file.key}`;
  };

  if (cfg.sources.length === 0) throw new RegistryConfigError('sources: at least one source is required');
  const names = new Set<string>();
  const sources = cfg.sources.map((s, i) => {
    const path = `sources[${i}]`;
    if (!s.name) throw new RegistryConfigError(`${path}.name: required`);
    if (names.has(s.name)) throw new RegistryConfigError(`${path}.name: duplicate source "${s.name}"`);
    names.add(s.name);
    const type = sourceType(s, path);
    const out: Record<string, unknown> = { name: s.name };
    if (s.format) out.format = s.format;
    switch (type) {
      case 'git': {
        const g = (s as GitSource).git;
        const refs = [g.branch, g.tag, g.commit].filter((r) => r !== undefined);
        if (refs.length > 1)
          throw new RegistryConfigError(`${path}.git: branch, tag and commit are mutually exclusive`);
        out.git = {
          repository: g.repository,
          ...(g.branch ? { branch: g.branch } : {}),
          ...(g.tag ? { tag: g.tag } : {}),
          ...(g.commit ? { commit: g.commit } : {}),
          ...(g.path ? { path: g.path } : {}),
          ...(g.auth
            ? { auth: { username: g.auth.username, passwordFile: secretFile(g.auth.password, 'git') } }
            : {}),
        };
        break;
      }
      case 'api':
        out.api = { ...(s as ApiSource).api };
        break;
      case 'url': {
        const u = (s as UrlSource).url;
        out.file = { url: u.endpoint, ...(u.timeout ? { timeout: u.timeout } : {}) };
        break;
      }
      case 'file':
        out.file = { path: (s as FileSource).file.path };
        break;
      case 'kubernetes': {
        const k = (s as KubernetesSource).kubernetes;
        out.kubernetes = k.namespaces ? { namespaces: [...k.namespaces] } : {};
        break;
      }
      case 'managed':
        out.managed = {};
        break;
    }
    if ('syncPolicy' in s && s.syncPolicy) out.syncPolicy = { interval: s.syncPolicy.interval };
    else if (type === 'git' || type === 'api' || type === 'url' || type === 'file')
      throw new RegistryConfigError(`${path}.syncPolicy: required for ${type} sources`);
    const f = filter(s.filter);
    if (f) out.filter = f;
    if (s.claims) out.claims = s.claims;
    return out;
  });

  if (cfg.registries.length === 0)
    throw new RegistryConfigError('registries: at least one registry is required');
  const registries = cfg.registries.map((r, i) => {
    for (const src of r.sources)
      if (!names.has(src)) throw new RegistryConfigError(`registries[${i}].sources: unknown source "${src}"`);
    return { name: r.name, sources: [...r.sources], ...(r.claims ? { claims: r.claims } : {}) };
  });

  const auth: Record<string, unknown> = { mode: cfg.auth.mode };
  if (cfg.auth.publicPaths) auth.publicPaths = [...cfg.auth.publicPaths];
  if (cfg.auth.mode === 'oauth') {
    const oauth = cfg.auth.oauth;
    if (!oauth || oauth.providers.length === 0)
      throw new RegistryConfigError('auth.oauth.providers: at least one provider is required in oauth mode');
    auth.oauth = {
      ...(oauth.resourceUrl ? { resourceUrl: oauth.resourceUrl } : {}),
      realm: oauth.realm ?? 'mcp-registry',
      providers: oauth.providers.map((p) => {
        const { clientSecret, ...rest } = p;
        return { ...rest, ...(clientSecret ? { clientSecretFile: secretFile(clientSecret, 'oauth') } : {}) };
      }),
    };
  }
  if (cfg.auth.authz) auth.authz = cfg.auth.authz;

  const config: Record<string, unknown> = { sources, registries, auth };
  let pgpassSecretRef: RegistrySpecParts['pgpassSecretRef'];
  if (cfg.database) {
    const { pgpass, ...db } = cfg.database;
    config.database = { port: 5432, sslMode: 'require', ...db };
    if (pgpass) pgpassSecretRef = { name: pgpass.secretName, key: pgpass.key };
  }
  if (cfg.telemetry) config.telemetry = cfg.telemetry;
  if (cfg.audit) config.audit = cfg.audit;
  return {
    configYAML: stringify(config, { lineWidth: 0 }),
    ...(volumes.length > 0 ? { volumes, volumeMounts } : {}),
    ...(pgpassSecretRef ? { pgpassSecretRef } : {}),
  };
}
