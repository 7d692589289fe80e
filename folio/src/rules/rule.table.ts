// Tables of migration 000400: pricing rules, promo codes, redemptions, night-audit runs.
import type { PromoScope, RuleKind, ServiceKind } from './rule-types.js';

export interface PricingRuleTable {
  id: string;
  code: string;
  kind: RuleKind;
  name: string;
  percent: string | null;
  amount_minor: number | null;
  date_from: string | null;
  date_to: string | null;
  holidays_json: string | null;
  weekdays_json: string | null;
  room_types_json: string | null;
  quota: number | null;
  service_kind: ServiceKind | null;
  promo_scope: PromoScope | null;
  active: number;
  created_at: string;
  created_by: string;
  updated_at: string | null;
  updated_by: string | null;
}

export interface PromoCodeTable {
  code: string;
  rule_id: string;
  valid_from: string;
  valid_to: string;
  usage_limit: number | null;
  created_at: string;
  created_by: string;
}

export interface PromoRedemptionTable {
  reservation_id: string;
  code: string;
  business_date: string;
  redeemed_at: string;
  redeemed_by: string;
}

export type NightAuditStatus = 'running' | 'completed' | 'failed';

export interface NightAuditRunTable {
  id: string;
  business_date: string;
  status: NightAuditStatus;
  started_at: string;
  started_by: string;
  finished_at: string | null;
  override_reason: string | null;
  pending_pos: number;
  no_shows: number;
  rooms_posted: number;
  postings: number;
  error: string | null;
  report_json: string | null;
}
