/** @module The typed RESP2 reply tree the redis-cli emulation formats (status and bulk strings kept apart). */

/**
 * One reply exactly as the server typed it. redis-cli prints a status reply (`+OK`) bare and a bulk
 * string (`$2 OK`) quoted, so the two must never be merged into one "string" type.
 */
export type RespReply =
  | { readonly type: 'status'; readonly value: Buffer }
  | { readonly type: 'error'; readonly value: Buffer }
  | { readonly type: 'integer'; readonly value: string }
  | { readonly type: 'bulk'; readonly value: Buffer }
  | { readonly type: 'nil' }
  | { readonly type: 'array'; readonly items: readonly RespReply[] };

