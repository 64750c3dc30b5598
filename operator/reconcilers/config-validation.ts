/**
 * Reconcile-time validation of the shared config kinds: the semantic checks ToolHive's
 * controllers run beyond the CRD schema (which the API server has already enforced). Each
 * returns an error message, or undefined when the spec is valid. Messages start with ToolHive's
 * text and name the fields involved (and the fix, where the text does not already say it).
 */
import type { EmbeddedAuthServerConfig } from '../../lib/api/types.generated.ts';
import {
  EMBEDDED_AUTH_SERVER,
  embeddedAuthServerProblem,
} from '../../lib/runconfig/authserver-validation.ts';
import type { KubeObject } from '../kube/types.ts';

type Spec = Record<string, unknown>;

/** A validation failure that carries its own condition reason. */
export interface ConfigProblem {
  reason?: string;
  message: string;
}

function specOf(obj: KubeObject): Spec {
  return (obj.spec ?? {}) as Spec;
}

function obj(v: unknown): Spec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Spec) : undefined;
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function checkIssuer(issuer: unknown, insecure: boolean): string | undefined {
  if (typeof issuer !== 'string' || issuer === '') return undefined;
  const u = parseUrl(issuer);
  if (!u?.host)
    return `OIDC issuer URL "${issuer}" is malformed: missing scheme or host (spec.inline.issuer); use an absolute URL such as https://issuer.example.com`;
  const scheme = u.protocol.slice(0, -1);
  if (scheme === 'http' && !insecure) {
    return `OIDC issuer URL "${issuer}" uses HTTP scheme, which is insecure; use HTTPS or set insecureAllowHTTP: true for development only (spec.inline.issuer, spec.inline.insecureAllowHTTP)`;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return `OIDC issuer URL "${issuer}" has unsupported scheme "${scheme}"; must be http or https (spec.inline.issuer)`;
  }
  return undefined;
}

function checkJwks(raw: unknown, insecure: boolean): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const u = parseUrl(raw);
  if (!u) return `JWKS URL is invalid: ${raw} (spec.inline.jwksUrl); use an absolute https URL`;
  const scheme = u.protocol.slice(0, -1);
  if (scheme === 'http' && !insecure) {
    return `JWKS URL "${raw}" uses HTTP scheme, which is insecure; use HTTPS or set insecureAllowHTTP: true for development only (spec.inline.jwksUrl, spec.inline.insecureAllowHTTP)`;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return `JWKS URL "${raw}" has unsupported scheme "${scheme}"; must be http or https (spec.inline.jwksUrl)`;
  }
  if (!u.host) return 'JWKS URL must have a valid host (spec.inline.jwksUrl)';
  return undefined;
}

export function validateOidcConfig(o: KubeObject): string | undefined {
  const spec = specOf(o);
  const type = spec.type;
  if ((spec.kubernetesServiceAccount === undefined) === (type === 'kubernetesServiceAccount')) {
    return "kubernetesServiceAccount configuration must be set if and only if type is 'kubernetesServiceAccount' (spec.type, spec.kubernetesServiceAccount)";
  }
  if ((spec.inline === undefined) === (type === 'inline')) {
    return "inline configuration must be set if and only if type is 'inline' (spec.type, spec.inline)";
  }
  const inline = obj(spec.inline);
  if (type !== 'inline' || !inline) return undefined;
  const insecure = inline.insecureAllowHTTP === true;
  return checkIssuer(inline.issuer, insecure) ?? checkJwks(inline.jwksUrl, insecure);
}

