/** @module Parses CLUSTER NODES output: ids, addresses, roles, failure flags and slot ranges. */

export interface ClusterNodeLine {
  id: string;
  port: number;
  myself: boolean;
  primary: boolean;
  failed: boolean;
  primaryId?: string;
  configEpoch: number;
  /** Slot ranges owned (importing/migrating markers left out). */
  slots: [number, number][];
}

export function parseClusterNodes(text: string): ClusterNodeLine[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const fields = line.split(' ');
      const flags = fields[2]!.split(',');
      const address = fields[1]!.split('@')[0]!;
      const slots = fields
        .slice(8)
        .filter((f) => !f.startsWith('['))
        .map((f) => {
          const [a, b] = f.split('-').map(Number) as [number, number | undefined];
          return [a, b ?? a] as [number, number];
        });
      return {
        id: fields[0]!,
        port: Number(address.slice(address.lastIndexOf(':') + 1)),
        myself: flags.includes('myself'),
        primary: flags.includes('master'),
        failed: flags.includes('fail') || flags.includes('fail?'),
        primaryId: fields[3] === '-' ? undefined : fields[3],
        configEpoch: Number(fields[6]),
        slots,
      };
    });
}
