/**
 * @module The terminal WebSocket's JSON frames (issue 3 §2), one zod schema per direction. `seq` on a line and on
 * a prompt is our reconnect extension: the client numbers its lines, the server says which one a prompt finishes.
 *
 * Protocol in short: every line gets its output/error frames, then exactly one prompt frame (also when it was
 * refused). On connect the server greets an idle shell with a prompt frame carrying the last finished seq. A
 * reconnecting page (same `session` query parameter) resends every line it has no prompt for; a seq the session
 * already received is ignored, so nothing runs twice. Close codes: 4401 no learner cookie or a bad token, 4403
 * someone else's sandbox, 4404 no such sandbox (or it was deleted), 4409 a newer socket took over the session,
 * 4429 too many terminals, 1009 frame too large; anything else is worth a reconnect.
 */
import { z } from 'zod';

/** Longest line the shell accepts (the lab shell enforces the same limit). */
export const MAX_LINE_CHARS = 65_536;
/** Largest WebSocket message accepted: a maximal line plus JSON escaping headroom. Larger ones close the socket (1009). */
export const MAX_FRAME_BYTES = 4 * MAX_LINE_CHARS + 1024;

const line = z
  .string()
  .max(MAX_LINE_CHARS, `a line may hold at most ${MAX_LINE_CHARS} characters; split it into several commands`);

export const clientFrameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('line'),
      line,
      seq: z.number().int().positive().optional().describe('Client sequence number; a repeated seq is not run again'),
    })
    .strict(),
  z.object({ type: z.literal('interrupt') }).strict(),
  z.object({ type: z.literal('complete'), line, cursor: z.number().int().min(0).max(MAX_LINE_CHARS) }).strict(),
  z.object({ type: z.literal('resize'), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output'), data: z.string() }).strict(),
  z
    .object({
      type: z.literal('prompt'),
      prompt: z.string(),
      seq: z.number().int().min(0).optional().describe('The numbered line this prompt finishes; on connect, the last line the session finished'),
    })
    .strict(),
  z.object({ type: z.literal('completions'), items: z.array(z.string()) }).strict(),
  z.object({ type: z.literal('error'), message: z.string() }).strict(),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export type ParsedClientFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; message: string; /** Set when the bad frame was a numbered line, so it still gets its prompt. */ lineSeq?: number; isLine: boolean };

/** Parses one text message; never throws. */
export function parseClientFrame(text: string): ParsedClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, isLine: false, message: 'Ignored a frame that is not JSON; the terminal speaks JSON frames such as {"type":"line","line":"PING"}.' };
  }
  const parsed = clientFrameSchema.safeParse(raw);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const seq = record.seq;
  return {
    ok: false,
    isLine: record.type === 'line',
    lineSeq: typeof seq === 'number' && Number.isInteger(seq) && seq > 0 ? seq : undefined,
    message: `Ignored an invalid frame: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
  };
}
