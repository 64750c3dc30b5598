/**
 * `node:http` without its ES-module facade. Importing `node:http` from an ES module reads every
 * export, and its lazy `WebSocket`, `CloseEvent` and `MessageEvent` getters load Node's bundled
 * undici: about 17 MiB of resident memory in a process that never uses it. The CommonJS module
 * object, which `process.getBuiltinModule` returns, leaves those getters alone.
 */
import type * as NodeHttp from 'node:http';

export const http: typeof NodeHttp = process.getBuiltinModule('node:http');
export type { Agent, ClientRequest, IncomingMessage, Server } from 'node:http';
