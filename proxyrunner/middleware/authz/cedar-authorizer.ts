/**
 * Cedar authorization with ToolHive's entity model (pkg/authz/authorizers/cedar). Per request:
 * - principal `Client::"<sub>"`, attributes `claim_<name>` for every claim, parents
 *   `THVGroup::"<g>"` (or `group_entity_type`) from the group and role claims;
 * - action `Action::"call_tool" | "get_prompt" | "read_resource" | "list_<feature>s"`;
 * - resource `Tool::"<name>"`, `Prompt::"<name>"`, `Resource::"<uri>"` or `FeatureType::"<f>"`,
 *   with `name`, `operation`, `feature`, `uri`, tool annotations and `arg_<name>` attributes,
 *   and parent `MCP::"<server>"`;
 * - context: the `claim_*` and `arg_*` attributes.
 * Entities from `entities_json` are merged underneath. Forbid beats permit, default deny, and,
 * like ToolHive, any policy evaluation error denies (fail closed).
 *
 * The authorizer knows nothing of HTTP, so the Virtual MCP server reuses it as is.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { AuthzConfig } from '../../../lib/runconfig/types.ts';
import type { Identity } from '../types.ts';
import {
  argumentAttributes,
  claimAttributes,
  resolveClaim,
  stringList,
  toCedarRecord,
} from './cedar-values.ts';
import { policyInputs } from './policy-inputs.ts';
import { resolveClaims } from './upstream-claims.ts';

export type McpFeature = 'tool' | 'prompt' | 'resource';
export type McpOperation = 'call' | 'get' | 'read' | 'list';

/** Tool annotations a policy may test (`resource.readOnlyHint`, …). */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** The `cedar` block of ToolHive's authz config (`cedarv1`). */
export type CedarOptions = Extract<AuthzConfig, { type: 'cedarv1' }>['cedar'];

export interface AuthzDecision {
  allowed: boolean;
  /** Policies that decided (ids `policy0`, `policy1`, … in config order). */
  reasons: string[];
  /** Evaluation errors; any error denies. */
  errors: string[];
}

export interface AuthzQuery {
  feature: McpFeature;
  operation: McpOperation;
  /** Tool or prompt name, resource URI; ignored for list operations. */
  resourceId?: string;
  arguments?: Readonly<Record<string, unknown>>;
  annotations?: ToolAnnotations;
}

const DEFAULT_GROUP_CLAIMS = ['groups', 'roles', 'cognito:groups'];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
let policySetCounter = 0;

type EntityJson = cedar.EntityJson;
type Uid = { type: string; id: string };
/** A principal's Cedar attributes and its decision-cache id. */
type Principal = { id: number; sub: string; claimAttrs: Record<string, unknown>; groups: string[] };

/** Accepts ToolHive-style `"Type::id"` strings as well as Cedar's `{type,id}` objects. */
function normalizeUid(u: unknown): unknown {
  if (typeof u === 'string') {
    const i = u.indexOf('::');
    if (i > 0) return { type: u.slice(0, i), id: u.slice(i + 2).replace(/^"(.*)"$/, '$1') };
  }
  return u;
}

