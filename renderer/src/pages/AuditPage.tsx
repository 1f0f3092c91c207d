import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/contract/methods';
import type { AuditVerdictView } from '../../../shared/contract/slices/audit';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { HashText } from '../components/DeliberationBits';
import { useToast } from '../components/Toast';
import { formatTimestamp } from '../format';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABEL } from '../../../shared/contract/slices/roundDocuments';
import '../deliberation.css';

const PAGE = 50;

const AREA: Record<string, string> = {
  rounds: '批次',
  applications: '申请',
  formalCheck: '形式审查',
  checklist: '核查清单',
  persons: '人员',
  panel: '审核小组',
  rubric: '评分细则',
  scoring: '评分',
  offline: '离线评分',
  deliberation: '集体评议',
  documents: '文书',
  publicNotice: '公示',
  calendar: '节假日',
  profiles: '地区政策配置',
  settings: '设置',
};
const ACTION: Record<string, string> = {
  'deliberation.open': '召开集体评议',
  'deliberation.setOrder': '调整议程顺序',
  'deliberation.vote': '表决',
  'deliberation.changeVote': '改票',
  'deliberation.decide': '确认审核结论',
  'deliberation.changeDecision': '修改审核结论',
  'deliberation.addSubstitute': '添加候补成员',
  'deliberation.confirmMinutes': '确认会议纪要',
  'deliberation.refuseMinutes': '拒绝确认会议纪要',
  'deliberation.seal': '封存会议纪要',
  'deliberation.recordDelivery': '登记结果送达',
  'rounds.create': '新建批次',
  'rounds.close': '关闭批次',
  'rounds.reopen': '重新开启批次',
  'applications.create': '登记申请',
  'applications.update': '修改申请',
  'panel.addMember': '加入审核小组',
  'panel.removeMember': '移出审核小组',
  'panel.setChair': '指定组长',
  'panel.setConflict': '回避声明',
  'scoring.save': '保存评分',
  'scoring.correct': '更正评分',
  'scoring.submit': '提交评分表',
  'rubric.freeze': '冻结评分细则',
  'rubric.create': '新建评分细则',
  'rubric.saveDraft': '保存评分细则草稿',
  'rubric.newVersion': '评分细则新版本',
  'deliberation.recordArrival': '登记迟到成员到会',
  'applications.link': '关联申请',
  'applications.unlink': '取消关联申请',
  'calendar.saveYear': '录入节假日安排',
  'calendar.deleteYear': '删除节假日安排',
  'checklist.mark': '核查清单标记',
  'documents.batch': '批量生成文书',
  'documents.certificate.import': '导入单位数字证书',
  'documents.resultSettings.set': '修改公示与备案设置',
  'documents.seal.import': '导入或移除电子印章',
  'documents.settings.set': '修改文书设置',
  'offline.createKey': '生成离线评分密钥',
  'offline.exportPackage': '导出评分包',
  'offline.exportPublicKey': '导出公钥',
  'offline.exportSheet': '导出签名评分表',
  'offline.importSheet': '导入评分表',
  'offline.refuseSheet': '拒收评分表',
  'panel.acknowledgeGap': '确认专业领域缺口',
  'persons.create': '新增人员',
  'persons.update': '修改人员信息',
  'persons.resetPin': '重置PIN码',
  'profiles.copy': '复制地区政策配置',
  'profiles.update': '修改地区政策配置',
  'publicNotice.create': '发布公示',
  'publicNotice.addObjection': '登记公示异议',
  'publicNotice.objectionState': '处理公示异议',
  'publicNotice.finalise': '确定最终名单',
  'scoring.explain': '填写评分畸高畸低说明',
  'scoring.setConfig': '修改评分设置',
  'settings.setOperator': '修改操作员',
  'offline.registerKey': '登记成员公钥',
  'offline.replaceKey': '更换成员公钥',
  'persons.setPin': '设置PIN码',
  'persons.changePin': '修改PIN码',
  'formalCheck.markMaterial': '登记材料',
  'formalCheck.markWithdrawn': '撤回申请',
  'formalCheck.issueNotice': '发出补正通知',
  'formalCheck.recordSupplement': '登记补正材料',
  'formalCheck.notAccept': '不予受理',
  'formalCheck.pass': '形式审查通过',
};
const ENTITY: Record<string, string> = { application: '申请', round: '批次', meeting: '会议', person: '人员', rubric: '评分细则', setting: '设置', calendar_year: '节假日', region_profile: '地区政策配置', offline_key: '离线密钥' };

