/**
 * Messages between the batch job (main thread, service/documents/batch/jobs.ts)
 * and its worker threads (worker.ts). Everything here crosses postMessage, so
 * it is plain data: a signing key travels as a Node KeyObject (cloneable), the
 * certificates as bytes.
 */
import type { KeyObject } from 'node:crypto';
import type { FontConfig } from '../fonts';
import type { DocumentSpec } from '../layout/blocks';

export interface WorkerIdentity {
  key: KeyObject;
  /** DER, the signer's first */
  certs: Uint8Array[];
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint: string;
}

export interface WorkerItem {
  spec: DocumentSpec;
  /** the final path; written to a temporary file first and renamed when complete */
  file: string;
  /** shown in the signature's properties */
  reason: string;
  location: string;
}

export interface WorkerInit {
  fonts: { configured: FontConfig; cacheDir: string };
  identity: WorkerIdentity | null;
  /** the seal PNG (signed documents only) */
  seal: Uint8Array | null;
  /** the documents' creation and signing time, ms since the epoch */
  now: number;
  items: WorkerItem[];
  /** Int32Array view: [0] the next item to take (shared by all workers), [1] 1 = cancel */
  control: SharedArrayBuffer;
  /** tests only: wait this long before each document, so a cancel lands midway */
  throttleMs?: number;
}

export type ToWorker = {
  type: 'combine';
  /** indices of the items to put in the combined PDF, in print order */
  indices: number[];
  file: string;
  title: string;
  reason: string;
  location: string;
};

export type FromWorker =
  | { type: 'ready'; ms: number }
  | { type: 'start'; index: number }
  | { type: 'file'; index: number; sha256: string; pages: number; signed: boolean; bytes: number }
  | { type: 'error'; index: number; message: string }
  /** no more items for this worker (all taken, or cancelled) */
  | { type: 'end' }
  | { type: 'combined'; sha256: string; pages: number; signed: boolean; bytes: number }
  | { type: 'combineError'; message: string }
  /** the worker could not start (fonts, module loading) */
  | { type: 'fatal'; message: string };

export const CONTROL_NEXT = 0;
export const CONTROL_CANCEL = 1;
