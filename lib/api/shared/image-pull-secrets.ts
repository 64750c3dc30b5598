/** `imagePullSecrets`: registry credentials a workload's pods (and its ServiceAccount) use. */
import { array, describe } from '../../schema/dsl.ts';
import { localObjectReference } from './core.ts';

/** `[]corev1.LocalObjectReference`, replaced as a whole on update (atomic list). */
export function imagePullSecrets(description: string) {
  return array(describe(localObjectReference, 'A Secret of type kubernetes.io/dockerconfigjson.'), {
    listType: 'atomic',
    description,
  });
}
