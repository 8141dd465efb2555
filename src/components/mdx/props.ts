/**
 * @module The props of every author-facing MDX component, as zod schemas. Each message completes the sentence
 * "expected ...", because validateProps() prints "prop X received Y, expected <message>".
 */
import { z } from 'zod';

const MERMAID_DIAGRAM_TYPES =
  /^(flowchart|graph|sequenceDiagram|classDiagram(-v2)?|stateDiagram(-v2)?|erDiagram|journey|gantt|pie|quadrantChart|requirementDiagram|gitGraph|mindmap|timeline|sankey(-beta)?|xychart(-beta)?|block(-beta)?|packet(-beta)?|kanban|architecture(-beta)?|radar(-beta)?|C4Context|C4Container|C4Component|C4Dynamic|C4Deployment)\b/;

/** First line of mermaid source that is not blank, a %% comment or part of a --- front-matter block. */
export function mermaidDiagramType(code: string): string | undefined {
  let inFrontMatter = false;
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '---') {
      inFrontMatter = !inFrontMatter;
      continue;
    }
    if (inFrontMatter || line === '' || line.startsWith('%%')) continue;
    return MERMAID_DIAGRAM_TYPES.exec(line)?.[1];
  }
  return undefined;
}

const text = (what: string, min: number) =>
  z.string({ error: `a string: ${what}` }).trim().min(min, `${what} of at least ${min} characters`);

export const diagramProps = z
  .object({
    caption: text('the caption shown under the diagram', 3),
    alt: text('a text alternative that describes what the diagram shows, for screen readers and readers without JavaScript', 20),
    code: z
      .string({ error: 'a string of mermaid source, e.g. code={`flowchart LR\\n  A --> B`}' })
      .refine((code) => mermaidDiagramType(code) !== undefined, {
        error: 'mermaid source whose first line names a diagram type (flowchart LR, sequenceDiagram, stateDiagram-v2, ...)',
      }),
  })
  .strict();

export const tryItProps = z
  .object({
    command: z
      .string({ error: 'a string: the command the Run button sends to the terminal, e.g. command="SET greeting hello"' })
      .trim()
      .min(1, 'a non-empty command')
      .max(2000, 'a command of at most 2000 characters'),
    note: z
      .string({ error: 'a string: a one-line explanation shown under the command' })
      .trim()
      .min(3, 'a note of at least 3 characters')
      .refine((note) => !note.includes('\n'), { error: 'a single line (put longer explanations in the lesson text)' })
      .optional(),
    expectError: z
      .boolean({ error: 'a boolean: write the bare attribute `expectError` when the command is meant to fail (a teaching moment)' })
      .optional(),
  })
  .strict();

export const CALLOUT_TYPES = {
  note: 'Note',
  warning: 'Warning',
  interview: 'Interview tip',
  console: 'In AWS this is a console action',
} as const;

export const calloutProps = z
  .object({
    type: z.enum(Object.keys(CALLOUT_TYPES) as [keyof typeof CALLOUT_TYPES, ...(keyof typeof CALLOUT_TYPES)[]], {
      error: `one of ${Object.keys(CALLOUT_TYPES).map((t) => `"${t}"`).join(', ')}`,
    }),
    title: text('a short title', 2).optional(),
  })
  .strict();

const cell = z.string({ error: 'a string in every table cell' });

export const compareProps = z
  .object({
    columns: z
      .array(cell, { error: "an array of column headings, e.g. columns={['Aspect', 'Option A', 'Option B']}" })
      .min(2, 'at least 2 columns'),
    rows: z
      .array(z.array(cell, { error: 'each row to be an array of strings' }), {
        error: "an array of rows, each an array of strings, e.g. rows={[['Failover', 'automatic', 'manual']]}",
      })
      .min(1, 'at least 1 row'),
    caption: text('a caption that says what the table compares', 3),
  })
  .strict()
  .superRefine((props, ctx) => {
    props.rows.forEach((row, index) => {
      if (row.length !== props.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index],
          message: `${props.columns.length} cells in every row, one per column (${props.columns.join(' | ')})`,
        });
      }
    });
  });

export const keyTakeawaysProps = z.object({}).strict();

export type DiagramProps = z.infer<typeof diagramProps>;
export type TryItProps = z.infer<typeof tryItProps>;
export type CalloutProps = z.infer<typeof calloutProps>;
export type CompareProps = z.infer<typeof compareProps>;
