import { render } from 'preact';
import { createEdgeClient } from './api/edge-client.js';
import { App } from './app.js';
import './kiosk.css';

const root = document.getElementById('app');
if (!root) throw new Error('kiosk: #app missing from index.html');
render(<App client={createEdgeClient((input, init) => window.fetch(input, init))} />, root);
