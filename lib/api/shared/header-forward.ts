/** Headers a proxy adds to every request it sends to a remote MCP server (`headerForward`). */
import { array, describe, map, object, req, string } from '../../schema/dsl.ts';
import { secretKeyRef } from './core.ts';

const headerFromSecret = object(
  {
    headerName: req(
      string({ minLength: 1, maxLength: 255, description: 'HTTP header name, e.g. X-API-Key.' }),
    ),
    valueSecretRef: req(describe(secretKeyRef, 'Secret key holding the header value.')),
  },
  { name: 'HeaderFromSecret', description: 'A header whose value comes from a Secret.' },
);

export const headerForwardConfig = object(
  {
    addHeadersFromSecret: array(headerFromSecret, {
      listType: 'map',
      listMapKeys: ['headerName'],
      description: 'Headers whose values come from Secrets; the values never appear in ConfigMaps or logs.',
    }),
    addPlaintextHeaders: map(string(), {
      description: 'Headers with literal values. Do not put credentials here; use addHeadersFromSecret.',
    }),
  },
  { name: 'HeaderForwardConfig', description: 'Headers added to every request sent to the remote server.' },
);
