/**
 * MCPOIDCConfig: the identity provider settings that several workloads share for validating
 * client tokens. What differs per workload (audience, scopes, resource URL) lives on each
 * workload's `oidcConfigRef`, so one provider config can serve many servers.
 */
import { boolean, describe, object, req, rule, string } from '../schema/dsl.ts';
import { AGE_COLUMN, betaWithAlphaAlias, type KindDefinition } from '../schema/kind.ts';
import { secretKeyRef } from './shared/core.ts';
import { caBundleSource } from './shared/refs.ts';
import { configKindStatus } from './shared/status.ts';
import { VALID_CONDITION_COLUMN } from './shared/workload.ts';

export const kubernetesServiceAccountOIDCConfig = object(
  {
    introspectionUrl: string({
      description: 'Token introspection endpoint. Empty means OIDC discovery finds it.',
    }),
    issuer: string({
      default: 'https://kubernetes.default.svc',
      description: "Issuer of the cluster's service account tokens.",
    }),
    jwksUrl: string({ description: 'URL of the JSON Web Key Set. Empty means OIDC discovery finds it.' }),
    namespace: string({
      description:
        'Namespace of the service account whose tokens are accepted. Empty means the workload namespace.',
    }),
    serviceAccount: string({
      description: "Service account whose tokens are accepted. Empty means the pod's own service account.",
    }),
    useClusterAuth: boolean({
      description:
        "Reach the issuer with the pod's service account token and the cluster CA bundle. Unset means true.",
    }),
  },
  {
    name: 'KubernetesServiceAccountOIDCConfig',
    description: 'Accept Kubernetes service account tokens, validated against the cluster issuer.',
  },
);

export const inlineOIDCSharedConfig = object(
  {
    caBundleRef: describe(
      caBundleSource,
      'CA certificates for TLS to the issuer and JWKS endpoints; the ConfigMap is mounted automatically.',
    ),
    clientId: string({ description: 'OAuth client ID, used for token introspection.' }),
    clientSecretRef: describe(secretKeyRef, 'Secret key holding the OAuth client secret.'),
    insecureAllowHTTP: boolean({
      default: false,
      description: 'Allow http:// issuer and JWKS URLs. For local development only; never in production.',
    }),
    introspectionUrl: string({ description: 'Token introspection endpoint (RFC 7662), for opaque tokens.' }),
    issuer: req(string({ description: 'Issuer URL; tokens must carry it in their iss claim.' })),
    jwksAllowPrivateIP: boolean({
      default: false,
      description:
        'Allow the JWKS and discovery endpoints on private IP addresses. Either private-IP switch allows ' +
        'private addresses for every OIDC request.',
    }),
    jwksAuthTokenPath: string({
      description: 'File holding a bearer token to send with JWKS and discovery requests.',
    }),
    jwksUrl: string({ description: 'URL of the JSON Web Key Set. Empty means OIDC discovery finds it.' }),
    protectedResourceAllowPrivateIP: boolean({
      default: false,
      description: 'Allow the protected resource endpoint on private IP addresses.',
    }),
  },
  {
    name: 'InlineOIDCSharedConfig',
    description: 'An OIDC provider described in the resource itself.',
  },
);

export const mcpOidcConfigKind: KindDefinition = {
  kind: 'MCPOIDCConfig',
  listKind: 'MCPOIDCConfigList',
  plural: 'mcpoidcconfigs',
  singular: 'mcpoidcconfig',
  shortNames: ['mcpoidc'],
  categories: ['toolhive'],
  versions: betaWithAlphaAlias({
    kind: 'MCPOIDCConfig',
    description: 'MCPOIDCConfig holds OIDC provider settings that workloads share to validate client tokens.',
  }),
  printerColumns: [
    { name: 'Source', type: 'string', jsonPath: '.spec.type' },
    VALID_CONDITION_COLUMN,
    AGE_COLUMN,
  ],
  spec: object(
    {
      inline: describe(inlineOIDCSharedConfig, 'Provider settings; only with type inline.'),
      kubernetesServiceAccount: describe(
        kubernetesServiceAccountOIDCConfig,
        'Service account token settings; only with type kubernetesServiceAccount.',
      ),
      type: req(
        string({
          enum: ['kubernetesServiceAccount', 'inline'],
          description: 'Where the provider settings come from; the sub-object of the same name must be set.',
        }),
      ),
    },
    {
      name: 'MCPOIDCConfigSpec',
      description: 'Desired state of an MCPOIDCConfig.',
      validations: [
        rule(
          "self.type == 'kubernetesServiceAccount' ? has(self.kubernetesServiceAccount) : !has(self.kubernetesServiceAccount)",
          "kubernetesServiceAccount must be set when type is 'kubernetesServiceAccount', and must not be set otherwise",
        ),
        rule(
          "self.type == 'inline' ? has(self.inline) : !has(self.inline)",
          "inline must be set when type is 'inline', and must not be set otherwise",
        ),
      ],
    },
  ),
  status: configKindStatus('MCPOIDCConfigStatus', 'MCPOIDCConfig'),
};
