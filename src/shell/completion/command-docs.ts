/**
 * @module Redis command names and one-line docs from the sandbox's own server (COMMAND DOCS), fetched once per
 * sandbox with the platform's admin client and shared by every terminal of that sandbox.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';

export interface CommandDoc {
  name: string;
  summary: string;
  since: string;
  group: string;
  params: string;
  subcommands: string[];
}

const cache = new WeakMap<Sandbox, Promise<Map<string, CommandDoc>>>();

/** Docs keyed by lower-case command name ("client|list" for subcommands). Failures are not cached. */
export function commandDocs(sandbox: Sandbox): Promise<Map<string, CommandDoc>> {
  let docs = cache.get(sandbox);
  if (!docs) {
    docs = fetchDocs(sandbox);
    cache.set(sandbox, docs);
    docs.catch(() => cache.delete(sandbox));
  }
  return docs;
}

/** How long one node may take to answer COMMAND DOCS (a frozen node must not hang completion or the `$` prompt). */
const DOCS_TIMEOUT_MS = 3000;

/** Asks the primary of shard 0001 first, then any other node that is up (the primary may just have been killed). */
async function fetchDocs(sandbox: Sandbox): Promise<Map<string, CommandDoc>> {
  const others = sandbox
    .describe()
    .nodes.filter((n) => n.status === 'available')
    .map((n) => n.name);
  let lastError: unknown = new Error('the sandbox has no node that is up');
  for (const node of ['primary', ...others]) {
    try {
      return await docsFrom(sandbox, node);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function docsFrom(sandbox: Sandbox, node: string): Promise<Map<string, CommandDoc>> {
  const client = sandbox.adminClient(node);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`node ${node} did not answer COMMAND DOCS`)), DOCS_TIMEOUT_MS);
    });
    const reply = (await Promise.race([client.call('COMMAND', 'DOCS'), timeout])) as unknown;
    const docs = new Map<string, CommandDoc>();
    collect(toEntries(reply), docs, undefined);
    return docs;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** COMMAND DOCS is a map; ioredis hands it over as a flat [key, value, ...] array or as an object. */
function toEntries(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) {
    const entries: [string, unknown][] = [];
    for (let i = 0; i + 1 < value.length; i += 2) entries.push([String(value[i]), value[i + 1]]);
    return entries;
  }
  if (value && typeof value === 'object') return Object.entries(value as Record<string, unknown>);
  return [];
}

function collect(entries: [string, unknown][], docs: Map<string, CommandDoc>, parent: string | undefined): void {
  for (const [name, body] of entries) {
    const fields = new Map(toEntries(body));
    const subcommands = toEntries(fields.get('subcommands'));
    const doc: CommandDoc = {
      name: name.toLowerCase(),
      summary: String(fields.get('summary') ?? ''),
      since: String(fields.get('since') ?? ''),
      group: String(fields.get('group') ?? ''),
      params: describeArguments(fields.get('arguments')),
      subcommands: subcommands.map(([sub]) => sub.toLowerCase().split('|')[1] ?? sub.toLowerCase()),
    };
    docs.set(doc.name, doc);
    if (parent === undefined && subcommands.length > 0) collect(subcommands, docs, doc.name);
  }
}

/** A short "key value [EX seconds]"-style parameter line from the argument tree. */
function describeArguments(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((arg) => {
      const fields = new Map(toEntries(arg));
      const flags = Array.isArray(fields.get('flags')) ? (fields.get('flags') as unknown[]).map(String) : [];
      const token = fields.get('token');
      let text = token !== undefined ? String(token) : String(fields.get('display_text') ?? fields.get('name') ?? '');
      if (token !== undefined && fields.get('type') !== 'pure-token') {
        const inner = describeArguments(fields.get('arguments'));
        text += ` ${inner || String(fields.get('display_text') ?? fields.get('name') ?? '')}`;
      } else if (fields.get('type') === 'oneof' || fields.get('type') === 'block') {
        text = describeArguments(fields.get('arguments')).split(' ').join(fields.get('type') === 'oneof' ? '|' : ' ');
      }
      if (flags.includes('multiple')) text += ` [${text} ...]`;
      return flags.includes('optional') ? `[${text}]` : text;
    })
    .join(' ');
}
