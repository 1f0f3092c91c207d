import type { HandlerSlice } from './types';
import {
  certificateStatus,
  importCertificate,
  importSeal,
  fontStatus,
  sealStatus,
  issueSupplementNotice,
  loadSettings,
  saveSettings,
  unlockCertificate,
} from '../documents/issue';

export const documentHandlers: HandlerSlice<
  | 'documents.supplementNotice'
  | 'documents.settings.get'
  | 'documents.settings.set'
  | 'documents.certificate.import'
  | 'documents.certificate.unlock'
  | 'documents.certificate.status'
  | 'documents.seal.import'
  | 'documents.seal.status'
  | 'documents.fonts.status'
> = {
  'documents.supplementNotice': (ctx, { applicationId }) => issueSupplementNotice(ctx, applicationId),
  'documents.settings.get': (ctx) => loadSettings(ctx.db),
  'documents.settings.set': (ctx, s) => saveSettings(ctx, s),
  'documents.certificate.import': (ctx, { path, passphrase }) => importCertificate(ctx, path, passphrase),
  'documents.certificate.unlock': (ctx, { passphrase }) => unlockCertificate(ctx, passphrase),
  'documents.certificate.status': (ctx) => certificateStatus(ctx),
  'documents.seal.import': (ctx, { path }) => importSeal(ctx, path),
  'documents.seal.status': (ctx) => sealStatus(ctx),
  'documents.fonts.status': (ctx) => fontStatus(ctx),
};
