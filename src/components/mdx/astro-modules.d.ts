/**
 * @module Lets plain `tsc --noEmit` (npm run check) type the .astro re-exports of index.ts; Astro's compiler
 * types the components themselves when it builds the lessons.
 */
declare module '*.astro' {
  const component: (props: Record<string, unknown>) => unknown;
  export default component;
}
