import { useState } from 'preact/hooks';
import { signIn } from './session.js';

/** User name and password for central (docs/central-api.md); the demo prints its users at `npm start`. */
export function SignIn() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const problem = await signIn(
      String(form.get('username') ?? ''),
      String(form.get('password') ?? ''),
    ).catch((err: Error) => err.message);
    setBusy(false);
    setError(problem);
  };
  return (
    <form class="sign-in" data-testid="sign-in" onSubmit={submit}>
      <h1>Sign in</h1>
      <label>
        User <input name="username" autocomplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
