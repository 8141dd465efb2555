/**
 * @module The progress export file: `{ format, version, exportedAt, payload, signature }`, signed with HMAC-SHA256 and
 * the server's secret, so an import cannot claim exercise passes or quiz results the platform never checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseProgressExport, type ProgressExport } from './progress-export.ts';

export const PROGRESS_EXPORT_FORMAT = 'cachelab-progress';
/** 2: the payload is nested and signed (version 1 files were unsigned and are refused). */
export const PROGRESS_EXPORT_VERSION = 2;

const CHOOSE_FILE = 'Choose the .json file that "Export progress" downloaded, unchanged.';
const OTHER_WAYS = 'Export again from the original browser, or use a link code (Progress page → Link another browser).';
export const CHANGED_FILE_MESSAGE =
  `This file was changed after it was exported, so it cannot be imported: exercise passes must come from the platform's own checks. ${OTHER_WAYS} ` +
  'A file exported by another cachelab server is refused the same way: only this server can vouch for its own files.';

/** Separates these signatures from anything else the same secret signs (learner cookies). */
const SIGNATURE_CONTEXT = 'cachelab progress export\n';

export interface SignedProgressExport {
  format: typeof PROGRESS_EXPORT_FORMAT;
  version: typeof PROGRESS_EXPORT_VERSION;
  exportedAt: number;
  payload: ProgressExport;
  /** Hex HMAC-SHA256 of signedText(); payload.learner (the display name) is deliberately outside it. */
  signature: string;
}

const envelopeSchema = z
  .object({
    format: z.literal(PROGRESS_EXPORT_FORMAT),
    version: z.literal(PROGRESS_EXPORT_VERSION),
    exportedAt: z.number().int().nonnegative(),
    payload: z.record(z.string(), z.unknown()),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
type Envelope = Omit<z.infer<typeof envelopeSchema>, 'signature'>;

/** JSON with object keys sorted at every level, so re-indenting or reordering a file does not break its signature. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What the signature covers: everything but the display name. The name claims nothing and the learner may rename
 * themselves at any time on the Progress page, so editing it in the file is allowed (it is validated like that form).
 */
function signedText({ format, version, exportedAt, payload }: Envelope): string {
  const { learner: _name, ...claims } = payload;
  return SIGNATURE_CONTEXT + canonicalJson({ format, version, exportedAt, payload: claims });
}

function hmac(secret: string, envelope: Envelope): Buffer {
  return createHmac('sha256', secret).update(signedText(envelope)).digest();
}

export function signProgressExport(payload: ProgressExport, secret: string, exportedAt = Date.now()): SignedProgressExport {
  // Sign what a reader will parse back, so values JSON cannot carry (undefined) never enter the signature.
  const normalized = JSON.parse(JSON.stringify(payload)) as ProgressExport;
  const envelope = { format: PROGRESS_EXPORT_FORMAT, version: PROGRESS_EXPORT_VERSION, exportedAt, payload: normalized } as const;
  return { ...envelope, signature: hmac(secret, envelope).toString('hex') };
}

export type ReadProgressExportResult = { ok: true; data: ProgressExport; exportedAt: number } | { ok: false; error: string };

/**
 * Reads an uploaded file's text. Order matters for the message: not JSON, not ours, another version, then any
 * change to what was signed, and only then the payload's shape (a signed file fails that only across versions).
 */
export function readSignedProgressExport(text: string, secret: string): ReadProgressExportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This file is not valid JSON (${(error as Error).message}). ${CHOOSE_FILE}` };
  }
  const file = (json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  if (file.format !== PROGRESS_EXPORT_FORMAT) {
    return { ok: false, error: `This is not a cachelab progress export ("format" must be "${PROGRESS_EXPORT_FORMAT}"). ${CHOOSE_FILE}` };
  }
  if (file.version === 1) {
    return { ok: false, error: `This file comes from an earlier cachelab that did not sign its exports, so it cannot be imported. ${OTHER_WAYS}` };
  }
  if (file.version !== PROGRESS_EXPORT_VERSION) {
    return { ok: false, error: `This file comes from a different cachelab version ("version" is ${JSON.stringify(file.version)}, this server reads ${PROGRESS_EXPORT_VERSION}). ${OTHER_WAYS}` };
  }
  const envelope = envelopeSchema.safeParse(file);
  if (!envelope.success) return { ok: false, error: CHANGED_FILE_MESSAGE };
  const { signature, ...signed } = envelope.data;
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), hmac(secret, signed))) return { ok: false, error: CHANGED_FILE_MESSAGE };
  const payload = parseProgressExport(signed.payload);
  if (!payload.ok) return { ok: false, error: `This export does not fit this version of cachelab: ${payload.error}. ${OTHER_WAYS}` };
  return { ok: true, data: payload.data, exportedAt: signed.exportedAt };
}
