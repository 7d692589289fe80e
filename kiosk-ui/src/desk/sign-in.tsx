// The desk signs in through the console's session (one token per tab, shared with /console/).
import { useState } from 'preact/hooks';
import { signIn } from '../console/session.js';
import type { DeskKey } from './i18n.js';

export function DeskSignIn({ words }: { words: Record<DeskKey, string> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? '')));
    setBusy(false);
  };
  return (
    <main class="page narrow">
      <form class="card" data-testid="sign-in" onSubmit={submit}>
        <h1>roompost · {words.title}</h1>
        <label>
          {words.username}
          <input name="username" autocomplete="username" required />
        </label>
        <label>
          {words.password}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {words.signIn}
        </button>
      </form>
    </main>
  );
}
