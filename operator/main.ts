/**
 * `toolhive-ts operator`: the controller process. Loads the kubeconfig (KUBECONFIG or
 * ~/.kube/config locally, the pod's service account in a cluster), serves /healthz and /readyz
 * on :8081 and /metrics on :8080, optionally elects a leader, and reconciles until SIGTERM.
 */
import { hostname } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { API_GROUP } from '../lib/schema/kind.ts';
import { loadConfig, parseBindAddress } from './config.ts';
import { ClientNodeKubeClient } from './kube/client-node.ts';
import { ResourceRegistry } from './kube/resources.ts';
import { startEndpoints } from './observe/http.ts';
import { createLogger, parseLevel } from './observe/logger.ts';
import { Operator } from './operator.ts';
import { systemClock } from './util/clock.ts';

export async function run(argv: string[]): Promise<number> {
  const config = loadConfig(argv, process.env, hostname());
  const log = createLogger({ level: parseLevel(config.logLevel) });
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const client = new ClientNodeKubeClient(kc);
  const resources = ResourceRegistry.standard();

  // Tell a missing CRD install apart from other failures up front; informers keep retrying.
  try {
    const served = await client.servedKinds(API_GROUP, 'v1beta1');
    const missing = resources
      .all()
      .filter((t) => t.group === API_GROUP && t.version === 'v1beta1' && !served.has(t.kind))
      .map((t) => t.kind);
    if (missing.length > 0) log.warn('ToolHive CRDs not installed; waiting for them', { missing });
  } catch (err) {
    log.warn('API discovery failed; continuing', { error: err });
  }

  let exitCode = 0;
  let stopping: Promise<void> | undefined;
  const operator = new Operator({
    client,
    resources,
    clock: systemClock,
    log,
    namespaces: config.watchNamespaces,
    identity: config.identity,
    workers: config.workers,
    ...(config.leaderElect ? { leaderElectionNamespace: config.podNamespace } : {}),
    workload: {
      images: config.images,
      ...(config.proxyHost ? { proxyHost: config.proxyHost } : {}),
      defaultImagePullSecrets: config.defaultImagePullSecrets,
      ...(config.defaultRedis ? { defaultRedis: config.defaultRedis } : {}),
      openShift: config.openShift,
    },
    onLostLeadership: () => {
      exitCode = 1;
      void shutdown('leader election lost');
    },
  });
  const endpoints = await startEndpoints({
    health: parseBindAddress(config.healthProbeBindAddress),
    metrics: parseBindAddress(config.metricsBindAddress),
    ready: () => operator.ready,
    registry: operator.metrics.registry,
  });
  log.info('operator starting', {
    namespaces: config.watchNamespaces.length > 0 ? config.watchNamespaces : 'all',
    leaderElection: config.leaderElect,
    healthPort: endpoints.healthPort,
    metricsPort: endpoints.metricsPort,
  });

  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const shutdown = (why: string): Promise<void> => {
    stopping ??= (async () => {
      log.info('operator stopping', { reason: why });
      await operator.stop();
      await endpoints.close();
      done();
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await operator.start();
  await finished;
  // Pooled API connections may keep the event loop alive after a clean shutdown; do not hang on
  // them (the timer itself does not hold the process open).
  setTimeout(() => process.exit(exitCode), 1000).unref();
  return exitCode;
}
