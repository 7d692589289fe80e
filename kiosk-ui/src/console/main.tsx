import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FleetPage } from './fleet-page.js';
import { currentSession, onSessionChange, signOut } from './session.js';
import { SignIn } from './sign-in.js';
import './console.css';

function Console() {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  return (
    <main class="console">
      <nav class="brand bar">
        roompost · back office
        {session && (
          <span class="who">
            {session.username} ({session.role.replace('_', ' ')}){' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </span>
        )}
      </nav>
      {session ? <FleetPage /> : <SignIn />}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Console />, root);
