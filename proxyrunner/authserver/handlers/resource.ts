/**
 * RFC 8707 resource indicators: the MCP server a token is for, which becomes its `aud`. One at
 * most (as ToolHive: a simpler audience model), an absolute http(s) URI, one of the server's
 * allowed audiences and one the client may ask for.
 */
import { invalidTarget } from '../http.ts';
import type { ClientRecord } from '../storage/types.ts';
import { audienceProblem } from '../urls.ts';

export function checkResource(
  resources: readonly string[],
  allowedAudiences: readonly string[],
  client: ClientRecord,
): string | undefined {
  if (resources.length > 1) throw invalidTarget('Multiple resource parameters are not supported');
  const resource = resources[0];
  if (resource === undefined) return undefined;
  const problem = audienceProblem(resource);
  if (problem) throw invalidTarget(problem);
  if (!allowedAudiences.includes(resource))
    throw invalidTarget(`Resource "${resource}" is not a registered audience`);
  if (!client.audiences.includes(resource))
    throw invalidTarget(`The client is not permitted to request a token for resource "${resource}".`);
  return resource;
}
