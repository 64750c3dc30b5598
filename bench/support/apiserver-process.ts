/**
 * A child process hosting an in-memory cluster behind the fake HTTP API server, so an operator
 * under test runs in its own process and talks HTTP through @kubernetes/client-node. Used by the
 * operator benchmark, and (with POD_CREATOR=1, which adds Pending pods for Deployments and
 * StatefulSets as a kubelet-less controller manager would) to rehearse the e2e suite. Prints
 * the server URL on stdout; exits when its stdin closes.
 */
import { MemoryCluster } from '../../operator/kube/memory-cluster.ts';
import { FakeApiServer } from '../../test/support/fake-apiserver.ts';
import { startPodCreator } from '../../test/support/pod-creator.ts';

const cluster = new MemoryCluster({ historyLimit: 200_000 });
if (process.env.POD_CREATOR === '1') startPodCreator(cluster);
const api = new FakeApiServer(cluster);
const url = await api.start();
process.stdout.write(`${url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void api.stop().then(() => process.exit(0));
});
