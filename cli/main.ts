#!/usr/bin/env node
/**
 * `toolhive-ts <command> …`: one binary for every job. Each command lives in its own module,
 * imported only when it runs, so `validate` never loads the Kubernetes client or the MCP SDK.
 */
import { readFileSync } from 'node:fs';
import { isMain } from './is-main.ts';

export interface Command {
  readonly summary: string;
  /** Runs the command; resolves to the process exit code. */
  readonly load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  vmcp: {
    summary: 'Virtual MCP server: serve or validate a vMCP config (one endpoint for a group)',
    load: () => import('./vmcp.ts'),
  },
  operator: {
    summary: 'Run the Kubernetes operator (KUBECONFIG locally, the service account in a pod)',
    load: () => import('../operator/main.ts'),
  },
  render: {
    summary: 'Render workload custom resources into the manifests the operator would apply',
    load: () => import('./render.ts'),
  },
  validate: {
    summary: 'Validate ToolHive resources offline as a Kubernetes v1.26 API server would',
    load: () => import('./validate.ts'),
  },
  proxyrunner: {
    summary: 'Run the MCP proxy runner (`proxyrunner run --help`)',
    load: () => import('../proxyrunner/cli.ts'),
  },
};

function version(): string {
  // Source runs from cli/, the published build from build/cli/.
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (pkg.name === 'toolhive-ts') return pkg.version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length), 7);
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: toolhive-ts <command> [options]',
    '',
    'Commands:',
    ...lines,
    `  ${'version'.padEnd(width)}  Print the version`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === 'version' || name === '--version') {
    console.log(version());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`toolhive-ts: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
