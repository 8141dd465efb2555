/**
 * @module `lab user`: the sandbox's stand-in for ElastiCache user management (create-user / modify-user / delete-user).
 * ACL SETUSER is restricted for the learner, as on ElastiCache; this command validates the access string, caps it at
 * the learner's own permissions, generates the password and applies the user as admin on every data node.
 * Register it in createLabShell's extraLabCommands as `{ user: createUserLabCommand() }`.
 */
import type { Redis } from 'ioredis';
import { newPassword } from '../../sandbox/ids.ts';
import type { Sandbox } from '../../sandbox/sandbox-engine.ts';
import type { LabCommand, LabCommandContext } from '../shell/index.ts';
import { validateAccessString } from './access-string.ts';

const USER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

function isPlatformUser(name: string, sandbox: Sandbox): boolean {
  const lower = name.toLowerCase();
  return lower === 'default' || lower.startsWith('cachelab-') || lower === sandbox.credentials.username.toLowerCase();
}

async function onDataNodes<T>(sandbox: Sandbox, run: (client: Redis) => Promise<T>): Promise<T[]> {
  const nodes = sandbox.describe().nodes.filter((n) => n.status === 'available');
  return Promise.all(
    nodes.map(async (node) => {
      const client = sandbox.adminClient(node.name);
      try {
        return await run(client);
      } finally {
        client.disconnect();
      }
    }),
  );
}

async function withPrimary<T>(sandbox: Sandbox, run: (client: Redis) => Promise<T>): Promise<T> {
  const client = sandbox.adminClient('primary');
  try {
    return await run(client);
  } finally {
    client.disconnect();
  }
}

/** Users the learner created (everything but the platform's own), as `ACL LIST` lines without password hashes. */
export async function listLearnerUsers(sandbox: Sandbox): Promise<Array<{ name: string; rules: string }>> {
  const lines = (await withPrimary(sandbox, (c) => c.call('ACL', 'LIST'))) as string[];
  return lines
    .map((line) => line.split(' '))
    .filter((words) => words[0] === 'user' && words[1] !== undefined && !isPlatformUser(words[1], sandbox))
    .map((words) => ({ name: words[1]!, rules: words.slice(2).filter((w) => !/^[#>]/.test(w)).join(' ') }));
}

/** Deletes every user the learner created (exercise setup). */
export async function deleteLearnerUsers(sandbox: Sandbox): Promise<void> {
  const names = (await listLearnerUsers(sandbox)).map((u) => u.name);
  if (names.length > 0) await onDataNodes(sandbox, (c) => c.call('ACL', 'DELUSER', ...names));
}

function checkName(name: string | undefined, ctx: LabCommandContext): name is string {
  if (!name || !USER_NAME.test(name)) {
    ctx.out.error('lab user: a user name starts with a letter and has up to 40 letters, digits or hyphens, e.g. orders-app');
    return false;
  }
  if (isPlatformUser(name, ctx.sandbox)) {
    ctx.out.error(`lab user: "${name}" belongs to the platform (or is your own learner user); pick another name.`);
    return false;
  }
  return true;
}

async function createOrModify(verb: 'create' | 'modify', args: string[], ctx: LabCommandContext): Promise<void> {
  const [name, ...words] = args;
  if (!checkName(name, ctx)) return;
  const dangerous = (await withPrimary(ctx.sandbox, (c) => c.call('ACL', 'CAT', 'dangerous'))) as string[];
  const accessString = words.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
  const result = validateAccessString(accessString, dangerous);
  if (!result.ok) {
    ctx.out.error(`lab user ${verb}: ${result.message}`);
    return;
  }
  const existing = (await withPrimary(ctx.sandbox, (c) => c.call('ACL', 'GETUSER', name))) as unknown[] | null;
  if (verb === 'create' && existing) {
    ctx.out.error(`lab user create: "${name}" already exists; change it with lab user modify ${name} <access string>, or delete it first.`);
    return;
  }
  if (verb === 'modify' && !existing) {
    ctx.out.error(`lab user modify: there is no user "${name}"; create it with lab user create ${name} <access string>.`);
    return;
  }
  const password = verb === 'create' ? newPassword() : undefined;
  // Modify keeps the passwords: re-add the stored SHA-256 hashes after the reset.
  const hashes = existing ? passwordHashes(existing).map((h) => `#${h}`) : [];
  const secret = password ? [`>${password}`] : hashes;
  const applied = await onDataNodes(ctx.sandbox, (c) => c.call('ACL', 'SETUSER', name, 'reset', ...secret, ...result.rules));
  const lines = [`User ${name} ${verb === 'create' ? 'created' : 'modified'} on ${applied.length} node(s) with access string: ${accessString.join(' ')}`];
  lines.push('Commands your own user lacks were removed from it (an application user never gets more than you have).');
  if (password) {
    lines.push(
      `Password (shown once): ${password}`,
      `Try it: redis-cli -h $PRIMARY --user ${name} --pass ${password} --no-auth-warning PING`,
      `On AWS: aws elasticache create-user --user-id ${name} --user-name ${name} --engine valkey --passwords <secret> --access-string "${accessString.join(' ')}"`,
    );
  } else {
    lines.push(`On AWS: aws elasticache modify-user --user-id ${name} --access-string "${accessString.join(' ')}"`);
  }
  ctx.out.output(`${lines.join('\n')}\n`);
}

function passwordHashes(getuser: unknown[]): string[] {
  const index = getuser.indexOf('passwords');
  const value = index >= 0 ? getuser[index + 1] : undefined;
  return Array.isArray(value) ? value.map(String) : [];
}

export function createUserLabCommand(): LabCommand {
  return {
    name: 'user',
    summary: 'Manage application users (like ElastiCache create-user / modify-user / delete-user)',
    usage: 'lab user list | create <name> <access string> | modify <name> <access string> | delete <name>',
    async run(args, ctx) {
      const [verb, ...rest] = args;
      switch (verb) {
        case undefined:
        case 'list': {
          const users = await listLearnerUsers(ctx.sandbox);
          if (users.length === 0) ctx.out.output('No users of yours yet. Create one: lab user create orders-app on ~app:* -@all +@read +@write -@dangerous\n');
          for (const user of users) ctx.out.output(`${user.name}  ${user.rules}\n`);
          return;
        }
        case 'create':
        case 'modify':
          await createOrModify(verb, rest, ctx);
          return;
        case 'delete': {
          const [name] = rest;
          if (!checkName(name, ctx)) return;
          const deleted = await onDataNodes(ctx.sandbox, (c) => c.call('ACL', 'DELUSER', name) as Promise<number>);
          if (deleted.every((n) => n === 0)) ctx.out.error(`lab user delete: there is no user "${name}".`);
          else ctx.out.output(`User ${name} deleted from ${deleted.length} node(s); its open connections were closed.\n`);
          return;
        }
        default:
          ctx.out.error(`lab user: unknown action "${verb}"; use list, create, modify or delete.`);
      }
    },
  };
}
