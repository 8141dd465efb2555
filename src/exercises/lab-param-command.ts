/**
 * @module `lab param`: the sandbox's stand-in for modifying a custom parameter group (ElastiCache refuses CONFIG SET;
 * you change maxmemory-policy and friends with modify-cache-parameter-group). Register it in createLabShell's
 * extraLabCommands as `{ param: createParamLabCommand() }`.
 */
import type { LabCommand } from '../shell/index.ts';
import { applyParameter, MODIFIABLE_PARAMETERS, readParameter, validateParameter } from './node-parameters.ts';

export function createParamLabCommand(): LabCommand {
  return {
    name: 'param',
    summary: 'Show or change a parameter of your parameter group (e.g. maxmemory-policy)',
    usage: 'lab param [name [value]]',
    async run(args, ctx) {
      const [name, value, ...extra] = args;
      if (name === undefined) {
        const lines = ['Parameter group of this sandbox (modifiable parameters):'];
        for (const [parameter, definition] of Object.entries(MODIFIABLE_PARAMETERS)) {
          const current = await readParameter(ctx.sandbox, parameter);
          lines.push(`  ${parameter.padEnd(26)} ${JSON.stringify(current).padEnd(16)} ${definition.description}`);
        }
        lines.push('', 'Change one with: lab param <name> <value>   (e.g. lab param maxmemory-policy allkeys-lru)', '');
        ctx.out.output(lines.join('\n'));
        return;
      }
      if (extra.length > 0) {
        ctx.out.error(`lab param takes one value; quote values with spaces: lab param ${name} "<value>"`);
        return;
      }
      if (value === undefined) {
        const problem = validateParameter(name, MODIFIABLE_PARAMETERS[name]?.default ?? '');
        if (problem) {
          ctx.out.error(`lab param: ${problem}`);
          return;
        }
        ctx.out.output(`${name} = ${JSON.stringify(await readParameter(ctx.sandbox, name))}\n`);
        return;
      }
      const problem = validateParameter(name, value);
      if (problem) {
        ctx.out.error(`lab param: ${problem}`);
        return;
      }
      const { previous, nodes } = await applyParameter(ctx.sandbox, name, value);
      const group = ctx.sandbox.describe().replicationGroupId;
      ctx.out.output(
        `Parameter ${name} changed from ${JSON.stringify(previous)} to ${JSON.stringify(value)} on ${nodes} node(s) of ${group}.\n` +
          `On AWS: aws elasticache modify-cache-parameter-group --cache-parameter-group-name <your-group> ` +
          `--parameter-name-values ParameterName=${name},ParameterValue=${value}\n`,
      );
    },
  };
}
