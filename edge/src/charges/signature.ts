// The guest's on-screen signature (seed 000 "GUEST SIGNATURE"): when a charge needs one, and what
// the edge accepts as one (a PNG of at most SIGNATURE_MAX_BYTES, sent as base64).
import { SIGNATURE_MAX_HEIGHT, SIGNATURE_MAX_WIDTH, signaturePngProblem } from '@roompost/drivers';
import { SIGNATURE_MAX_BYTES } from '@roompost/sync';
import { EdgeError } from '../edge-error.js';

/** What the outlet's config says about signatures; null: this outlet never asks for one. */
export type SignatureRule = {
  thresholdMinor: number;
  required: boolean;
  /** What the receipt printer prints (drivers' SIGNATURE_MAX_WIDTH × SIGNATURE_MAX_HEIGHT). */
  maxWidth: number;
  maxHeight: number;
} | null;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Staff outlets always require the signature at the threshold; self-service ones only when configured. */
export function signatureRule(outlet: {
  mode: 'self-service' | 'staff';
  signature?: { thresholdMinor: number; required: boolean } | undefined;
}): SignatureRule {
  if (!outlet.signature) return null;
  return {
    thresholdMinor: outlet.signature.thresholdMinor,
    required: outlet.mode === 'staff' || outlet.signature.required,
    maxWidth: SIGNATURE_MAX_WIDTH,
    maxHeight: SIGNATURE_MAX_HEIGHT,
  };
}

/** Decodes and checks a signature, or refuses it (`VALIDATION_FAILED`, field `signaturePng`). */
export function decodeSignature(base64: string): Buffer {
  const png = Buffer.from(base64, 'base64');
  if (png.length > SIGNATURE_MAX_BYTES) {
    throw refuse(`the signature image is ${png.length} bytes; at most ${SIGNATURE_MAX_BYTES} are kept`);
  }
  if (png.length < PNG_MAGIC.length + 25 || !png.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw refuse('the signature is not a PNG image');
  }
  // What the receipt printer can print (paper width, height): refused now rather than lost later.
  const problem = signaturePngProblem(base64);
  if (problem !== null) throw refuse(`the signature cannot be printed: ${problem}`);
  return png;
}

/**
 * The signature this charge keeps: required at or above the threshold when the rule says so, and
 * a PNG whenever one is sent. A signature below the threshold is kept too (the guest chose to sign).
 */
export function acceptSignature(
  rule: SignatureRule,
  totalMinor: number,
  base64: string | null,
): Buffer | null {
  if (base64 === null) {
    if (rule?.required && totalMinor >= rule.thresholdMinor) {
      throw refuse('this charge needs the guest signature: ask the guest to sign on the screen');
    }
    return null;
  }
  return decodeSignature(base64);
}

function refuse(message: string): EdgeError {
  return new EdgeError('VALIDATION_FAILED', message, { field: 'signaturePng' });
}
