/**
 * The operator's settings, from flags and the environment variables ToolHive's operator reads
 * (same names, same defaults where they apply). Parsed once in main and passed down.
 */
import { parseArgs } from 'node:util';

export interface OperatorConfig {
  /** WATCH_NAMESPACE split on commas; empty = every namespace. */
  watchNamespaces: string[];
  /** POD_NAMESPACE: where the leader-election Lease lives. */
  podNamespace: string;
  /** This replica's identity in leader election. */
  identity: string;
  leaderElect: boolean;
  metricsBindAddress: string;
  healthProbeBindAddress: string;
  workers: number;
  images: { runner?: string; vmcp?: string; registryApi?: string };
  proxyHost?: string;
  defaultImagePullSecrets: string[];
  defaultRedis?: { address: string; secretName?: string; secretKey?: string };
  openShift: boolean;
  logLevel: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function address(value: string): { host: string; port: number } {
  const i = value.lastIndexOf(':');
  const host = i <= 0 ? '0.0.0.0' : value.slice(0, i);
  const port = Number(value.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid bind address "${value}"`);
  return { host: host === '' ? '0.0.0.0' : host, port };
}

export function parseBindAddress(value: string): { host: string; port: number } {
  return address(value);
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv, hostname: string): OperatorConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      'leader-elect': { type: 'boolean', default: false },
      'metrics-bind-address': { type: 'string', default: ':8080' },
      'health-probe-bind-address': { type: 'string', default: ':8081' },
      workers: { type: 'string', default: '4' },
    },
    strict: true,
    allowPositionals: false,
  });
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer`);
  const redisAddr = env.TOOLHIVE_DEFAULT_REDIS_ADDR;
  const redisSecret = env.TOOLHIVE_DEFAULT_REDIS_SECRET_NAME;
  return {
    watchNamespaces: list(env.WATCH_NAMESPACE),
    podNamespace: env.POD_NAMESPACE || 'toolhive-system',
    identity: `${env.POD_NAME || hostname}_${process.pid}`,
    leaderElect: values['leader-elect'] === true,
    metricsBindAddress: values['metrics-bind-address'] as string,
    healthProbeBindAddress: values['health-probe-bind-address'] as string,
    workers,
    images: {
      ...(env.TOOLHIVE_RUNNER_IMAGE ? { runner: env.TOOLHIVE_RUNNER_IMAGE } : {}),
      ...(env.VMCP_IMAGE ? { vmcp: env.VMCP_IMAGE } : {}),
      ...(env.TOOLHIVE_REGISTRY_API_IMAGE ? { registryApi: env.TOOLHIVE_REGISTRY_API_IMAGE } : {}),
    },
    ...(env.TOOLHIVE_PROXY_HOST ? { proxyHost: env.TOOLHIVE_PROXY_HOST } : {}),
    defaultImagePullSecrets: list(env.TOOLHIVE_DEFAULT_IMAGE_PULL_SECRETS),
    ...(redisAddr
      ? {
          defaultRedis: {
            address: redisAddr,
            ...(redisSecret
              ? {
                  secretName: redisSecret,
                  secretKey: env.TOOLHIVE_DEFAULT_REDIS_SECRET_KEY || 'redis-password',
                }
              : {}),
          },
        }
      : {}),
    openShift: env.OPERATOR_OPENSHIFT === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
