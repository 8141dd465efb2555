/**
 * @module The components lesson authors use in MDX. Lessons import them with
 * `import { Diagram, TryIt, Callout, Compare, KeyTakeaways } from '../../../../src/components/mdx/index.ts';`
 */
export { default as Diagram } from './Diagram.astro';
export { default as TryIt } from './TryIt.astro';
export { default as Callout } from './Callout.astro';
export { default as Compare } from './Compare.astro';
export { default as KeyTakeaways } from './KeyTakeaways.astro';
