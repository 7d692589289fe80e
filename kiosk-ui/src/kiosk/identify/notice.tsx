// Why the last attempt to identify did not work, and what to do (the edge's message and action).
import type { Problem } from '../flow/problem.js';

export function Notice({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <div class="notice" role="alert" data-testid="notice" data-code={problem.code}>
      <strong>{problem.message}</strong>
      {problem.detail && <span class="notice-detail">: {problem.detail}</span>}
      {problem.action && <span class="notice-action">{problem.action}</span>}
    </div>
  );
}
