import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type Service } from '../../service';
import { makeIpcHandler } from '../../electron/ipc';
import type { PickPathInput } from '../../shared/contract/slices/system';

/**
 * system.pickPath (issue 5): the service answers "no dialogs here"; the
 * Electron transport intercepts it for the calling window, after the sender
 * check and after validating the payload with the contract schema, like every
 * method. Electron itself is never loaded: the dialog is a stand-in.
 */

let dir: string;
let service: Service;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-pickpath-'));
  service = await openService({ dataDir: dir, now: () => new Date('2025-09-29T04:00:00Z') });
});
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

const valid = { mode: 'save', title: '保存评分包', defaultName: '评分包-2025-03.json', filters: [{ name: 'JSON 文件', extensions: ['json'] }] };

describe('system.pickPath', () => {
  it('the service (browser host) has no dialogs: available false, no paths', async () => {
    expect(await service.dispatch('system.pickPath', valid)).toEqual({ ok: true, value: { available: false, paths: [] } });
    expect(await service.dispatch('system.pickPath', { ...valid, probe: true })).toEqual({ ok: true, value: { available: false, paths: [] } });
  });

  it('over IPC without a shell implementation, the service answers', async () => {
    const h = makeIpcHandler<null>(service, () => true);
    expect(await h(null, 'system.pickPath', valid)).toEqual({ ok: true, value: { available: false, paths: [] } });
  });

  it('over IPC with the shell: the dialog gets the parsed payload and the calling event; its answer goes back', async () => {
    const seen: { event: unknown; input: PickPathInput }[] = [];
    const h = makeIpcHandler<{ id: number }>(service, () => true, {
      pickPath: async (event, input) => {
        seen.push({ event, input });
        return { available: true, paths: input.probe ? [] : ['/media/usb/评分包-2025-03.json'] };
      },
    });
    expect(await h({ id: 7 }, 'system.pickPath', { ...valid, title: '  保存评分包  ' })).toEqual({ ok: true, value: { available: true, paths: ['/media/usb/评分包-2025-03.json'] } });
    expect(seen[0]!.event).toEqual({ id: 7 });
    expect(seen[0]!.input.title).toBe('保存评分包'); // trimmed by the schema
    expect(await h({ id: 7 }, 'system.pickPath', { mode: 'open', title: '浏览', probe: true })).toEqual({ ok: true, value: { available: true, paths: [] } });
  });

  it('an invalid payload is refused (VALIDATION, Chinese) before any dialog is shown', async () => {
    let shown = 0;
    const h = makeIpcHandler<null>(service, () => true, {
      pickPath: async () => {
        shown++;
        return { available: true, paths: [] };
      },
    });
    for (const bad of [{}, { mode: 'delete', title: 'x' }, { mode: 'open', title: '' }, { ...valid, filters: [{ name: 'x', extensions: ['../etc'] }] }, 'open']) {
      const r = await h(null, 'system.pickPath', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(shown).toBe(0);
  });

  it('an untrusted sender is refused before anything else', async () => {
    let shown = 0;
    const h = makeIpcHandler<null>(service, () => false, {
      pickPath: async () => {
        shown++;
        return { available: true, paths: ['/x'] };
      },
    });
    const r = await h(null, 'system.pickPath', valid);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    expect(shown).toBe(0);
  });

  it('a dialog that fails, or answers out of shape, is an INTERNAL error with a Chinese message', async () => {
    const failing = makeIpcHandler<null>(service, () => true, {
      pickPath: async () => {
        throw new Error('window destroyed');
      },
    });
    const r = await failing(null, 'system.pickPath', valid);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).toBe('无法打开文件对话框，请直接输入文件路径');
    }
    const odd = makeIpcHandler<null>(service, () => true, { pickPath: async () => ({ available: true, paths: 'x' }) as never });
    const r2 = await odd(null, 'system.pickPath', valid);
    expect(r2.ok).toBe(false);
  });
});
