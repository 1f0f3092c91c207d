import { randomUUID } from 'node:crypto';
import type { HandlerSlice } from './types';
import { nowIso, operator } from '../context';
import { notFound, refuse } from '../errors';
import type { Db } from '../../db/queries/types';
import { appendAudit } from '../../db/queries/audit';
import { getSetting } from '../../db/queries/settings';
import { getRound } from '../../db/queries/rounds';
import { getApplication } from '../../db/queries/applications';
import { getPerson, listPersons } from '../../db/queries/panel';
import { getCurrentRubric, listRubrics, listSheets } from '../../db/queries/scores';
import {
  currentRegisteredKey,
  findRegisteredKeyByFingerprint,
  getAgencyKey,
  getKey,
  getPackage,
  getPackageApplication,
  insertKey,
  insertRegisteredKey,
  listCurrentRegisteredKeys,
  listKeys,
  listPackages,
  listRefusalsOfRound,
  listSheetExports,
  listSheetImports,
  listTrustedAgencies,
  listUnattributedRefusals,
  replaceRegisteredKey,
  type RegisteredKeyRow,
  type SheetExportRow,
} from '../../db/queries/offline';
import { loadPanel, openSession, requireMember, requireSession } from './panel';
import { requireRound } from './rounds';
import { digitsOfFingerprint } from '../../shared/offline/fingerprint';
import { packageApplicationDataSchema, packageEligibilitySchema } from '../../shared/offline/packageData';
import type { OfflineStatus, RegisteredKey } from '../../shared/contract/slices/offline';
import { encryptPrivateKey, generateSigningKey } from '../offline/crypto';
import { writeFileAtomic } from '../offline/files';
import { deviceId, DEVICE_ID_SETTING, keyView, parsePublicKeyText, publicKeyFileText, readPublicKeyFile, requireFingerprintMatch, unlockKey } from '../offline/keys';
import { exportPackage, importPackage, localKeyFor, packageMembers, readPackage } from '../offline/package';
import { commitImport, commitImportMany, exportSheet, previewImport } from '../offline/sheet';
import { fingerprintOf } from '../offline/crypto';

/** Offline laptops (issue 5): see shared/contract/slices/offline.ts for what each method is for. */

function registeredView(r: RegisteredKeyRow, personName: string, replaced: number): RegisteredKey {
  return {
    personId: r.person_id,
    personName,
    fingerprint: r.fingerprint,
    fingerprintDigits: digitsOfFingerprint(r.fingerprint),
    keyName: r.key_name,
    source: r.source,
    registeredAt: r.registered_at,
    registeredBy: r.registered_by,
    replaced,
  };
}

async function replacedCount(db: Db, personId: string): Promise<number> {
  const rows = await db
    .withTables<{ offline_registered_key: { person_id: string; replaced_at: string | null } }>()
    .selectFrom('offline_registered_key')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('replaced_at', 'is not', null)
    .execute();
  return rows.length;
}

function exportView(r: SheetExportRow, versions: Map<string, number>) {
  return {
    seq: r.seq,
    createdAt: r.created_at,
    fileName: r.file_name,
    sheetHash: r.sheet_hash,
    fileSha256: r.file_sha256,
    scores: r.scores,
    applications: r.applications,
    rubricVersion: versions.get(r.rubric_id) ?? null,
  };
}

async function requirePackage(db: Db, roundId: string) {
  await requireRound(db, roundId);
  const pkg = await getPackage(db, roundId);
  if (!pkg) refuse('STATE', '本批次不是从评分包导入的（这是经办机构电脑上的批次）', `round ${roundId} is not a package round`);
  return pkg;
}

export const offlineHandlers: HandlerSlice<
  | 'offline.keys'
  | 'offline.createKey'
  | 'offline.exportPublicKey'
  | 'offline.readKeyFile'
  | 'offline.registerKey'
  | 'offline.registeredKeys'
  | 'offline.exportPackage'
  | 'offline.packagePreview'
  | 'offline.packageImport'
  | 'offline.packageInfo'
  | 'offline.packageApplication'
  | 'offline.signIn'
  | 'offline.exportSheet'
  | 'offline.sheetExports'
  | 'offline.importPreview'
  | 'offline.importCommit'
  | 'offline.importCommitMany'
  | 'offline.status'
