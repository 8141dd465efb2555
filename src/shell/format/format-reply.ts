/** @module redis-cli 7.0's two reply formats: the TTY format (quoted, numbered) and --raw. Lines end in \n. */
import type { RespReply } from '../resp/resp-reply.ts';
import { neutralise, repr } from './repr.ts';

/** cliFormatReplyTTY: `(integer) 1`, `"bulk"`, bare status, `(nil)`, `(empty array)`, numbered nested arrays. */
export function formatTty(reply: RespReply, prefix = ''): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${neutralise(reply.value)}\n`;
    case 'status':
      return `${neutralise(reply.value)}\n`;
    case 'integer':
      return `(integer) ${reply.value}\n`;
    case 'bulk':
      return `${repr(reply.value)}\n`;
    case 'nil':
      return '(nil)\n';
    case 'array': {
      if (reply.items.length === 0) return '(empty array)\n';
      const width = String(reply.items.length).length;
      const childPrefix = prefix + ' '.repeat(width + 2);
      let out = '';
      reply.items.forEach((item, index) => {
        // The first element follows the parent's own index on the same line.
        out += `${index === 0 ? '' : prefix}${String(index + 1).padStart(width)}) `;
        out += formatTty(item, childPrefix);
      });
      return out;
    }
  }
}

/** cliFormatReplyRaw plus the per-reply delimiter: bytes as they are (control characters neutralised). */
export function formatRaw(reply: RespReply): string {
  return `${formatRawBody(reply)}\n`;
}

/** cliFormatReplyRaw alone, as redis-cli prints INFO, CLUSTER INFO, CLIENT LIST, ... even in TTY mode. */
export function formatRawBody(reply: RespReply): string {
  switch (reply.type) {
    case 'nil':
      return '';
    case 'error':
      return `${neutralise(reply.value)}\n`;
    case 'status':
    case 'bulk':
      return neutralise(reply.value);
    case 'integer':
      return reply.value;
    case 'array':
      return reply.items.map(formatRawBody).join('\n');
  }
}

/** Commands whose reply redis-cli prints verbatim even in TTY mode (cliSendCommand's output_raw list). */
export function printsVerbatim(words: readonly string[]): boolean {
  const [command, sub] = words.map((w) => w.toLowerCase());
  const argc = words.length;
  if (command === 'info' || command === 'lolwut') return true;
  if (argc >= 2 && command === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction')) return true;
  if (argc >= 2 && command === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) return true;
  if (argc === 2 && command === 'cluster' && (sub === 'nodes' || sub === 'info')) return true;
  if (argc >= 2 && command === 'client' && (sub === 'list' || sub === 'info')) return true;
  if (argc === 3 && command === 'latency' && sub === 'graph') return true;
  if (argc === 2 && command === 'latency' && sub === 'doctor') return true;
  if (argc >= 2 && command === 'proxy' && sub === 'info') return true;
  return false;
}
