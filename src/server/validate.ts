/** @module Parses a request body with a zod schema; a bad body is a 400 carrying zod's message. */
import type { Context } from 'hono';
import { z } from 'zod';
import { BadRequestError } from './errors.ts';

export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is not valid JSON. Send a JSON object with Content-Type: application/json.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BadRequestError(`Invalid request body: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
