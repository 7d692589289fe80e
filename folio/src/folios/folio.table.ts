export interface FolioTable {
  id: string;
  stay_id: string;
  /** Folio window (1 = guest's own, 2+ = company, split billing…). Unique per stay. */
  window_number: number;
  payer_label: string;
  currency: string;
  created_at: string;
}
