import { dateTime } from '../format.js';
import { useT } from '../i18n/i18n.js';
import { useApi } from '../use-api.js';

interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
}

/** Who did what: overrides, voids, retries, withdrawals, sign-offs, config changes (GET /api/audit-log). */
export function AuditPage() {
  const { t } = useT();
  const log = useApi<{ entries: AuditEntry[] }>('audit-log?limit=300', 15000);
  if (!log.data)
    return <p class="muted">{log.error ? t('error.load', { error: log.error }) : t('loading')}</p>;
  return (
    <section data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      <table class="fleet" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('audit.at')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.subject')}</th>
            <th>{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {log.data.entries.map((e, i) => (
            <tr key={`${e.at}-${i}`} data-action={e.action}>
              <td>{dateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td>{e.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
