/**
 * The check behind "no log line ever holds a token or a secret": every credential a test hands
 * to the chain is registered here, and `expectNoSecrets` fails if any captured line contains
 * one, or anything shaped like a JWT or a bearer credential.
 */
import { expect } from 'vitest';

const registered = new Set<string>();

export function registerSecret(value: string): string {
  if (value.length >= 6) registered.add(value);
  return value;
}

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const BEARER_SHAPE = /Bearer [A-Za-z0-9._~+/=-]{12,}/;

export function findSecrets(lines: readonly string[]): string[] {
  const hits: string[] = [];
  for (const line of lines) {
    for (const s of registered)
      if (line.includes(s)) hits.push(`registered secret in: ${line.slice(0, 200)}`);
    if (JWT_SHAPE.test(line)) hits.push(`JWT-shaped value in: ${line.slice(0, 200)}`);
    if (BEARER_SHAPE.test(line)) hits.push(`bearer credential in: ${line.slice(0, 200)}`);
  }
  return hits;
}

export function expectNoSecrets(lines: readonly string[]): void {
  expect(findSecrets(lines)).toEqual([]);
}
