import { useEffect, useState } from 'preact/hooks';

export const PAGES = [
  'overview',
  'postings',
  'queue',
  'reconciliation',
  'revenue',
  'fleet',
  'audit',
  'group',
] as const;
export type Page = (typeof PAGES)[number];

/** The page in the URL's hash (#/queue), so a reload or a bookmark opens the same page. */
export function currentPage(): Page {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

export function useRoute(): Page {
  const [page, setPage] = useState(currentPage);
  useEffect(() => {
    const on = () => setPage(currentPage());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return page;
}
