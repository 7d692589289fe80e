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

/**
 * A client signed in to central as `user` (POST /api/auth/sign-in, lazily on the first call); every
 * call sends the session's bearer token.
 */
export function centralClient(
  baseUrl: string,
  user: string,
  password: string | (() => Promise<string>),
  fetchFn: typeof fetch = fetch,
) {
  let token: Promise<string> | undefined;
  async function request<T>(method: string, path: string, body: unknown, bearer: string | null): Promise<T> {
    let res: Response;
    try {
      res = await fetchFn(new URL(path, baseUrl), {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CentralRequestError(`cannot reach central at ${baseUrl}: ${(err as Error).message}`, null);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      if (text !== '' || res.status !== 204) json = JSON.parse(text);
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
  const signIn = async () =>
    (
      await request<{ token: string }>(
        'POST',
        '/api/auth/sign-in',
        { username: user, password: typeof password === 'string' ? password : await password() },
        null,
      )
    ).token;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    token ??= signIn();
    token.catch(() => {
      token = undefined;
    });
    return request<T>(method, path, body, await token);
  }
  return {
    createUser: (username: string, role: string, newPassword: string) =>
      call<{ username: string; role: string }>('POST', '/api/users', {
        username,
        role,
        password: newPassword,
      }),
    setStaff: (id: string, input: { name: string; role: string; pin?: string; badge?: string }) =>
      call<{ id: string; name: string; role: string }>('PUT', `/api/staff/${encodeURIComponent(id)}`, input),
    listStaff: () =>
      call<{ staff: Array<{ id: string; name: string; role: string; active: boolean; updatedAt: string }> }>(
        'GET',
        '/api/staff',
      ),
    removeStaff: (id: string) => call<null>('DELETE', `/api/staff/${encodeURIComponent(id)}`),
    signOut: async () => {
      if (token) await call('POST', '/api/auth/sign-out', {});
      token = undefined;
    },
    createDevice: (outlet: string, name: string, ttlMinutes: number, mode?: string) =>
      call<{ device: { id: string }; token: string; expiresAt: string }>('POST', '/api/devices', {
        outlet,
        name,
        ttlMinutes,
        ...(mode === undefined ? {} : { mode }),
      }),
    listDevices: () =>
      call<{ devices: Array<{ id: string; outletCode: string; status: string; enrolledAt: string | null }> }>(
        'GET',
        '/api/devices',
      ),
    revoke: (name: string) =>
      call<{ id: string; status: string }>('POST', `/api/devices/${encodeURIComponent(name)}/revoke`, {}),
    /** The property CA's fingerprint, which the device pins (public). */
    propertyCa: () =>
      request<{ caCertificate: string | null; fingerprint: string | null }>(
        'GET',
        '/api/enroll/ca',
        undefined,
        null,
      ),
    addRoomType: (code: string, name: string, baseOccupancy: number) =>
      call<{ code: string; name: string; baseOccupancy: number }>('POST', '/api/folio/room-types', {
        code,
        name,
        baseOccupancy,
      }),
    addRooms: (roomTypeCode: string, numbers: string[]) =>
      call<{ rooms: Array<{ number: string; roomTypeCode: string }> }>('POST', '/api/folio/rooms', {
        roomTypeCode,
        numbers,
      }),
    listRoomTypes: () =>
      call<{ roomTypes: Array<{ code: string; name: string; baseOccupancy: number }> }>(
        'GET',
        '/api/folio/room-types',
      ),
    listRooms: () =>
      call<{ rooms: Array<{ number: string; roomTypeCode: string }> }>('GET', '/api/folio/rooms'),
    addRatePlan: (code: string, name: string) =>
      call<{ id: string }>('POST', '/api/folio/rate-plans', { code, name }),
    setRate: (plan: string, input: { roomTypeCode: string; from: string; to: string; amount: string }) =>
      call<{ nights: number }>('POST', `/api/folio/rate-plans/${encodeURIComponent(plan)}/rates`, input),
    rotate: (name: string, ttlMinutes: number) =>
      call<{ token: string; expiresAt: string }>(
        'POST',
        `/api/devices/${encodeURIComponent(name)}/rotate-credentials`,
        { ttlMinutes },
      ),
  };
}