function actionLabel(action: string): string {
  if (ACTION[action]) return ACTION[action];
  // documents.resultLetter, documents.minutes, …: one per document kind in the register
  const kind = DOCUMENT_KINDS.find((k) => action === `documents.${k}`);
  if (kind) return `出具${DOCUMENT_KIND_LABEL[kind]}`;
  const area = AREA[action.split('.')[0] ?? ''];
  return area ? `${area}：${action.split('.').slice(1).join('.')}` : action;
}

/**
 * 审计日志: verify the hash chain (the first broken link is named, and the
 * table jumps to it), and read the log page by page, newest first, with each
 * entry's before/after.
 */
export function AuditPage({ seq }: { seq?: number | undefined }) {
  const toast = useToast();
  const [verdict, setVerdict] = useState<AuditVerdictView | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<Output<'audit.list'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const target = useRef<number | null>(seq ?? null);
  const [highlight, setHighlight] = useState<number | null>(seq ?? null);

  const load = useCallback(async (off: number, depth = 0): Promise<void> => {
    try {
      const out = await api['audit.list']({ limit: PAGE, offset: off });
      // finding a seq: the list is newest first; move the window until it holds the seq (or the gap where it was)
      const want = target.current;
      if (want !== null && out.entries.length > 0 && depth < 8) {
        const top = out.entries[0]!.seq;
        const bottom = out.entries[out.entries.length - 1]!.seq;
        if (want > top && off > 0) return load(Math.max(0, off - (want - top) - 5), depth + 1);
        if (want < bottom && off + PAGE < out.total) return load(Math.min(out.total - 1, off + (bottom - want) + 5), depth + 1);
      }
      target.current = null;
      setOffset(off);
      setData(out);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  const jumpTo = useCallback(
    async (n: number) => {
      const first = await api['audit.list']({ limit: 1, offset: 0 }).catch(() => null);
      const top = first?.entries[0]?.seq ?? n;
      target.current = n;
      setHighlight(n);
      await load(Math.max(0, top - n - 10));
    },
    [load],
  );

  useEffect(() => {
    document.title = '审计日志 - 长护服务机构定点审核';
  }, []);

  useEffect(() => {
    if (seq) void jumpTo(seq);
    else void load(0);
  }, [seq, load, jumpTo]);

  useEffect(() => {
    if (highlight === null || !data) return;
    const el = document.getElementById(`audit-${highlight}`) ?? document.getElementById(`audit-gap-${highlight}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [highlight, data]);

  const verify = async () => {
    setVerifying(true);
    try {
      const v = await api['audit.verify']({});
      setVerdict(v);
      if (v.broken) await jumpTo(v.broken.seq);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setVerifying(false);
    }
  };

  const entries = data?.entries ?? [];
  return (
    <div className="page audit-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '审计日志' }]} />
      <PageHeading
        title="审计日志"
        actions={
          <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
            {verifying ? '正在核验…' : '核验审计日志'}
          </button>
        }
      >
        <p className="lead">每一项修改都记入审计日志（谁、何时、做了什么、修改前后），每条记录带有上一条记录的哈希。核验可发现被直接改动或删除的记录。</p>
      </PageHeading>

      {verdict &&
        (verdict.ok ? (
          <div className="banner banner-success" role="status" data-testid="audit-ok">
            <p>
              <strong>✓ 核验通过。</strong>
              {verdict.summary}
            </p>
            <p className="small">
              共 {verdict.entries} 条记录{verdict.head && <>，最后一条为第 {verdict.head.seq} 条（哈希 <HashText hash={verdict.head.hash} />）</>}
              ；核对已封存会议 {verdict.sealsChecked} 次；核验时间 {formatTimestamp(verdict.checkedAt)}。
            </p>
          </div>
        ) : (
          <div className="banner banner-error" role="alert" data-testid="audit-broken">
            <p>
              <strong>✗ 核验未通过：</strong>
              {verdict.broken?.message ?? verdict.summary}
            </p>
            {verdict.broken && (
              <>
                <p className="small mono">{verdict.broken.detail}</p>
                <p>
                  <button type="button" className="btn btn-small" onClick={() => void jumpTo(verdict.broken!.seq)}>
                    跳到第 {verdict.broken.seq} 条
                  </button>
                </p>
              </>
            )}
            <p className="small">{verdict.summary}</p>
          </div>
        ))}

      <section className="panel" aria-labelledby="audit-h">
        <div className="panel-header">
          <h2 id="audit-h">记录（最新的在前）</h2>
          {data && (
            <p className="material-tally" data-testid="audit-range">
              第 {data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, data.total)} 条，共 {data.total} 条
            </p>
          )}
        </div>
        {error ? (
          <LoadError error={error} onRetry={() => void load(offset)} />
        ) : !data ? (
          <Loading what="审计日志" />
        ) : (
          <>
            <div className="table-wrap">
              <table className="data-table audit-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      序号
                    </th>
                    <th scope="col">时间</th>
                    <th scope="col">操作人</th>
                    <th scope="col">操作</th>
                    <th scope="col">对象</th>
                    <th scope="col">修改前后</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => {
                    const next = entries[i + 1];
                    const gap = next && e.seq - next.seq > 1 ? Array.from({ length: Math.min(e.seq - next.seq - 1, 5) }, (_, k) => e.seq - 1 - k) : [];
                    const isOpen = open.has(e.seq);
                    const broken = verdict?.broken?.seq === e.seq;
                    return (
                      <Fragment key={e.seq}>
                        <tr id={`audit-${e.seq}`} tabIndex={-1} className={`${highlight === e.seq ? 'is-target' : ''}${broken ? ' is-broken' : ''}`} data-testid={`audit-row-${e.seq}`}>
                          <td className="num mono">{e.seq}</td>
                          <td className="small nowrap">{formatTimestamp(e.at)}</td>
                          <td>{e.actor}</td>
                          <td>
                            {actionLabel(e.action)}
                            <div className="muted small mono">{e.action}</div>
                          </td>
                          <td className="small">
                            {ENTITY[e.entity] ?? e.entity}
                            <div className="muted mono audit-id">{e.entityId}</div>
                          </td>
                          <td>
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-expanded={isOpen}
                              aria-controls={`audit-json-${e.seq}`}
                              onClick={() => {
                                const s = new Set(open);
                                if (isOpen) s.delete(e.seq);
                                else s.add(e.seq);
                                setOpen(s);
                              }}
                            >
                              {isOpen ? '收起' : '展开'}
                            </button>
                          </td>
                        </tr>
                        {isOpen && (
                          <tr id={`audit-json-${e.seq}`} className="audit-json-row">
                            <td colSpan={6}>
                              <div className="audit-json">
                                <div>
                                  <h3>修改前</h3>
                                  <pre>{e.before === null || e.before === undefined ? '（无）' : JSON.stringify(e.before, null, 2)}</pre>
                                </div>
                                <div>
                                  <h3>修改后</h3>
                                  <pre>{e.after === null || e.after === undefined ? '（无）' : JSON.stringify(e.after, null, 2)}</pre>
                                </div>
                              </div>
                              <p className="small muted mono">
                                prev {e.prevHash.slice(0, 16)}… · hash {e.hash.slice(0, 16)}…
                              </p>
                            </td>
                          </tr>
                        )}
                        {gap.map((g) => (
                          <tr key={`gap-${g}`} id={`audit-gap-${g}`} tabIndex={-1} className={`audit-gap${highlight === g ? ' is-target' : ''}`}>
                            <td className="num mono">{g}</td>
                            <td colSpan={5}>第 {g} 条记录缺失</td>
                          </tr>
                        ))}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="audit-pager">
              <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => void load(Math.max(0, offset - PAGE))}>
                ‹ 较新的记录
              </button>
              <button type="button" className="btn btn-small" disabled={offset + PAGE >= data.total} onClick={() => void load(offset + PAGE)}>
                较早的记录 ›
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
