import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openService, type Service } from '../../service';
import { demoApplication } from '../../service/demo';
import type { ApplicationInput } from '../../shared/domain/application';

/** A real service on a real SQLite file in a fresh temp folder, with a pinned "today". */
export async function freshService(today = '2025-09-29'): Promise<{ service: Service; dir: string; cleanup(): Promise<void>; setToday(d: string): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-test-'));
  let now = new Date(`${today}T04:00:00Z`);
  const service = await openService({ dataDir: dir, now: () => now });
  return {
    service,
    dir,
    setToday: (d) => {
      now = new Date(`${d}T04:00:00Z`);
    },
    cleanup: async () => {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function makeRound(service: Service, over: Partial<{ code: string; profileId: string }> = {}) {
  return service.call('rounds.create', {
    name: '测试批次',
    region: '乌鲁木齐市',
    code: over.code ?? 'T-1',
    profileId: over.profileId ?? 'xinjiang-bingtuan',
    quota: { institutional: 2, home: 2, community: 1 },
    openedOn: '2025-09-01',
  });
}

/** A valid 申请表 for an elderly-care institution applying for 机构护理. */
export function sampleApplication(i = 0, over: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    ...demoApplication(i, { name: `测试养老院${i}`, type: 'elderly_care', services: ['institutional'], beds: 90, staff: 30, doctors: 1, nurses: 2 }, '2025-09-01'),
    ...over,
  };
}
