import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { DB_FILE_NAME, openService, type Service } from '../service';
import { importTimings, type ImportPhase } from '../service/offline/sheet';
import { EXPERTISE_FIELDS } from '../shared/domain/enums';
import { insertScoresBulk, rebuildScoreLines } from '../db/queries/scores';
import type { Report } from './run';
import { benchRubric, benchScoreRows, insertBenchApplications, median } from './support/round';

/**
 * Issue 5: a 1,000-applicant × 9-member × 30-criteria round scored on member
 * laptops (one laptop holding the 9 members' keys), 9 signed sheets of 30,000
 * scores each, merged on the clerk's laptop: each sheet read, verified
 * (signature, member, round, rubric, conflicts, every value, every chain)
 * and merged in its own transaction.
 */

const APPS = 1000;
const MEMBERS = 9;
const PASS = 'bench-passphrase-1';

export async function run(report: Report) {
  const clerkDir = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-offline-clerk-'));
  const laptopDir = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-offline-laptop-'));
  const usb = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-offline-usb-'));
  const now = () => new Date('2025-10-20T04:00:00Z');
  const copyDir = `${clerkDir}-copy`;
  let clerk: Service | undefined;
  let clerkCopy: Service | undefined;
  let laptop: Service | undefined;
  try {
    clerk = await openService({ dataDir: clerkDir, now });
    laptop = await openService({ dataDir: laptopDir, now });
    const round = await clerk.call('rounds.create', {
      name: '离线评分基准批次',
      region: '乌鲁木齐市',
      code: 'BO-1',
      profileId: 'xinjiang-bingtuan',
      quota: { institutional: 120, home: 150, community: 80 },
      openedOn: '2025-09-01',
    });
    const members: { id: string; personId: string }[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const p = await clerk.call('persons.save', { name: `专家${i + 1}`, fields: [EXPERTISE_FIELDS[i % 6]!], employer: `单位${i + 1}` });
      const panel = await clerk.call('panel.addMember', { roundId: round.id, personId: p.id, role: i === 0 ? 'chair' : 'member' });
      members.push({ id: panel.members.find((m) => m.personId === p.id)!.id, personId: p.id });
    }
    const appIds: string[] = [];
    await clerk.ctx.db.transaction().execute(async (trx) => {
      const apps = await insertBenchApplications(trx, { roundId: round.id, count: APPS, numberPrefix: 'BO-1', at: new Date('2025-10-01T00:00:00Z').toISOString() });
      appIds.push(...apps.map((x) => x.id));
    });
    await clerk.call('rubric.saveDraft', { roundId: round.id, definition: benchRubric() });
    const frozen = await clerk.call('rubric.freeze', { roundId: round.id });
    const rubricId = frozen.current!.id;
    const criteria = frozen.current!.definition.groups.flatMap((g) => g.criteria);

    // Keys: the agency's on the clerk's laptop, the 9 members' on one member laptop, registered by fingerprint.
    const agency = await clerk.call('offline.createKey', { kind: 'agency', name: '基准经办机构', passphrase: PASS });
    for (const [i, m] of members.entries()) {
      const k = await laptop.call('offline.createKey', { kind: 'member', name: `专家${i + 1}`, passphrase: PASS });
      const keyFile = path.join(usb, `key-${i}.json`);
      await laptop.call('offline.exportPublicKey', { keyId: k.id, outPath: keyFile });
      await clerk.call('offline.registerKey', { personId: m.personId, path: keyFile, fingerprint: k.fingerprintDigits });
    }

    const packagePath = path.join(usb, 'package.json');
    let t = performance.now();
    const pkg = await clerk.call('offline.exportPackage', { roundId: round.id, outPath: packagePath, passphrase: PASS });
    report('offline_package_export_ms', performance.now() - t, `ms (${APPS} applicants, signed)`);
    report('offline_package_kb', pkg.bytes / 1024, 'KB');
    t = performance.now();
    await laptop.call('offline.packageImport', { path: packagePath, agencyFingerprint: agency.fingerprint });
    report('offline_package_import_ms', performance.now() - t, 'ms (verify + write, member laptop)');

    // The members' 270,000 scores on the laptop, written directly (the bench is about sheets, not typing).
    const rows = benchScoreRows({ seed: 7, roundId: round.id, rubricId, members, applicationIds: appIds, criteria, enteredAt: now().toISOString(), commentShare: 0.02 });
    await laptop.ctx.db.transaction().execute(async (trx) => {
      await insertScoresBulk(trx, rows);
      await rebuildScoreLines(trx, rubricId, criteria.map((c) => c.id));
    });

    // 9 signed sheets
    const sheets: string[] = [];
    const exportTimes: number[] = [];
    for (const [i, m] of members.entries()) {
      const si = await laptop.call('offline.signIn', { roundId: round.id, memberId: m.id, passphrase: PASS });
      const file = path.join(usb, `sheet-${i}.json`);
      const t0 = performance.now();
      await laptop.call('offline.exportSheet', { roundId: round.id, actingMemberId: m.id, session: si.session, passphrase: PASS, outPath: file });
      exportTimes.push(performance.now() - t0);
      sheets.push(file);
    }
    report('offline_sheet_export_ms', median(exportTimes), 'ms (median of 9; 30,000 scores, incl. key unlock)');
    report('offline_sheet_kb', statSync(sheets[0]!).size / 1024, 'KB (one member, 1,000 applicants × 30 criteria)');

    t = performance.now();
    const preview = await clerk.call('offline.importPreview', { path: sheets[0]!, roundId: round.id });
    report('offline_sheet_preview_ms', performance.now() - t, 'ms (one sheet, writes nothing)');
    if (preview.verdict !== 'accept') throw new Error(`preview refused: ${preview.message}`);

    // A copy of the clerk's database as it is now, to merge the same 9 sheets a second way.
    mkdirSync(copyDir, { recursive: true });
    await sql`vacuum into ${path.join(copyDir, DB_FILE_NAME)}`.execute(clerk.ctx.db);
    clerkCopy = await openService({ dataDir: copyDir, now });

    // All 9 sheets in one call: checked one by one, merged in ONE transaction.
    const phases = new Map<ImportPhase, number>();
    importTimings.record = (phase, ms) => phases.set(phase, (phases.get(phase) ?? 0) + ms);
    t = performance.now();
    const batch = await clerk.call('offline.importCommitMany', { paths: sheets, roundId: round.id });
    const merged = performance.now() - t;
    importTimings.record = undefined;
    report('offline_merge_9_sheets_ms', merged, 'ms (goal < 2000; 9 × 30,000 scores verified and merged in one transaction: offline.importCommitMany)');
    const phaseNote: Record<ImportPhase, string> = {
      read: 'read, parse, schema, canonical form and hash of the 9 files',
      check: 'round, member, key and signature, sequence, every score and chain against the database',
      insert: '270,000 rows into score',
      lines: "each member's score lines rebuilt",
      record: 'sheet status, import record, audit entry',
      commit: 'COMMIT: WAL written and synced',
    };
    for (const [phase, note] of Object.entries(phaseNote) as [ImportPhase, string][]) report(`offline_merge_9_sheets_${phase}_ms`, phases.get(phase) ?? 0, `ms (included above: ${note})`);
    if (batch.results.some((r) => !r.committed || r.counts.new !== APPS * criteria.length)) throw new Error(`batch not merged: ${batch.results.map((r) => r.message).join('; ')}`);

    // The same 9 sheets one file at a time, one transaction each (offline.importCommit), on the copy.
    const perSheet: number[] = [];
    t = performance.now();
    for (const f of sheets) {
      const t0 = performance.now();
      const r = await clerkCopy.call('offline.importCommit', { path: f, roundId: round.id });
      perSheet.push(performance.now() - t0);
      if (!r.committed || r.counts.new !== APPS * criteria.length) throw new Error(`sheet not merged: ${r.message}`);
    }
    report('offline_merge_9_sheets_one_by_one_ms', performance.now() - t, `ms (offline.importCommit × 9, a transaction each; per sheet ${perSheet.map((x) => Math.round(x)).join('/')})`);

    t = performance.now();
    for (const f of sheets) {
      const r = await clerk.call('offline.importCommit', { path: f, roundId: round.id });
      if (r.verdict !== 'duplicate') throw new Error('re-import not idempotent');
    }
    report('offline_reimport_9_sheets_ms', performance.now() - t, 'ms (same 9 sheets again: verified, nothing written)');

    const progress = await clerk.call('scoring.progress', { roundId: round.id });
    if (!progress.allSheetsIn) throw new Error('not every sheet counted as submitted after the merge');
  } finally {
    await clerk?.close();
    await clerkCopy?.close();
    await laptop?.close();
    for (const d of [clerkDir, copyDir, laptopDir, usb]) rmSync(d, { recursive: true, force: true });
  }
}
