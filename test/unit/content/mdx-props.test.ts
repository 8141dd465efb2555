/** @module Author components reject bad props with a message naming the component, the prop, the value and what was expected. */
import { describe, expect, it } from 'vitest';
import { calloutProps, compareProps, diagramProps, keyTakeawaysProps, mermaidDiagramType, tryItProps } from '../../../src/components/mdx/props.ts';
import { ComponentPropsError, validateProps } from '../../../src/components/mdx/validate-props.ts';
import { estimateDiagramHeight } from '../../../src/components/mdx/diagram-layout.ts';
import { inlineMarkup } from '../../../src/components/mdx/inline-markup.ts';

const diagram = {
  caption: 'Primary and two replicas',
  alt: 'The application writes to the primary, which copies every write to two replicas.',
  code: 'flowchart LR\n  App --> Primary\n  Primary --> R1\n  Primary --> R2',
};

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ComponentPropsError);
    return (error as Error).message;
  }
  throw new Error('expected the props to be rejected');
}

describe('validateProps', () => {
  it('returns the parsed props when they are valid', () => {
    expect(validateProps('Diagram', diagramProps, diagram)).toEqual(diagram);
    expect(validateProps('TryIt', tryItProps, { command: 'SET greeting hello', expectError: true })).toEqual({
      command: 'SET greeting hello',
      expectError: true,
    });
    expect(validateProps('Callout', calloutProps, { type: 'console', title: 'Create a subnet group' })).toMatchObject({ type: 'console' });
    expect(validateProps('KeyTakeaways', keyTakeawaysProps, {})).toEqual({});
  });

  it('names the component, the prop, the value received and what was expected', () => {
    const message = messageOf(() => validateProps('TryIt', tryItProps, { command: 42 }));
    expect(message).toContain('<TryIt> has invalid props');
    expect(message).toContain('prop "command" received 42 (number), expected a string');
  });

  it('reports a missing prop as missing', () => {
    const message = messageOf(() => validateProps('Diagram', diagramProps, { caption: diagram.caption, code: diagram.code }));
    expect(message).toMatch(/prop "alt" received nothing \(the prop is missing\), expected a string: a text alternative/);
  });

  it('rejects unknown props so typos surface', () => {
    expect(messageOf(() => validateProps('Diagram', diagramProps, { ...diagram, captoin: 'x' }))).toContain('unknown prop "captoin"');
  });

  it('lists the allowed Callout types', () => {
    const message = messageOf(() => validateProps('Callout', calloutProps, { type: 'tip' }));
    expect(message).toContain('prop "type" received "tip" (string), expected one of "note", "warning", "interview", "console"');
  });

  it('requires mermaid source that names a diagram type', () => {
    const message = messageOf(() => validateProps('Diagram', diagramProps, { ...diagram, code: 'App --> Primary' }));
    expect(message).toContain('expected mermaid source whose first line names a diagram type');
  });

  it('requires one Compare cell per column in every row, naming the row', () => {
    const message = messageOf(() =>
      validateProps('Compare', compareProps, { caption: 'Modes', columns: ['Aspect', 'CMD', 'CME'], rows: [['Shards', '1', '1-500'], ['Slots', 'all']] }),
    );
    expect(message).toContain('prop "rows[1]" received an array of 2 items, expected 3 cells in every row');
  });

  it('keeps TryIt notes to one line', () => {
    expect(messageOf(() => validateProps('TryIt', tryItProps, { command: 'PING', note: 'one\ntwo' }))).toContain('a single line');
  });
});

describe('diagram helpers', () => {
  it('finds the diagram type after comments and front matter', () => {
    expect(mermaidDiagramType('%% a comment\n---\ntitle: x\n---\nsequenceDiagram\n  A->>B: hi')).toBe('sequenceDiagram');
    expect(mermaidDiagramType('  \nflowchart TD\n A-->B')).toBe('flowchart');
    expect(mermaidDiagramType('A-->B')).toBeUndefined();
  });

  it('reserves more height for taller diagrams, within bounds', () => {
    const small = estimateDiagramHeight('flowchart LR\n A-->B');
    const tall = estimateDiagramHeight(`flowchart TD\n${Array.from({ length: 12 }, (_, i) => ` N${i}-->N${i + 1}`).join('\n')}`);
    expect(small).toBeGreaterThanOrEqual(160);
    expect(tall).toBeGreaterThan(small);
    expect(tall).toBeLessThanOrEqual(640);
  });
});

describe('inline markup in table cells', () => {
  it('escapes HTML and keeps `code` and **bold**', () => {
    expect(inlineMarkup('Use `WAIT 1 100` <b>**now**</b>')).toBe('Use <code>WAIT 1 100</code> &lt;b&gt;<strong>now</strong>&lt;/b&gt;');
  });
});