function parseEntitiesJson(text: string | undefined): EntityJson[] {
  if (!text || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`failed to parse entities JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('entities JSON must be an array');
  const entities = parsed.map((e: Record<string, unknown>) => ({
    ...e,
    uid: normalizeUid(e.uid),
    attrs: e.attrs ?? {},
    parents: Array.isArray(e.parents) ? e.parents.map(normalizeUid) : [],
  })) as EntityJson[];
  const check = cedar.checkParseEntities({ entities });
  if (check.type === 'failure')
    throw new Error(`failed to parse entities JSON: ${check.errors.map((e) => e.message).join('; ')}`);
  return entities;
}

function uidKey(uid: unknown): string {
  const u = uid as Uid;
  return `${u.type}::${u.id}`;
}

export class CedarAuthorizer {
  private readonly policySetId: string;
  private readonly storedEntities: EntityJson[];
  private readonly storedKeys: Set<string>;
  private readonly groupEntityType: string;
  private readonly options: CedarOptions;
  private readonly serverName: string;
  /**
   * Decisions by every input the policies read. Cedar is deterministic for a fixed policy set and
   * entity store, and a call into the WebAssembly evaluator costs ~100-200 µs (mostly crossing
   * the boundary), so a caller repeating a call, or calling with arguments no policy reads, or
   * listing tools again, is answered from here.
   */
  private readonly decisions = new Map<string, AuthzDecision>();
  private readonly maxDecisions = 10_000;
  /** Per-identity principal attributes and decision-cache id (identities are reused per token). */
  private readonly principals = new WeakMap<Identity, Principal>();
  /** Some policy reads the whole context, so every argument is part of the cache key. */
  private readonly wholeContext: boolean;
  /** Otherwise the `arg_*` attributes the policies read, in a fixed order for the cache key. */
  private readonly argumentInputs: readonly string[];
  /** Principal ids by claims, so equal claims behind different identities share decisions. */
  private readonly principalIds = new Map<string, number>();
  private principalSeq = 0;

  constructor(options: CedarOptions, serverName: string) {
    if (!Array.isArray(options.policies) || options.policies.length === 0) {
      throw new Error('at least one policy is required for Cedar authorization');
    }
    const groupType = options.group_entity_type ?? '';
    if (groupType !== '' && !IDENTIFIER.test(groupType)) {
      throw new Error(`group_entity_type "${groupType}" is not a valid Cedar identifier`);
    }
    this.groupEntityType = groupType === '' ? 'THVGroup' : groupType;
    this.options = options;
    this.serverName = serverName;
    const staticPolicies: Record<string, string> = {};
    options.policies.forEach((p, i) => {
      const single = cedar.checkParsePolicySet({ staticPolicies: { [`policy${i}`]: p } });
      if (single.type === 'failure')
        throw new Error(`failed to parse policy ${i}: ${single.errors.map((e) => e.message).join('; ')}`);
      staticPolicies[`policy${i}`] = p;
    });
    this.policySetId = `toolhive-ts-${++policySetCounter}`;
    const parsed = cedar.preparsePolicySet(this.policySetId, { staticPolicies });
    if (parsed.type === 'failure')
      throw new Error(`failed to parse policies: ${parsed.errors.map((e) => e.message).join('; ')}`);
    const inputs = policyInputs(options.policies);
    this.wholeContext = inputs.wholeContext;
    this.argumentInputs = [...inputs.attributes].filter((a) => a.startsWith('arg_')).sort();
    this.storedEntities = parseEntitiesJson(options.entities_json);
    this.storedKeys = new Set(this.storedEntities.map((e) => uidKey(e.uid)));
  }

  /** Group memberships from the configured group/role claims, or the usual claim names. */
  groupsOf(claims: Readonly<Record<string, unknown>>): string[] {
    let groups: string[] | undefined;
    if (this.options.group_claim_name)
      groups = stringList(resolveClaim(claims, this.options.group_claim_name));
    if (groups === undefined) {
      for (const name of DEFAULT_GROUP_CLAIMS) {
        groups = stringList(resolveClaim(claims, name));
        if (groups !== undefined) break;
      }
    }
    const roles = this.options.role_claim_name
      ? stringList(resolveClaim(claims, this.options.role_claim_name))
      : undefined;
    return [...new Set([...(groups ?? []), ...(roles ?? [])])];
  }

  private principalAttributes(claims: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const multi = this.options.multi_valued_claims ?? [];
    if (multi.length === 0) return claimAttributes(claims);
    const normalized: Record<string, unknown> = { ...claims };
    const sets: Record<string, unknown> = {};
    for (const name of multi) {
      const v = claims[name];
      if (typeof v === 'string') {
        sets[`claimset_${name}`] = v.split(/\s+/).filter((s) => s !== '');
      } else if (Array.isArray(v)) {
        const tokens = v.filter((x): x is string => typeof x === 'string');
        normalized[name] = tokens.join(' ');
        sets[`claimset_${name}`] = tokens;
      }
    }
    return { ...claimAttributes(normalized), ...sets };
  }

  /**
   * The principal's Cedar attributes and decision-cache id, per identity. Identities are reused
   * per token, so this is one WeakMap lookup per request. Identities with the same claims share
   * an id, and so their decisions: with an upstream provider each request has a new identity.
   */
  private principalOf(identity: Identity): Principal | { error: string } {
    const known = this.principals.get(identity);
    if (known) return known;
    const resolved = resolveClaims(identity, this.options.primary_upstream_provider);
    if ('error' in resolved) return { error: resolved.error };
    const claims = resolved.claims;
    const sub = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : identity.subject;
    if (!sub) return { error: 'missing principal' };
    const claimAttrs = this.principalAttributes(claims);
    const groups = this.groupsOf(claims);
    const key = JSON.stringify([sub, groups, claimAttrs]);
    let id = this.principalIds.get(key);
    if (id === undefined) {
      id = ++this.principalSeq;
      if (this.principalIds.size >= this.maxDecisions)
        this.principalIds.delete(this.principalIds.keys().next().value!);
      this.principalIds.set(key, id);
    }
    const principal: Principal = { id, sub, claimAttrs, groups };
    this.principals.set(identity, principal);
    return principal;
  }

  authorize(identity: Identity | undefined, q: AuthzQuery): AuthzDecision {
    if (!identity) return { allowed: false, reasons: [], errors: ['missing principal'] };
    const principal = this.principalOf(identity);
    if ('error' in principal) return { allowed: false, reasons: [], errors: [principal.error] };
    const { claimAttrs, groups } = principal;
    // Built only when the key needs them or Cedar is called: most policies read no argument.
    let argAttrs: Record<string, unknown> | undefined;
    const actionId =
      q.operation === 'list'
        ? `list_${q.feature}s`
        : q.feature === 'tool'
          ? 'call_tool'
          : q.feature === 'prompt'
            ? 'get_prompt'
            : 'read_resource';
    const id = q.operation === 'list' ? q.feature : (q.resourceId ?? '');
    // Every Cedar input is a function of these: the principal's claims and groups (its id), the
    // action, the resource id, the argument attributes the policies read (all of them when a
    // policy reads the whole context) and the tool's annotations. JSON maps only ±Infinity to
    // the same text, and Cedar drops both.
    let args = '';
    if (this.wholeContext) {
      argAttrs = argumentAttributes(q.arguments);
      args = JSON.stringify(argAttrs);
    } else if (this.argumentInputs.length > 0) {
      argAttrs = argumentAttributes(q.arguments);
      for (const name of this.argumentInputs) args += `${JSON.stringify(argAttrs[name])}\u0001`;
    }
    const cacheKey = `${principal.id}\u0000${actionId}\u0000${id}\u0000${args}\u0000${
      q.operation !== 'list' && q.feature === 'tool' && q.annotations ? JSON.stringify(q.annotations) : ''
    }`;
    const cached = this.decisions.get(cacheKey);
    if (cached) return cached;

    argAttrs ??= argumentAttributes(q.arguments);
    const principalUid: Uid = { type: 'Client', id: principal.sub };
    const action: Uid = { type: 'Action', id: actionId };
    let resource: Uid;
    let resourceAttrs: Record<string, unknown>;
    if (q.operation === 'list') {
      resource = { type: 'FeatureType', id: q.feature };
      resourceAttrs = { type: q.feature, operation: 'list', feature: q.feature, ...argAttrs };
    } else {
      const base: Record<string, unknown> =
        q.feature === 'resource'
          ? { name: id, uri: id, operation: 'read', feature: 'resource' }
          : { name: id, operation: q.feature === 'tool' ? 'call' : 'get', feature: q.feature };
      resource = { type: q.feature === 'tool' ? 'Tool' : q.feature === 'prompt' ? 'Prompt' : 'Resource', id };
      // Order matters as in ToolHive: annotations, then arguments, then the fixed attributes win.
      resourceAttrs =
        q.feature === 'tool' ? { ...(q.annotations ?? {}), ...argAttrs, ...base } : { ...base, ...argAttrs };
    }

    const requestEntities: EntityJson[] = [
      {
        uid: principalUid,
        attrs: toCedarRecord(claimAttrs),
        parents: groups.map((g) => ({ type: this.groupEntityType, id: g })),
      },
      { uid: action, attrs: { operation: actionId }, parents: [] },
      {
        uid: resource,
        attrs: toCedarRecord(resourceAttrs),
        parents: this.serverName ? [{ type: 'MCP', id: this.serverName }] : [],
      },
    ];
    const requestKeys = new Set(requestEntities.map((e) => uidKey(e.uid)));
    const entities =
      this.storedKeys.size === 0
        ? requestEntities
        : [...this.storedEntities.filter((e) => !requestKeys.has(uidKey(e.uid))), ...requestEntities];

    const answer = cedar.statefulIsAuthorized({
      principal: principalUid,
      action,
      resource,
      context: toCedarRecord({ ...claimAttrs, ...argAttrs }),
      preparsedPolicySetId: this.policySetId,
      entities,
    });
    if (answer.type === 'failure') {
      return { allowed: false, reasons: [], errors: answer.errors.map((e) => e.message) };
    }
    const { decision, diagnostics } = answer.response;
    const errors = diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`);
    const result: AuthzDecision = {
      allowed: decision === 'allow' && errors.length === 0,
      reasons: diagnostics.reason,
      errors,
    };
    if (this.decisions.size >= this.maxDecisions) this.decisions.delete(this.decisions.keys().next().value!);
    this.decisions.set(cacheKey, result);
    return result;
  }
}
