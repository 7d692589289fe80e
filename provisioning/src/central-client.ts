/** The few central endpoints IT's tool calls, with errors turned into readable messages. */
export class CentralRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'CentralRequestError';
  }
}

export function centralClient(baseUrl: string, user: string, fetchFn: typeof fetch = fetch) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetchFn(new URL(path, baseUrl), {
        method,
        headers: { 'content-type': 'application/json', 'x-roompost-user': user },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CentralRequestError(`cannot reach central at ${baseUrl}: ${(err as Error).message}`, null);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CentralRequestError(`central answered ${res.status} with something that is not JSON`, null);
    }
    if (!res.ok) {
      const e = json as { code?: string; message?: string; action?: string };
      throw new CentralRequestError(
        `${e.code ?? res.status}: ${e.message ?? text}${e.action ? ` (${e.action})` : ''}`,
        e.code ?? null,
      );
    }
    return json as T;
  }
  return {
    createDevice: (outlet: string, name: string, ttlMinutes: number) =>
      call<{ device: { id: string }; token: string; expiresAt: string }>('POST', '/api/devices', {
        outlet,
        name,
        ttlMinutes,
      }),
    listDevices: () =>
      call<{ devices: Array<{ id: string; outletCode: string; status: string; enrolledAt: string | null }> }>(
        'GET',
        '/api/devices',
      ),
    revoke: (name: string) =>
      call<{ id: string; status: string }>('POST', `/api/devices/${encodeURIComponent(name)}/revoke`, {}),
    rotate: (name: string, ttlMinutes: number) =>
      call<{ token: string; expiresAt: string }>(
        'POST',
        `/api/devices/${encodeURIComponent(name)}/rotate-credentials`,
        { ttlMinutes },
      ),
  };
}
