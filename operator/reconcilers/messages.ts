/**
 * Condition messages for problems a user has to fix in a spec. Each keeps ToolHive's own text
 * first (anyone matching on it still can) and then says which field is at fault and what to do,
 * so `kubectl describe` alone is enough to act on it.
 */

/** A reference to an object that does not exist. */
export function missingRef(
  base: string,
  field: string,
  kind: string,
  name: string,
  namespace: string,
): string {
  return `${base}: create ${kind} "${name}" in namespace "${namespace}", or change ${field}`;
}

/** A reference to an object that exists but is not usable. */
export function unusableRef(base: string, field: string, kind: string, name: string): string {
  return `${base}; fix ${kind} "${name}" (its status conditions say what is wrong) or change ${field}`;
}

/** A referenced object that exists but is not ready yet: nothing to fix, only to wait for. */
export function waitingFor(base: string, field: string): string {
  return `${base} (${field}); reconciling again once it is`;
}

/** The field path of a workload's reference in `role`, as a user would write it in YAML. */
export function refField(kind: string, role: string): string {
  if (kind === 'VirtualMCPServer') {
    switch (role) {
      case 'oidcConfig':
        return 'spec.incomingAuth.oidcConfigRef.name';
      case 'authzConfig':
        return 'spec.incomingAuth.authzConfigRef.name';
      case 'compositeTool':
        return 'spec.config.compositeToolRefs';
      case 'embeddingServer':
        return 'spec.embeddingServerRef.name';
      case 'toolConfig':
        return 'spec.config.aggregation.tools[].toolConfigRef.name';
      case 'externalAuthConfig':
        return 'spec.outgoingAuth';
    }
  }
  return `spec.${role === 'group' ? 'groupRef' : `${role}Ref`}.name`;
}