> = {
  async 'offline.keys'(ctx) {
    const keys = await listKeys(ctx.db);
    const byFingerprint = new Map<string, { roundId: string; roundCode: string; roundName: string; memberId: string; name: string; role: 'chair' | 'member' }[]>();
    for (const p of await listPackages(ctx.db)) {
      const round = await getRound(ctx.db, p.round_id);
      if (!round) continue;
      for (const m of packageMembers(p.members_json)) {
        if (!m.keyFingerprint) continue;
        const list = byFingerprint.get(m.keyFingerprint) ?? [];
        list.push({ roundId: round.id, roundCode: round.code, roundName: round.name, memberId: m.memberId, name: m.name, role: m.role });
        byFingerprint.set(m.keyFingerprint, list);
      }
    }
    const agency = keys.find((k) => k.kind === 'agency');
    return {
      deviceId: (await getSetting(ctx.db, DEVICE_ID_SETTING)) ?? null,
      agencyKey: agency ? keyView(agency) : null,
      memberKeys: keys.filter((k) => k.kind === 'member').map((k) => ({ ...keyView(k), members: byFingerprint.get(k.fingerprint) ?? [] })),
      trustedAgencies: (await listTrustedAgencies(ctx.db)).map((t) => ({ name: t.name, fingerprint: t.fingerprint, fingerprintDigits: digitsOfFingerprint(t.fingerprint), trustedAt: t.trusted_at })),
    };
  },

  async 'offline.createKey'(ctx, { kind, name, passphrase }) {
    if (kind === 'agency') {
      const existing = await getAgencyKey(ctx.db);
      if (existing) refuse('CONFLICT', `本机已有经办机构签名密钥（${existing.name}，指纹 ${existing.fingerprint}），不能再生成`, 'agency key exists');
    }
    const { publicRaw, privateKey } = generateSigningKey();
    const fingerprint = fingerprintOf(publicRaw);
    const enc = await encryptPrivateKey(privateKey, passphrase, fingerprint);
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      await insertKey(trx, { id, kind, name, public_key: publicRaw.toString('base64'), fingerprint, private_key_enc: enc, created_at: now });
      // the public key and its fingerprint only: never the private key or the passphrase
      await appendAudit(trx, { at: now, actor: kind === 'member' ? name : await operator(trx), action: 'offline.createKey', entity: 'offline_key', entityId: id, after: { kind, name, fingerprint, publicKey: publicRaw.toString('base64') } });
    });
    return keyView((await getKey(ctx.db, id))!);
  },

  async 'offline.exportPublicKey'(ctx, { keyId, outPath }) {
    const key = await getKey(ctx.db, keyId);
    if (!key) notFound('密钥', keyId);
    let written: { path: string; name: string } | undefined;
    await ctx.db.transaction().execute(async (trx) => {
      const device = await deviceId(trx);
      await appendAudit(trx, { at: nowIso(ctx), actor: key.kind === 'member' ? key.name : await operator(trx), action: 'offline.exportPublicKey', entity: 'offline_key', entityId: key.id, after: { fingerprint: key.fingerprint } });
      written = writeFileAtomic(outPath, publicKeyFileText(key, device));
    });
    return { path: written!.path, fileName: written!.name, fingerprint: key.fingerprint, fingerprintDigits: digitsOfFingerprint(key.fingerprint) };
  },

  async 'offline.readKeyFile'(ctx, { path }) {
    const f = readPublicKeyFile(path);
    const reg = await findRegisteredKeyByFingerprint(ctx.db, f.fingerprint);
    const person = reg ? await getPerson(ctx.db, reg.person_id) : undefined;
    return {
      name: f.name,
      fingerprint: f.fingerprint,
      fingerprintDigits: digitsOfFingerprint(f.fingerprint),
      publicKey: f.publicRaw.toString('base64'),
      createdAt: f.createdAt,
      registeredTo: reg && person ? { personId: person.id, name: person.name } : null,
    };
  },

  async 'offline.registerKey'(ctx, { personId, path, publicKey, fingerprint, reason }) {
    const person = await getPerson(ctx.db, personId);
    if (!person) notFound('人员', personId);
    const file = path ? readPublicKeyFile(path) : null;
    const raw = file ? file.publicRaw : parsePublicKeyText(publicKey!);
    const actual = fingerprintOf(raw);
    requireFingerprintMatch(fingerprint, actual, `${person.name}的公钥`, 'fingerprint');
    await ctx.db.transaction().execute(async (trx) => {
      const other = await findRegisteredKeyByFingerprint(trx, actual);
      if (other && other.person_id !== personId) {
        const owner = await getPerson(trx, other.person_id);
        refuse('CONFLICT', `该公钥已登记给${owner?.name ?? '其他人员'}，一把密钥只能属于一位成员`, `key ${actual} registered to ${other.person_id}`, { fingerprint: '该公钥已登记给他人' });
      }
      const current = await currentRegisteredKey(trx, personId);
      if (current?.fingerprint === actual) return;
      if (current && !reason) {
        refuse('VALIDATION', `${person.name}已登记公钥（指纹 ${current.fingerprint}），更换须填写原因（如更换电脑、口令遗失）`, `key replacement for ${personId} without reason`, { reason: '请填写更换原因' });
      }
      const now = nowIso(ctx);
      if (current) await replaceRegisteredKey(trx, current.id, now, reason!);
      const by = await operator(trx);
      await insertRegisteredKey(trx, { id: randomUUID(), person_id: personId, public_key: raw.toString('base64'), fingerprint: actual, key_name: file?.name || null, source: file ? 'file' : 'text', registered_at: now, registered_by: by, replaced_at: null, replace_reason: null });
      await appendAudit(trx, {
        at: now,
        actor: by,
        action: current ? 'offline.replaceKey' : 'offline.registerKey',
        entity: 'person',
        entityId: personId,
        before: current ? { fingerprint: current.fingerprint } : undefined,
        after: { fingerprint: actual, publicKey: raw.toString('base64'), source: file ? 'file' : 'text', fingerprintCompared: true, reason: reason ?? null },
      });
    });
    const row = (await currentRegisteredKey(ctx.db, personId))!;
    return registeredView(row, person.name, await replacedCount(ctx.db, personId));
  },

  async 'offline.registeredKeys'(ctx) {
    const names = new Map((await listPersons(ctx.db)).map((p) => [p.id, p.name]));
    const out: RegisteredKey[] = [];
    for (const r of await listCurrentRegisteredKeys(ctx.db)) out.push(registeredView(r, names.get(r.person_id) ?? '', await replacedCount(ctx.db, r.person_id)));
    return out.sort((a, b) => a.personName.localeCompare(b.personName, 'zh-CN'));
  },

  async 'offline.exportPackage'(ctx, input) {
    return exportPackage(ctx, input);
  },

  async 'offline.packagePreview'(ctx, { path }) {
    return (await readPackage(ctx, path)).preview;
  },

  async 'offline.packageImport'(ctx, input) {
    return importPackage(ctx, input);
  },

  async 'offline.packageInfo'(ctx, { roundId }) {
    await requireRound(ctx.db, roundId);
    const pkg = await getPackage(ctx.db, roundId);
    if (!pkg) return { roundId, origin: 'local' as const, package: null };
    const versions = new Map((await listRubrics(ctx.db, roundId)).map((r) => [r.id, r.version]));
    const members = [];
    for (const m of packageMembers(pkg.members_json)) {
      const last = (await listSheetExports(ctx.db, roundId, m.memberId))[0];
      members.push({ ...m, keyOnThisLaptop: (await localKeyFor(ctx.db, m.keyFingerprint)) !== undefined, lastExport: last ? exportView(last, versions) : null });
    }
    return {
      roundId,
      origin: 'package' as const,
      package: {
        exportedAt: pkg.exported_at,
        importedAt: pkg.imported_at,
        agency: { name: pkg.agency_name, fingerprint: pkg.agency_fingerprint, fingerprintDigits: digitsOfFingerprint(pkg.agency_fingerprint) },
        packageHash: pkg.package_hash,
        rubricVersion: versions.get(pkg.rubric_id) ?? 0,
        members,
      },
    };
  },

  async 'offline.packageApplication'(ctx, { roundId, applicationId }) {
    await requirePackage(ctx.db, roundId);
    const app = await getApplication(ctx.db, applicationId);
    const extra = await getPackageApplication(ctx.db, applicationId);
    if (!app || app.round_id !== roundId || !extra) notFound('申请', applicationId);
    const { eligibility, staffToBedRatio } = JSON.parse(extra.eligibility_json) as { eligibility: unknown; staffToBedRatio: string | null };
    return {
      applicationId: app.id,
      applicationNo: app.application_no,
      name: app.name,
      data: packageApplicationDataSchema.parse(JSON.parse(app.data_json)),
      staffToBedRatio,
      eligibility: packageEligibilitySchema.parse(eligibility),
    };
  },

  async 'offline.signIn'(ctx, { roundId, memberId, passphrase }) {
    const pkg = await getPackage(ctx.db, roundId);
    if (!pkg) {
      await requireRound(ctx.db, roundId);
      refuse('STATE', '本批次在本机（经办机构电脑）上，请用个人PIN登录评分', `round ${roundId} is not a package round`);
    }
    const p = await loadPanel(ctx.db, roundId);
    const m = requireMember(p, memberId);
    const pm = packageMembers(pkg.members_json).find((x) => x.memberId === memberId);
    if (!pm?.keyFingerprint) {
      refuse('STATE', `${m.name}的公钥尚未在经办机构登记，不能在成员电脑上评分：请先把公钥交经办机构登记，再导入重新导出的评分包`, `member ${memberId} has no registered key`);
    }
    const key = await localKeyFor(ctx.db, pm.keyFingerprint);
    if (!key) refuse('STATE', `本机没有${m.name}的私钥（指纹 ${pm.keyFingerprint}），请在生成该密钥的电脑上评分`, `key ${pm.keyFingerprint} not on this laptop`);
    await unlockKey(ctx, key, passphrase);
    const { token, expiresAt } = openSession(ctx, roundId, memberId);
    return { session: token, memberId, name: m.name, role: m.role, expiresAt };
  },

  async 'offline.exportSheet'(ctx, input) {
    return exportSheet(ctx, input);
  },

  async 'offline.sheetExports'(ctx, input) {
    requireSession(ctx, input);
    await requirePackage(ctx.db, input.roundId);
    const versions = new Map((await listRubrics(ctx.db, input.roundId)).map((r) => [r.id, r.version]));
    return (await listSheetExports(ctx.db, input.roundId, input.actingMemberId)).map((r) => exportView(r, versions));
  },

  async 'offline.importPreview'(ctx, input) {
    return previewImport(ctx, input);
  },

  async 'offline.importCommit'(ctx, input) {
    return commitImport(ctx, input);
  },

  async 'offline.importCommitMany'(ctx, input) {
    return { results: await commitImportMany(ctx, input) };
  },

  async 'offline.status'(ctx, { roundId }) {
    const db = ctx.db;
    const p = await loadPanel(db, roundId);
    const rubric = await getCurrentRubric(db, roundId);
    const versions = new Map((await listRubrics(db, roundId)).map((r) => [r.id, r.version]));
    const sheets = new Map((rubric ? await listSheets(db, rubric.id) : []).map((s) => [s.member_id, s.status]));
    const imports = await listSheetImports(db, roundId);
    const refusals = await listRefusalsOfRound(db, roundId);
    const keys = new Map((await listCurrentRegisteredKeys(db)).map((k) => [k.person_id, k]));
    const memberIds = new Set(p.members.map((m) => m.id));
    const members: OfflineStatus['members'] = p.members.map((m) => {
      const mine = imports.filter((i) => i.member_id === m.id);
      const last = mine.reduce<(typeof mine)[number] | undefined>((best, i) => (!best || i.event_no > best.event_no ? i : best), undefined);
      const refusal = refusals.find((r) => r.member_id === m.id);
      const key = keys.get(m.personId);
      const current = last !== undefined && rubric !== undefined && last.rubric_id === rubric.id;
      const state: OfflineStatus['members'][number]['state'] = refusal && (!last || refusal.event_no > last.event_no) ? 'refused' : current ? 'received' : 'missing';
      return {
        memberId: m.id,
        personId: m.personId,
        name: m.name,
        role: m.role,
        keyFingerprint: key?.fingerprint ?? null,
        keyFingerprintDigits: key ? digitsOfFingerprint(key.fingerprint) : null,
        state,
        sheetStatus: sheets.get(m.id) ?? 'none',
        sheets: mine.length,
        lastSheet: last
          ? {
              seq: last.seq,
              signedAt: last.signed_at,
              importedAt: last.imported_at,
              importedBy: last.imported_by,
              sheetHash: last.sheet_hash,
              fileSha256: last.file_sha256,
              fileName: last.file_name,
              deviceId: last.device_id,
              scores: last.scores_total,
              newScores: last.scores_new,
              changedScores: last.scores_changed,
              rubricVersion: versions.get(last.rubric_id) ?? last.rubric_version,
              current,
            }
          : null,
        lastRefusal: refusal ? { at: refusal.at, code: refusal.code, reason: refusal.reason, fileName: refusal.file_name, fileSha256: refusal.file_sha256, seq: refusal.seq } : null,
      };
    });
    const other = [...refusals.filter((r) => !r.member_id || !memberIds.has(r.member_id)), ...(await listUnattributedRefusals(db, 20))]
      .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
      .sort((a, b) => b.event_no - a.event_no)
      .slice(0, 50)
      .map((r) => ({ at: r.at, code: r.code, reason: r.reason, fileName: r.file_name, fileSha256: r.file_sha256 }));
    return {
      roundId,
      rubricVersion: rubric?.version ?? null,
      members,
      otherRefusals: other,
      counts: {
        received: members.filter((m) => m.state === 'received').length,
        refused: members.filter((m) => m.state === 'refused').length,
        missing: members.filter((m) => m.state === 'missing').length,
        withoutKey: members.filter((m) => !m.keyFingerprint).length,
      },
    };
  },
};
