// Prometheus scraping as a monitoring server does it: central's /metrics asks for a bearer token.
import { createHash } from 'node:crypto';

export const SCRAPE_TOKEN = 'scrape-token-0123456789abcdef';
/** central.json `metrics.tokenSha256` for SCRAPE_TOKEN. */
export const SCRAPE_TOKEN_SHA256 = createHash('sha256').update(SCRAPE_TOKEN).digest('hex');

/** The text of `${url}/metrics`, scraped with SCRAPE_TOKEN. */
export const scrape = async (url: string): Promise<string> =>
  (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
