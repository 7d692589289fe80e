// Why the last attempt to identify did not work, and what to do (the edge's message and action).
import type { Problem } from '../flow/problem.js';

export function Notice({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <div class="notice" role="alert" data-testid="notice" data-code={problem.code}>
      <strong>{problem.message}</strong>
      {problem.action && <span> {problem.action}</span>}
    </div>
  );
}
