/**
 * @module Finds the <TryIt> blocks of a lesson's MDX source (command and expectError), for checks that run every
 * command against a real sandbox without building the site.
 */

export interface TryItBlock {
  /** The command text exactly as the Run button sends it (several lines for multi-line blocks). */
  command: string;
  /** The block is marked `expectError`: its command is meant to fail. */
  expectError: boolean;
  /** 1-based line of the block in the source. */
  line: number;
}

const TRY_IT = /<TryIt\b([\s\S]*?)\/>/g;
const STRING_COMMAND = /\bcommand="([^"]*)"/;
const TEMPLATE_COMMAND = /\bcommand=\{`((?:[^`\\]|\\[\s\S])*)`\}/;
const EXPECT_ERROR = /\bexpectError(?:=\{true\})?(?=[\s/>]|$)/;

/** Applies the escapes a JavaScript template literal would (\n, \t, \`, \\, \$). */
function unescapeTemplate(raw: string): string {
  return raw.replace(/\\([\s\S])/g, (_match, char: string) => ({ n: '\n', t: '\t', r: '\r' })[char as 'n'] ?? char);
}

export function extractTryItBlocks(source: string): TryItBlock[] {
  const blocks: TryItBlock[] = [];
  for (const match of source.matchAll(TRY_IT)) {
    const attributes = match[1] ?? '';
    const template = TEMPLATE_COMMAND.exec(attributes);
    const plain = STRING_COMMAND.exec(attributes);
    const command = template ? unescapeTemplate(template[1] ?? '') : plain?.[1];
    if (command === undefined) continue;
    const line = source.slice(0, match.index).split('\n').length;
    // Strip the command before looking for the flag, so a command mentioning "expectError" cannot set it.
    const rest = attributes.replace(template?.[0] ?? plain?.[0] ?? '', '');
    blocks.push({ command, expectError: EXPECT_ERROR.test(rest), line });
  }
  return blocks;
}
