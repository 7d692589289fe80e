// Central's API as the desk calls it: the console's signed-in session (its bearer token) on every call,
// JSON in and out, and a refusal as a DeskApiError carrying central's stable code.
import { apiFetch } from '../console/session.js';

export class DeskApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await apiFetch(`../api${path}`, init);
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok)
    throw new DeskApiError(json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`, res.status);
  return json as T;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
};

/** A file behind the bearer token (invoice HTML, CSV), as a blob URL the browser can open or save. */
export async function fetchBlob(path: string): Promise<string> {
  const res = await apiFetch(`../api${path}`);
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new DeskApiError(json.code ?? 'HTTP_ERROR', json.message ?? `HTTP ${res.status}`, res.status);
  }
  return URL.createObjectURL(await res.blob());
}

/** Saves a file behind the bearer token under `name`. */
export async function download(path: string, name: string): Promise<void> {
  const url = await fetchBlob(path);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const enc = encodeURIComponent;
