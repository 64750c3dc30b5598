/**
 * Incoming auth and authorization for the vMCP, from the policy chain (dataplane §4.6): the
 * chain's token validation (OIDC, or a local identity when anonymous), and Cedar decisions made
 * in the handler — for calls, for every item of the aggregated lists, for `find_tool` results and
 * for the inner tool of `call_tool` — as ToolHive's vMCP does in its core rather than in HTTP
 * middleware.
 */

import type { EmbeddedAuthServer } from '../../authserver/server.ts';
import { Auditor, normalizeAuditConfig, openAuditSink } from '../../middleware/audit/auditor.ts';
import { AuditMiddleware } from '../../middleware/audit/middleware.ts';
import { AuthMiddleware, LocalUserAuthMiddleware } from '../../middleware/auth/middleware.ts';
import { CedarAuthorizer } from '../../middleware/authz/cedar-authorizer.ts';
import { createLogger, type Logger } from '../../middleware/shared/logger.ts';
import type { Identity, Middleware } from '../../middleware/types.ts';
import type { VmcpSettings } from '../config/model.ts';
import type { Authorizer } from '../server/vmcp-handler.ts';

const OPERATION = { tool: 'call', prompt: 'get', resource: 'read' } as const;

/** Cedar through the policy chain's authorizer; an evaluation error denies. */
export class CedarVmcpAuthorizer implements Authorizer {
  private readonly cedar: CedarAuthorizer;
  private readonly annotations: (tool: string) => Record<string, unknown> | undefined;

  constructor(
    cedar: CedarAuthorizer,
    annotations: (tool: string) => Record<string, unknown> | undefined = () => undefined,
  ) {
    this.cedar = cedar;
    this.annotations = annotations;
  }

  async allowed(
    identity: Identity | undefined,
    feature: 'tool' | 'prompt' | 'resource',
    name: string,
    args?: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      const ann = feature === 'tool' ? this.annotations(name) : undefined;
      return this.cedar.authorize(identity, {
        feature,
        operation: OPERATION[feature],
        resourceId: name,
        ...(args ? { arguments: args } : {}),
        ...(ann ? { annotations: ann } : {}),
      }).allowed;
    } catch {
      return false;
    }
  }
}

export interface IncomingAuth {
  readonly middlewares: Middleware[];
  readonly authorizer?: CedarAuthorizer;
  /** Set when audit is on: the handler records composite workflow events through it. */
  readonly auditor?: Auditor;
}

export function buildIncomingAuth(
  settings: VmcpSettings,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger = createLogger(),
  enableAudit = false,
  authServer?: EmbeddedAuthServer,
): IncomingAuth {
  const inc = settings.incomingAuth;
  const middlewares: Middleware[] = [];
  // The embedded authorization server's endpoints are served beside the MCP endpoint.
  if (authServer) middlewares.push(authServer.middleware());
  // Its tokens verify in-process, and their token sessions' upstream tokens reach the Identity.
  const embedded = authServer
    ? { localKeys: authServer.keys, upstreamTokens: authServer.upstreamTokens }
    : {};
  // Audit is outermost, so rejected requests (401, 403) are audited too.
  let auditor: Auditor | undefined;
  if (settings.audit?.enabled || enableAudit) {
    const cfg = normalizeAuditConfig({ component: 'vmcp', ...settings.audit });
    const sink = openAuditSink(cfg.logFile);
    auditor = new Auditor(cfg, sink.sink);
    middlewares.push(new AuditMiddleware(auditor, 'streamable-http', sink.close));
  }
  if (inc.type === 'oidc' && inc.oidc) {
    const o = inc.oidc;
    const secret = o.clientSecretEnv ? env[o.clientSecretEnv] : undefined;
    middlewares.push(
      new AuthMiddleware(
        {
          issuer: o.issuer.trim(),
          ...(o.audience ? { audience: o.audience } : {}),
          ...(o.jwksUrl ? { jwksUrl: o.jwksUrl } : {}),
          ...(o.introspectionUrl ? { introspectionUrl: o.introspectionUrl } : {}),
          ...(o.clientId ? { clientId: o.clientId } : {}),
          ...(secret ? { clientSecret: secret } : {}),
          ...(o.caBundlePath ? { caCertPath: o.caBundlePath } : {}),
          ...(o.jwksAllowPrivateIp || o.protectedResourceAllowPrivateIp ? { allowPrivateIp: true } : {}),
          ...(o.insecureAllowHttp ? { insecureAllowHttp: true } : {}),
          ...(o.resource || o.audience ? { resourceUrl: o.resource || o.audience } : {}),
          ...(o.scopes && o.scopes.length > 0 ? { scopes: o.scopes } : {}),
        },
        { logger, ...embedded },
      ),
    );
  } else if (authServer) {
    // Never leave the server's own tokens unchecked.
    const resource = authServer.settings.allowedAudiences[0]!;
    middlewares.push(
      new AuthMiddleware(
        {
          issuer: authServer.settings.issuer,
          audience: resource,
          resourceUrl: resource,
          scopes: [...authServer.settings.scopesSupported],
        },
        { logger, ...embedded },
      ),
    );
  } else {
    middlewares.push(new LocalUserAuthMiddleware(logger));
  }
  const az = inc.authz;
  const authorizer =
    az && (az.type === 'cedar' || az.type === 'cedarv1')
      ? new CedarAuthorizer(
          {
            policies: az.policies ?? [],
            ...(az.entitiesJson ? { entities_json: az.entitiesJson } : {}),
            ...(az.groupClaimName ? { group_claim_name: az.groupClaimName } : {}),
            ...(az.roleClaimName ? { role_claim_name: az.roleClaimName } : {}),
            ...(az.groupEntityType ? { group_entity_type: az.groupEntityType } : {}),
            // The upstream whose claims Cedar reads exists only with an embedded authorization server.
            ...(authServer
              ? { primary_upstream_provider: az.primaryUpstreamProvider || authServer.firstUpstream }
              : {}),
          },
          settings.name,
        )
      : undefined;
  return { middlewares, ...(authorizer ? { authorizer } : {}), ...(auditor ? { auditor } : {}) };
}