export function validateTelemetryConfig(o: KubeObject): string | undefined {
  const otel = obj(specOf(o).openTelemetry);
  if (!otel) return undefined;
  if (typeof otel.endpoint === 'string' && otel.endpoint !== '') {
    const tracing = obj(otel.tracing)?.enabled === true;
    const metrics = obj(otel.metrics)?.enabled === true;
    if (!tracing && !metrics)
      return 'endpoint requires at least one of tracing or metrics to be enabled: set spec.openTelemetry.tracing.enabled or spec.openTelemetry.metrics.enabled to true, or remove spec.openTelemetry.endpoint';
  }
  const headers = obj(otel.headers) ?? {};
  const sensitive = Array.isArray(otel.sensitiveHeaders) ? otel.sensitiveHeaders : [];
  for (const [i, raw] of sensitive.entries()) {
    const sh = obj(raw) ?? {};
    const ref = obj(sh.secretKeyRef) ?? {};
    if (!sh.name) return `openTelemetry.sensitiveHeaders[${i}].name must not be empty`;
    if (!ref.name) return `openTelemetry.sensitiveHeaders[${i}].secretKeyRef.name must not be empty`;
    if (!ref.key) return `openTelemetry.sensitiveHeaders[${i}].secretKeyRef.key must not be empty`;
    if (Object.hasOwn(headers, String(sh.name))) {
      return `header "${String(sh.name)}" appears in both headers and sensitiveHeaders: keep it in only one of spec.openTelemetry.headers and spec.openTelemetry.sensitiveHeaders[${i}]`;
    }
  }
  if (otel.caBundleRef !== undefined && otel.insecure === true) {
    return 'openTelemetry.caBundleRef cannot be specified when insecure is true; they are mutually exclusive';
  }
  return undefined;
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

function durationSeconds(text: string): number {
  let total = 0;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  for (const m of text.matchAll(/([0-9.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * (unit[m[2]!] ?? 0);
  return total;
}

export function validateWebhookConfig(o: KubeObject): string | undefined {
  const spec = specOf(o);
  const errs: string[] = [];
  const names = new Set<string>();
  for (const kind of ['validating', 'mutating'] as const) {
    const list = Array.isArray(spec[kind]) ? (spec[kind] as unknown[]) : [];
    for (const [i, raw] of list.entries()) {
      const w = obj(raw) ?? {};
      const name = typeof w.name === 'string' ? w.name : '';
      const prefix = `${kind} webhook[${i}] "${name}" (spec.${kind}[${i}])`;
      if (name === '') errs.push(`${prefix}: webhook name is required`);
      else if (names.has(name)) errs.push(`${prefix}: duplicate webhook name`);
      names.add(name);
      const u = typeof w.url === 'string' ? parseUrl(w.url) : undefined;
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
        errs.push(`${prefix}: webhook URL must be a valid http or https URL`);
      }
      if (typeof w.timeout === 'string' && w.timeout !== '') {
        if (!DURATION.test(w.timeout)) errs.push(`${prefix}: invalid timeout "${w.timeout}"`);
        else if (durationSeconds(w.timeout) > 30) errs.push(`${prefix}: timeout must not exceed 30s`);
      }
    }
  }
  return errs.length > 0 ? errs.join('\n') : undefined;
}

export function validateAuthzConfig(o: KubeObject): string | undefined {
  const spec = specOf(o);
  const config = obj(spec.config) ?? {};
  switch (spec.type) {
    case 'cedarv1': {
      const policies = config.policies;
      if (!Array.isArray(policies) || policies.length === 0) {
        return 'cedarv1 configuration requires at least one policy in config.policies (spec.config.policies)';
      }
      if (policies.some((p) => typeof p !== 'string' || p.trim() === '')) {
        return 'cedarv1 policies must be non-empty strings (spec.config.policies)';
      }
      if (config.entities_json !== undefined) {
        try {
          const parsed: unknown = JSON.parse(String(config.entities_json));
          if (!Array.isArray(parsed))
            return 'cedarv1 entities_json must be a JSON array (spec.config.entities_json)';
        } catch {
          return 'cedarv1 entities_json is not valid JSON (spec.config.entities_json)';
        }
      }
      return undefined;
    }
    case 'httpv1': {
      const http = obj(config.http);
      const url = typeof http?.url === 'string' ? parseUrl(http.url) : undefined;
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        return 'httpv1 configuration requires config.http.url to be an http or https URL';
      }
      return undefined;
    }
    default:
      return `unsupported authorizer type "${String(spec.type)}"; supported types: cedarv1, httpv1 (spec.type)`;
  }
}

/**
 * The types with a sub-object of their own, in the order ToolHive's
 * `validateTypeConfigConsistency` checks them (obo first: its handler is registered out of tree).
 */
const EXTERNAL_AUTH_SECTIONS = [
  'obo',
  'tokenExchange',
  'headerInjection',
  'bearerToken',
  'embeddedAuthServer',
  'awsSts',
  'upstreamInject',
  'xaa',
] as const;

/** ToolHive's `validateAWSSts`, but for what the schema already enforces (region, ARNs, bounds). */
function awsStsProblem(sts: Spec): string | undefined {
  const mappings = Array.isArray(sts.roleMappings) ? (sts.roleMappings as unknown[]) : [];
  if (!sts.fallbackRoleArn && mappings.length === 0)
    return 'awsSts: at least one of fallbackRoleArn or roleMappings must be configured: set spec.awsSts.fallbackRoleArn, add spec.awsSts.roleMappings, or both';
  for (const [i, raw] of mappings.entries()) {
    const m = obj(raw) ?? {};
    if (!m.claim && !m.matcher)
      return `awsSts.roleMappings[${i}]: exactly one of claim or matcher must be set: set spec.awsSts.roleMappings[${i}].claim (a value of the roleClaim claim) or spec.awsSts.roleMappings[${i}].matcher (a CEL expression)`;
    if (m.claim && m.matcher)
      return `awsSts.roleMappings[${i}]: claim and matcher are mutually exclusive: remove spec.awsSts.roleMappings[${i}].claim or spec.awsSts.roleMappings[${i}].matcher`;
  }
  return undefined;
}

/**
 * ToolHive's `MCPExternalAuthConfig.Validate`: the type and its sub-object agree, then the
 * type's own rules (embeddedAuthServer: the shared authorization server checks; awsSts), then the
 * OBO handler, which this operator (like ToolHive's open-source build) does not have.
 */
export function validateExternalAuthConfig(o: KubeObject): string | ConfigProblem | undefined {
  const spec = specOf(o);
  const type = String(spec.type);
  for (const t of EXTERNAL_AUTH_SECTIONS) {
    if ((spec[t] !== undefined) !== (type === t)) {
      return `${t} configuration must be set if and only if type is '${t}' (spec.type, spec.${t})`;
    }
  }
  switch (type) {
    case 'tokenExchange': {
      // Not in ToolHive's Validate (its token exchange middleware fails on such a URL at run time).
      const te = obj(spec.tokenExchange) ?? {};
      const u = typeof te.tokenUrl === 'string' ? parseUrl(te.tokenUrl) : undefined;
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:'))
        return 'tokenExchange.tokenUrl must be a valid URL (spec.tokenExchange.tokenUrl)';
      return undefined;
    }
    case 'embeddedAuthServer':
      return embeddedAuthServerProblem(
        (obj(spec.embeddedAuthServer) ?? {}) as Partial<EmbeddedAuthServerConfig>,
        EMBEDDED_AUTH_SERVER,
      );
    case 'awsSts':
      return awsStsProblem(obj(spec.awsSts) ?? {});
    case 'obo':
      // ToolHive's open-source build dispatches obo to a default handler that always answers
      // `ErrEnterpriseRequired`; its enterprise handler (the only writer of `InvalidConfig`) is
      // not part of it, and neither this operator nor its proxy runs OBO.
      return {
        reason: 'EnterpriseRequired',
        message:
          'on-behalf-of (OBO) external auth type requires an enterprise build: this operator has no OBO handler, ' +
          'so change spec.type (tokenExchange performs an RFC 8693 exchange) or stop referencing this config',
      };
    default:
      return undefined;
  }
}
