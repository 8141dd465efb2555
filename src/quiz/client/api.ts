/** @module Browser side: JSON calls to the cachelab API; a failed call throws the server's own error message. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; json?: unknown; body?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, credentials: 'same-origin' });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const message = (data as { error?: string } | undefined)?.error ?? `The server answered ${response.status}. Reload the page and try again.`;
    throw new ApiError(response.status, message);
  }
  return data as T;
}
