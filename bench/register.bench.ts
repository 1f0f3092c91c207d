import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openService } from '../service';
import { demoApplication } from '../service/demo';
import type { Report } from './run';

/** Registering applications and listing a large round: the clerk's everyday screen. */
export async function run(report: Report) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-bench-'));
  const service = await openService({ dataDir: dir, now: () => new Date('2025-09-29T04:00:00Z') });
  try {
    const round = await service.call('rounds.create', {
      name: '基准批次',
      region: '乌鲁木齐市',
      code: 'B-1',
      profileId: 'xinjiang-bingtuan',
      quota: { institutional: 100, home: 100, community: 100 },
      openedOn: '2025-09-01',
    });
    const n = 1000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const data = demoApplication(i, { name: `基准机构${i}`, type: 'elderly_care', services: ['institutional'], beds: 80, staff: 30, doctors: 1, nurses: 2 }, '2025-09-01');
      await service.call('applications.create', { roundId: round.id, data });
    }
    report('register_application_ms', (performance.now() - t0) / n, 'ms/application');
    const t1 = performance.now();
    const list = await service.call('applications.list', { roundId: round.id });
    report('list_round_1000_applications', performance.now() - t1, 'ms');
    if (list.length !== n) throw new Error(`expected ${n} applications, got ${list.length}`);
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
