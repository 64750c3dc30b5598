/**
 * Builds and writes audit events. The `audit` middleware uses it for proxied requests; the
 * Virtual MCP server can call `record` directly for its own requests and workflows.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AuditConfig } from '../../../lib/runconfig/types.ts';
import { parseDelegationChain } from '../auth/identity.ts';
import { scrubAttrs } from '../shared/logger.ts';
import type { Identity } from '../types.ts';
import {
  type AuditEvent,
  type AuditOutcome,
  COMPONENT_TOOLHIVE,
  EVENT_TYPES,
  formatAuditLine,
  isoTimestamp,
} from './event.ts';

export type AuditSink = (line: string) => void;

export interface NormalizedAuditConfig {
  component: string;
  eventTypes: ReadonlySet<string>;
  excludeEventTypes: ReadonlySet<string>;
  includeRequestData: boolean;
  includeResponseData: boolean;
  detectApplicationErrors: boolean;
  maxDataSize: number;
  maxDelegationDepth: number;
  logFile?: string;
}

export function normalizeAuditConfig(c: AuditConfig): NormalizedAuditConfig {
  const known = new Set<string>(EVENT_TYPES);
  for (const t of c.eventTypes ?? []) if (!known.has(t)) throw new Error(`unknown event type: ${t}`);
  for (const t of c.excludeEventTypes ?? [])
    if (!known.has(t)) throw new Error(`unknown exclude event type: ${t}`);
  if (c.maxDataSize !== undefined && c.maxDataSize < 0) throw new Error('maxDataSize cannot be negative');
  if (c.maxDelegationDepth !== undefined && c.maxDelegationDepth <= 0)
    throw new Error('maxDelegationDepth must be positive');
  return {
    component: c.component || COMPONENT_TOOLHIVE,
    eventTypes: new Set(c.eventTypes ?? []),
    excludeEventTypes: new Set(c.excludeEventTypes ?? []),
    includeRequestData: c.includeRequestData === true,
    includeResponseData: c.includeResponseData === true,
    detectApplicationErrors: c.detectApplicationErrors !== false,
    maxDataSize: c.maxDataSize || 1024,
    maxDelegationDepth: c.maxDelegationDepth ?? 10,
    ...(c.logFile ? { logFile: c.logFile } : {}),
  };
}

/**
 * Lines handed to `sink` are written together once the current callback's microtasks have run:
 * responses that arrive together (a stdio server answers in batches) cost one write syscall, and
 * no line waits for the next I/O event.
 */
function batching(write: (text: string) => void): { sink: AuditSink; flush(): void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const lines = pending;
    pending = [];
    try {
      write(`${lines.join('\n')}\n`);
    } catch (err) {
      // A full disk or a closed file must not take the proxy down; say what was lost.
      console.error(`audit: ${lines.length} event(s) not written: ${(err as Error).message}`);
    }
  };
  return {
    sink: (line) => {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    },
    flush,
  };
}

/** Opens the audit file (0600, append) or falls back to stdout. */
export function openAuditSink(logFile: string | undefined): { sink: AuditSink; close(): void } {
  if (!logFile) {
    const out = batching((text) => process.stdout.write(text));
    return { sink: out.sink, close: out.flush };
  }
  const fd = openSync(logFile, 'a', 0o600);
  const file = batching((text) => writeSync(fd, text));
  return {
    sink: file.sink,
    close: () => {
      file.flush();
      closeSync(fd);
    },
  };
}

export interface AuditRecord {
  type: string;
  outcome: AuditOutcome;
  identity?: Identity;
  source: { ip: string; userAgent?: string; requestId?: string; sessionId?: string };
  target?: Record<string, string>;
  extra?: Record<string, unknown>;
  request?: unknown;
  response?: unknown;
}

/** `user` is name, then preferred_username, then email, then `anonymous`. */
export function subjectsOf(identity: Identity | undefined): Record<string, string> {
  const s: Record<string, string> = {};
  if (identity) {
    if (identity.subject) s.user_id = identity.subject;
    const c = identity.claims;
    const user =
      identity.name ||
      (typeof c.preferred_username === 'string' ? c.preferred_username : '') ||
      identity.email ||
      '';
    if (user) s.user = user;
    if (typeof c.client_name === 'string' && c.client_name) s.client_name = c.client_name;
    if (typeof c.client_version === 'string' && c.client_version) s.client_version = c.client_version;
  }
  if (!s.user) s.user = 'anonymous';
  return s;
}

export class Auditor {
  readonly config: NormalizedAuditConfig;
  private readonly sink: AuditSink;
  private readonly now: () => Date;

  constructor(config: NormalizedAuditConfig, sink: AuditSink, now: () => Date = () => new Date()) {
    this.config = config;
    this.sink = sink;
    this.now = now;
  }

  shouldAudit(type: string): boolean {
    if (this.config.excludeEventTypes.has(type)) return false;
    return this.config.eventTypes.size === 0 || this.config.eventTypes.has(type);
  }

  /** Payload data as ToolHive records it: only when enabled and within `maxDataSize` bytes. */
  private capped(value: unknown): unknown {
    if (value === undefined) return undefined;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (Buffer.byteLength(text) > this.config.maxDataSize) return undefined;
    // Payloads are the client's own JSON-RPC; still mask anything credential-shaped in them.
    return scrubAttrs({ v: value }).v;
  }

  /** Subjects and delegation chain per identity: the validated-token cache reuses identities. */
  private readonly principals = new WeakMap<Identity, Pick<AuditEvent, 'subjects' | 'delegation'>>();

  private principalOf(identity: Identity | undefined): Pick<AuditEvent, 'subjects' | 'delegation'> {
    if (!identity) return ANONYMOUS;
    let p = this.principals.get(identity);
    if (!p) {
      const delegation = parseDelegationChain(identity.claims.act, this.config.maxDelegationDepth);
      p = {
        subjects: subjectsOf(identity),
        ...(delegation && delegation.chain.length + (delegation.omitted ?? 0) > 0 ? { delegation } : {}),
      };
      this.principals.set(identity, p);
    }
    return p;
  }

  record(r: AuditRecord): AuditEvent | undefined {
    if (!this.shouldAudit(r.type)) return undefined;
    const principal = this.principalOf(r.identity);
    const extraSource: Record<string, unknown> = {};
    if (r.source.userAgent) extraSource.user_agent = r.source.userAgent;
    if (r.source.requestId) extraSource.request_id = r.source.requestId;
    if (r.source.sessionId) extraSource.session_id = r.source.sessionId;
    const now = this.now();
    // Keys in the order ToolHive writes them; optional ones only when set.
    const event: AuditEvent = {
      audit_id: randomUUID(),
      type: r.type,
      logged_at: isoTimestamp(now.getTime()),
      outcome: r.outcome,
      component: this.config.component,
      source: { type: 'network', value: r.source.ip, extra: extraSource },
      subjects: principal.subjects,
    };
    if (principal.delegation) event.delegation = principal.delegation;
    if (r.target) event.target = r.target;
    if (r.extra) event.metadata = { extra: r.extra };
    const request = this.config.includeRequestData ? this.capped(r.request) : undefined;
    const response = this.config.includeResponseData ? this.capped(r.response) : undefined;
    if (request !== undefined || response !== undefined) {
      event.data = {
        ...(request !== undefined ? { request } : {}),
        ...(response !== undefined ? { response } : {}),
      };
    }
    this.sink(formatAuditLine(event, now));
    return event;
  }
}

const ANONYMOUS: Pick<AuditEvent, 'subjects'> = Object.freeze({
  subjects: Object.freeze(subjectsOf(undefined)),
});
