/** CLUSTER NODES parsing: roles, failure flags, slots, migrating markers. */
import { describe, expect, it } from 'vitest';
import { parseClusterNodes } from '../../../sandbox/topologies/cluster-nodes.ts';

const sample = [
  'a1 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5461 [93->-b2]',
  'b2 127.0.0.1:30002@40002 master,fail - 0 1700000000000 2 disconnected 5462-10922 12000',
  'c3 127.0.0.1:30003@40003 slave a1 0 1700000000000 1 connected',
].join('\n');

describe('parseClusterNodes', () => {
  it('reads ids, ports, roles, failures and owned slots', () => {
    const [a, b, c] = parseClusterNodes(sample);
    expect(a).toMatchObject({ id: 'a1', port: 30001, myself: true, primary: true, failed: false, slots: [[0, 5461]] });
    expect(b).toMatchObject({ port: 30002, failed: true, configEpoch: 2, slots: [[5462, 10922], [12000, 12000]] });
    expect(c).toMatchObject({ primary: false, primaryId: 'a1', slots: [] });
  });
});
