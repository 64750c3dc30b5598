/**
 * The policy chain of the proxy runner, and the pieces the Virtual MCP server reuses: incoming
 * auth, Cedar authorization and list filtering, audit, tool filtering, token exchange and
 * telemetry work without a single-backend proxy around them.
 */
export {
  Auditor,
  type AuditRecord,
  normalizeAuditConfig,
  openAuditSink,
  subjectsOf,
} from './audit/auditor.ts';
export { type AuditEvent, eventTypeForMethod, formatAuditLine, outcomeForStatus } from './audit/event.ts';
export { AuditMiddleware, clientIp } from './audit/middleware.ts';
export { identityFromClaims, localUserIdentity, parseDelegationChain } from './auth/identity.ts';
export { AuthMiddleware, extractBearerToken, LocalUserAuthMiddleware } from './auth/middleware.ts';
export {
  bearerChallenge,
  metadataUrlFor,
  protectedResourceMetadata,
  protectedResourceRoutes,
} from './auth/resource-metadata.ts';
export {
  TokenError,
  TokenValidator,
  type TokenValidatorConfig,
  tokenValidatorConfigFromRunConfig,
} from './auth/token-validator.ts';
export {
  type AuthzDecision,
  type AuthzQuery,
  CedarAuthorizer,
  type CedarOptions,
} from './authz/cedar-authorizer.ts';
export { authzConfigFromMCPAuthzConfig, loadAuthzConfig, parseAuthzConfig } from './authz/config.ts';
export { AnnotationCache, filterListResult } from './authz/list-filter.ts';
export { AuthzMiddleware, queryFor } from './authz/middleware.ts';
export { buildMiddlewares, type DataPathSettings, type PolicyChain, type PolicyDeps } from './chain.ts';
export { HeaderForwardMiddleware, TokenExchangeMiddleware } from './outgoing-auth/middleware.ts';
export { type ExchangeSettings, normalizeTokenType, TokenExchanger } from './outgoing-auth/token-exchange.ts';
export { populateMiddlewareConfigs } from './populate.ts';
export { RateLimiter } from './rate-limit/limiter.ts';
export { RateLimitMiddleware } from './rate-limit/middleware.ts';
export { createLogger, type Logger, type LogSink, scrubText, silentLogger } from './shared/logger.ts';
export { mcpOf, parseMcpRequest, replaceMessage } from './shared/mcp-request.ts';
export { McpMetrics } from './telemetry/metrics.ts';
export { TelemetryMiddleware } from './telemetry/middleware.ts';
export { OtlpTraceExporter } from './telemetry/otlp-exporter.ts';
export { ToolCallFilterMiddleware, ToolListFilterMiddleware } from './tool-filter/middleware.ts';
export { ToolPolicy } from './tool-filter/tool-policy.ts';
export { sign as signWebhookPayload, verify as verifyWebhookSignature } from './webhooks/signing.ts';
