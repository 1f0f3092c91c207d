import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService, makeRound, sampleApplication } from '../support/service';
import { makeIpcHandler } from '../../electron/ipc';
import { makeOpenDocument } from '../../electron/openDocument';

/**
 * system.openDocument (issue 7): the browser host gets the address the host
 * serves the registered PDF at; the desktop shell hands the file to the
 * laptop's PDF reader (a stand-in for Electron's `shell` here). Either way a
 * file that is no longer what was issued is refused with a Chinese message.
 */

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-09-29');
});
afterEach(async () => {
  await t.cleanup();
});

async function supplementNotice() {
  const r = await makeRound(t.service, { code: 'WLMQ-2025-7' });
  const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0, { name: '乌鲁木齐市水磨沟区福康护理院' }) });
  const fc = await t.service.call('formalCheck.get', { applicationId: a.id });
  for (const [i, m] of fc.materials.entries()) {
    await t.service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: i === 0 ? 'missing' : 'received' });
  }
  await t.service.call('formalCheck.issueNotice', { applicationId: a.id, issuedOn: '2025-09-29' });
  return t.service.call('documents.supplementNotice', { applicationId: a.id });
}

function fakeShell(openPathAnswer = '') {
  const opened: string[] = [];
  const shown: string[] = [];
  return {
    opened,
    shown,
    shell: {
      openPath: async (p: string) => {
        opened.push(p);
        return openPathAnswer;
      },
      showItemInFolder: (p: string) => void shown.push(p),
    },
  };
}

describe('system.openDocument', () => {
  it('browser host: the address of the registered PDF; no address for a folder', async () => {
    const doc = await supplementNotice();
    expect(await t.service.call('system.openDocument', { documentId: doc.documentId, action: 'print' })).toEqual({ opened: false, url: `/documents/${doc.documentId}.pdf`, path: doc.path });
    expect(await t.service.call('system.openDocument', { documentId: doc.documentId, action: 'folder' })).toEqual({ opened: false, url: null, path: doc.path });
  });

  it('desktop: the PDF reader opens the verified file; the folder action shows it', async () => {
    const doc = await supplementNotice();
    const f = fakeShell();
    const h = makeIpcHandler<null>(t.service, () => true, { openDocument: makeOpenDocument(f.shell, () => t.service.ctx) });
    expect(await h(null, 'system.openDocument', { documentId: doc.documentId, action: 'print' })).toEqual({ ok: true, value: { opened: true, url: null, path: doc.path } });
    expect(await h(null, 'system.openDocument', { documentId: doc.documentId, action: 'folder' })).toEqual({ ok: true, value: { opened: true, url: null, path: doc.path } });
    expect(f.opened).toEqual([doc.path]);
    expect(f.shown).toEqual([doc.path]);
  });

  it('a changed file, an unknown document, a bad action or no PDF reader: a Chinese refusal, nothing opened', async () => {
    const doc = await supplementNotice();
    const f = fakeShell();
    const h = makeIpcHandler<null>(t.service, () => true, { openDocument: makeOpenDocument(f.shell, () => t.service.ctx) });
    const unknown = await h(null, 'system.openDocument', { documentId: '00000000-0000-4000-8000-000000000000', action: 'view' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '登记簿中没有这份文书' } });
    const bad = await h(null, 'system.openDocument', { documentId: doc.documentId, action: 'delete' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const noReader = fakeShell('No application is associated with the specified file');
    const h2 = makeIpcHandler<null>(t.service, () => true, { openDocument: makeOpenDocument(noReader.shell, () => t.service.ctx) });
    const r2 = await h2(null, 'system.openDocument', { documentId: doc.documentId, action: 'print' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'STATE' } });
    if (!r2.ok) expect(r2.error.message).toContain('本机没有可以打开 PDF 文件的程序，无法打印');

    appendFileSync(doc.path, '\n%tampered\n');
    for (const call of [() => h(null, 'system.openDocument', { documentId: doc.documentId, action: 'view' }), () => t.service.dispatch('system.openDocument', { documentId: doc.documentId, action: 'view' })]) {
      const r = await call();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('已不存在或已被改动');
    }
    expect(f.opened).toEqual([]);
  });
});
