import { render } from 'preact';
import { FleetPage } from './fleet-page.js';
import './console.css';

function Console() {
  return (
    <main class="console">
      <nav class="brand">roompost · back office</nav>
      <FleetPage />
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Console />, root);
