/**
 * @module Validates the props of an author-facing MDX component with zod and throws a build error that names the
 * component, the prop, what was received and what was expected, so a typo in a lesson fails `astro build` clearly.
 */
import { z } from 'zod';

/** Thrown while rendering a lesson; Astro stops the build and prints the message with the lesson's file name. */
export class ComponentPropsError extends Error {
  override name = 'ComponentPropsError';
}

/** Parses `props` (Astro.props) with `schema`; returns the typed props or throws a ComponentPropsError. */
export function validateProps<S extends z.ZodType>(component: string, schema: S, props: unknown): z.infer<S> {
  const parsed = schema.safeParse(props);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => describeIssue(issue, props));
  throw new ComponentPropsError(
    `<${component}> has invalid props:\n${lines.map((line) => `  - ${line}`).join('\n')}\n` +
      `See src/components/mdx/${component}.astro for the props it accepts.`,
  );
}

function describeIssue(issue: z.core.$ZodIssue, props: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown prop${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
  }
  const path = issue.path.map(String);
  const prop = path.length === 0 ? '(props)' : path[0] + path.slice(1).map((part) => `[${part}]`).join('');
  return `prop "${prop}" received ${formatReceived(valueAt(props, issue.path))}, expected ${issue.message}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A short, readable rendering of any value: strings quoted and clipped, the type named for everything else. */
export function formatReceived(value: unknown): string {
  if (value === undefined) return 'nothing (the prop is missing)';
  if (typeof value === 'string') return `${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)} (string)`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${String(value)} (${typeof value})`;
}
