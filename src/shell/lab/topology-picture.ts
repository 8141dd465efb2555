/**
 * @module `lab topology`: an ASCII picture with one column per Availability Zone and one row per shard, so
 * the learner sees where primaries and replicas sit (Multi-AZ spreads them).
 */
import type { CacheNode, SandboxDescription } from '../../../sandbox/model.ts';

const MARK: Record<CacheNode['status'], string> = { available: '', stopped: ' (stopped)', down: ' (DOWN)', restarting: ' (restarting)' };

function label(node: CacheNode): string {
  return `${node.role === 'primary' ? '[P]' : '[R]'} ${node.name}${MARK[node.status]}`;
}

export function drawTopology(d: SandboxDescription, cols: number): string {
  const azs = [...new Set(d.nodes.map((n) => n.az))].sort();
  const rowTitle = (id: string) => {
    const group = d.nodeGroups.find((g) => g.id === id);
    return `shard ${id}${group?.slots ? ` (slots ${group.slots})` : ''}`;
  };
  const shards = d.nodeGroups.map((g) => g.id);
  const titleWidth = Math.max(...shards.map((s) => rowTitle(s).length), 5);
  const cellWidth = Math.max(...d.nodes.map((n) => label(n).length), ...azs.map((a) => a.length)) + 2;
  const lines = [
    `${d.replicationGroupId}: cluster mode ${d.clusterModeEnabled ? 'enabled' : 'disabled'}, ${d.nodeGroups.length} shard(s), ${d.nodes.length} node(s)`,
    '',
  ];
  const tableWidth = titleWidth + 3 + azs.length * (cellWidth + 3);
  if (tableWidth <= cols) {
    const border = `+${'-'.repeat(titleWidth + 2)}${azs.map(() => `+${'-'.repeat(cellWidth + 2)}`).join('')}+`;
    lines.push(border, `| ${''.padEnd(titleWidth)} ${azs.map((az) => `| ${az.padEnd(cellWidth)} `).join('')}|`, border);
    for (const shard of shards) {
      const members = d.nodes.filter((n) => n.shard === shard);
      const depth = Math.max(1, ...azs.map((az) => members.filter((n) => n.az === az).length));
      for (let row = 0; row < depth; row++) {
        const cells = azs.map((az) => {
          const node = members.filter((n) => n.az === az)[row];
          return `| ${(node ? label(node) : '').padEnd(cellWidth)} `;
        });
        lines.push(`| ${(row === 0 ? rowTitle(shard) : '').padEnd(titleWidth)} ${cells.join('')}|`);
      }
      lines.push(border);
    }
  } else {
    // Too narrow for the grid: one indented tree per shard.
    for (const shard of shards) {
      lines.push(rowTitle(shard));
      for (const node of d.nodes.filter((n) => n.shard === shard)) lines.push(`  ${label(node)}  ${node.az}`);
    }
  }
  lines.push('', '[P] primary  [R] replica', '');
  return lines.join('\n');
}
