// What central's API answers, as far as the console reads it.
export interface PostingView {
  id: string;
  device: string;
  outletCode: string;
  checkNumber: string;
  roomNumber: string;
  guestName: string | null;
  currency: string;
  totalMinor: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  pmsTransactionId: string | null;
  error: { code: string; message: string | null } | null;
  createdAt: string;
  receivedAt: string;
  postedAt: string | null;
}

export interface PostingDetail extends PostingView {
  attemptLog: Array<{
    id: number;
    attempt: number;
    at: string;
    outcome: string;
    error_code: string | null;
    error_message: string | null;
    actor: string | null;
    note: string | null;
  }>;
}

export interface QueueView {
  pending: number;
  lastPmsContactAt: string | null;
  postings: PostingView[];
}

export interface ReconDay {
  date: string;
  state: 'open' | 'balanced' | 'exceptions' | 'variance' | 'signed_off';
  variance: string | null;
  varianceMinor: number | null;
  alert: boolean;
  signedOff: { by: string; at: string; reason: string | null } | null;
}

export interface ReconReport {
  date: string;
  currency: string;
  state: string;
  pms: { kind: string; readBack: string; note: string; unknownChecked: boolean; unknownNote: string };
  summary: {
    totalPostedMinor: number;
    posTotalMinor: number;
    roomCharges: number;
    varianceMinor: number;
    balanced: boolean;
    formatted: { totalPosted: string; posTotal: string; variance: string };
  };
  byOutlet: Array<{
    outletCode: string;
    name: string;
    checks: number;
    posTotalMinor: number;
    pmsPostedMinor: number;
    varianceMinor: number;
    formatted: { posTotal: string; pmsPosted: string; variance: string };
  }>;
  exceptions: Array<{
    kind: string;
    chargeId: string | null;
    outletCode: string;
    device: string | null;
    roomNumber: string | null;
    checkNumber: string | null;
    amount: string;
    detail: string;
    action: string;
  }>;
  recovered: Array<{ chargeId: string; at: string; roomNumber: string; amount: string; path: string }>;
  voids: Array<{
    chargeId: string;
    roomNumber: string;
    amount: string;
    status: string;
    requestedBy: string;
    reason: string;
  }>;
  withdrawn: Array<{
    chargeId: string;
    roomNumber: string;
    amount: string;
    by: string | null;
    reason: string | null;
  }>;
  signOffs: Array<{ by: string; at: string; reason: string | null; varianceMinor: number }>;
}
