/**
 * MCPWebhookConfig: HTTP webhooks that an MCPServer's proxy calls for each MCP request, to
 * allow or deny it (validating) or to rewrite it (mutating). These are MCP middleware, not
 * Kubernetes admission webhooks. ToolHive serves this kind at v1alpha1 only.
 */
import { array, boolean, describe, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, type KindDefinition } from '../schema/kind.ts';
import { secretKeyRef } from './shared/core.ts';
import { configKindStatus } from './shared/status.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

const webhookTLSConfig = object(
  {
    caSecretRef: describe(
      secretKeyRef,
      'Secret key holding PEM CA certificates that verify the webhook server.',
    ),
    clientCertSecretRef: describe(
      secretKeyRef,
      'Secret key holding the PEM client certificate for mutual TLS; pair it with clientKeySecretRef.',
    ),
    clientKeySecretRef: describe(
      secretKeyRef,
      'Secret key holding the PEM private key of the client certificate.',
    ),
    insecureSkipVerify: boolean({
      description: "Skip verification of the server's certificate. For development only.",
    }),
  },
  { name: 'WebhookTLSConfig', description: 'TLS settings for the connection to the webhook.' },
);

const webhookSpec = object(
  {
    failurePolicy: string({
      default: 'fail',
      enum: ['fail', 'ignore'],
      description:
        'What happens when the webhook cannot be reached or errors: deny the request, or let it through.',
    }),
    hmacSecretRef: describe(
      secretKeyRef,
      'Secret key holding an HMAC key; when set, each payload is signed in the X-Toolhive-Signature header.',
    ),
    name: req(
      string({ minLength: 1, maxLength: 63, description: 'Name of the webhook, unique in this config.' }),
    ),
    timeout: string({
      format: 'duration',
      description:
        'How long to wait for a response, as a duration (e.g. "5s"). Empty means 10s; at most 30s.',
    }),
    tlsConfig: describe(webhookTLSConfig, 'TLS settings for the connection.'),
    url: req(
      string({
        format: 'uri',
        description:
          'Endpoint the request is POSTed to; https:// unless tlsConfig.insecureSkipVerify is set.',
      }),
    ),
  },
  { name: 'WebhookSpec', description: 'One webhook called for each MCP request.' },
);

export const mcpWebhookConfigKind: KindDefinition = {
  kind: 'MCPWebhookConfig',
  listKind: 'MCPWebhookConfigList',
  plural: 'mcpwebhookconfigs',
  singular: 'mcpwebhookconfig',
  shortNames: ['mwc'],
  categories: ['toolhive'],
  // Introduced after the v1beta1 graduation and never graduated itself: one stored version.
  versions: [
    {
      name: 'v1alpha1',
      storage: true,
      description:
        'MCPWebhookConfig lists the webhooks an MCPServer calls to validate or mutate MCP requests.',
    },
  ],
  printerColumns: [VALID_CONDITION_COLUMN, AGE_COLUMN],
  spec: object(
    {
      mutating: array(webhookSpec, {
        description: 'Webhooks that may rewrite a request, called in order before the validating ones.',
      }),
      validating: array(webhookSpec, { description: 'Webhooks that allow or deny a request.' }),
    },
    {
      name: 'MCPWebhookConfigSpec',
      description: 'Desired state of an MCPWebhookConfig.',
      validations: [
        rule(
          '(has(self.validating) ? size(self.validating) : 0) + (has(self.mutating) ? size(self.mutating) : 0) > 0',
          'at least one validating or mutating webhook must be defined',
        ),
      ],
    },
  ),
  status: configKindStatus('MCPWebhookConfigStatus', 'MCPWebhookConfig'),
};
