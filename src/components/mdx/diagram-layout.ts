/** @module Build-time helpers for <Diagram>: the space to reserve before mermaid draws, and a stable element id. */
import { mermaidDiagramType } from './props.ts';

/**
 * Height in px to reserve for a diagram before its SVG exists, guessed from the source. Diagrams are drawn
 * before they scroll into view, so a wrong guess moves content off-screen rather than under the reader's eyes.
 */
export function estimateDiagramHeight(code: string): number {
  const type = mermaidDiagramType(code) ?? 'flowchart';
  const lines = code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('%%')).length;
  const horizontal = /^(flowchart|graph)\s+(LR|RL)\b/m.test(code.trim());
  const perLine = type === 'sequenceDiagram' ? 42 : horizontal ? 18 : 34;
  return Math.round(Math.min(1400, Math.max(160, 96 + lines * perLine)));
}

/** A short id derived from the content, so the same lesson always renders the same ids. */
export function contentId(prefix: string, ...parts: string[]): string {
  let hash = 5381;
  for (const char of parts.join('\u0000')) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return `${prefix}-${hash.toString(36)}`;
}
