import { useState } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/contract/methods';
import type { PackageInfo } from '../../../shared/contract/slices/offline';
import type { SheetView } from '../../../shared/contract/slices/scoring';
import { APPLICATION_FIELD_LABEL } from '../../../shared/domain/application';
import { INSTITUTION_TYPE_LABEL, MEDICAL_ARRANGEMENT_LABEL, PROFIT_CLASS_LABEL, SERVICE_TYPES, SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { PACKAGE_APPLICATION_FIELDS, type PackageApplicationData } from '../../../shared/offline/packageData';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { formatDate, formatTimestamp } from '../format';
import { Link } from '../router';
import { Dialog, DialogActions } from './Dialog';
import { ShortHash } from './OfflineBits';
import { Kbd, LoadError, Loading } from './Page';
import { OverallBadge, RuleStateChip } from './RuleState';
import { asMember, signInWithPassphrase, type ScoringSession } from './scoringSession';
import { SignedExportFields, useSignedExport } from './SignedExport';
import { SignInPanel } from './SignInPanel';
import { useToast } from './Toast';
import { useHotkey } from './useHotkey';
import { useLoad } from './useLoad';
import '../offline.css';

/**
 * The scoring screen on a member's laptop (issue 5): a round imported from a
 * package. The member signs in with their key passphrase (offline.signIn)
 * instead of a PIN; 导出签名评分表 takes the place of 提交评分表; the
 * applicant's data comes from the package (offline.packageApplication).
 */

/** Whether the round came from a package here; null until known (and on error: a local round). */
export function usePackageInfo(roundId: string): { info: PackageInfo | null; known: boolean } {
  const p = useLoad(() => api['offline.packageInfo']({ roundId }), [roundId]);
  return { info: p.data?.origin === 'package' ? p.data : null, known: p.data !== undefined || p.error !== undefined };
}

export function OfflineSignIn({ roundId, info }: { roundId: string; info: PackageInfo }) {
  const members = info.package?.members ?? [];
  const here = members.filter((m) => m.keyOnThisLaptop);
  return (
    <SignInPanel
      roundId={roundId}
      testId="offline-signin"
      headingId="offline-signin-h"
      heading="评分成员登录"
      intro={
        <>
          <div className="banner banner-neutral" role="note">
            <p>
              本批次来自经办机构的评分包（{info.package?.agency.name}，{formatTimestamp(info.package?.exportedAt)}导出）。请用<strong>本人密钥口令</strong>登录；评完后导出签名评分表交经办机构。
            </p>
          </div>
          {here.length === 0 && (
            <p className="warn-text" role="note">
              ⚠ 本机没有任何成员在经办机构登记的密钥，不能在本机评分。请在<Link to={{ name: 'keys' }}>密钥管理</Link>核对本机密钥的指纹是否已登记。
            </p>
          )}
        </>
      }
      memberFieldId="offline-member"
      options={members.map((m) => ({
        value: m.memberId,
        label: `${m.name}（${PANEL_ROLE_LABEL[m.role]}）${m.keyOnThisLaptop ? '' : m.keyFingerprint ? ' — 本机没有其密钥' : ' — 未登记公钥'}`,
        disabled: !m.keyOnThisLaptop,
      }))}
      initialMemberId={here.length === 1 ? here[0]!.memberId : ''}
      secret={{
        id: 'offline-pass',
        label: '密钥口令',
        kind: 'passphrase',
        check: (typed) => (typed ? { value: typed } : { error: '请输入密钥口令' }),
        hint: '生成密钥时设置的口令。连续输错5次将锁定5分钟；闲置30分钟自动退出。几位成员共用本机时，各自用本人口令登录。',
      }}
      signIn={(memberId, passphrase) => signInWithPassphrase(roundId, memberId, passphrase)}
    />
  );
}

/** 导出签名评分表 in the sheet's summary, where 提交评分表 is on the clerk's laptop (shortcut Alt+R). */
export function SheetExportAction({ sheet, session, onExported }: { sheet: SheetView; session: ScoringSession; onExported: () => void }) {
  const [open, setOpen] = useState(false);
  const complete = sheet.progress.required > 0 && sheet.progress.done >= sheet.progress.required;
  useHotkey('Alt+R', () => setOpen(true), complete);
  return (
    <>
      <button id="submit-sheet" type="button" className="btn btn-primary" disabled={!complete} aria-keyshortcuts="Alt+R" aria-describedby="export-sheet-note" onClick={() => setOpen(true)}>
        {sheet.status === 'submitted' ? '重新导出签名评分表…' : '导出签名评分表…'} <Kbd>Alt+R</Kbd>
      </button>
      <span id="export-sheet-note" className={complete ? 'muted small' : 'blocker'} data-testid="export-sheet-note">
        {complete
          ? sheet.status === 'submitted'
            ? '已导出签名评分表。修改评分须填写原因，改后请重新导出（序号递增），交经办机构导入。'
            : '导出即为提交：签名评分表交经办机构导入后计入评审。'
          : `还有${sheet.progress.required - sheet.progress.done}个申请未评完，全部评完后才能导出签名评分表`}
      </span>
      {open && (
        <SheetExportDialog
          sheet={sheet}
          session={session}
          onClose={() => setOpen(false)}
          onExported={() => {
            onExported();
          }}
        />
      )}
    </>
  );
}

type ExportResult = Output<'offline.exportSheet'>;

function SheetExportDialog({ sheet, session, onClose, onExported }: { sheet: SheetView; session: ScoringSession; onClose: () => void; onExported: () => void }) {
  const toast = useToast();
  const history = useLoad(() => asMember('offline.sheetExports', {}), [session.token]);
  const form = useSignedExport<ExportResult>({
    ids: { path: 'sheet-out', passphrase: 'sheet-pass' },
    passphraseMissing: '请输入密钥口令',
    run: (outPath, passphrase) => asMember('offline.exportSheet', { passphrase, outPath }),
    onDone: (r) => {
      toast.success(`已导出第${r.seq}号签名评分表：${r.fileName}`);
      onExported();
      void history.reload();
    },
  });
  const { done, busy, problem } = form;
  const nextSeq = (history.data?.[0]?.seq ?? 0) + 1;
  const defaultName = `评分表-${sheet.member.name}-第${nextSeq}号.json`;
  const steppedAside = sheet.applicants.filter((a) => a.state === 'stepped_aside').length;

  const submit = async () => {
    if (done) return onClose();
    await form.submit();
  };

  return (
    <Dialog
      title="导出签名评分表"
      onClose={onClose}
      onSubmit={() => void submit()}
      wide
      testId="export-sheet-dialog"
      footer={
        done ? (
          <button type="submit" className="btn btn-primary" data-autofocus="">
            完成
          </button>
        ) : (
          <DialogActions label="签名并导出" busyLabel="正在签名…" busy={busy} onCancel={onClose} />
        )
      }
    >
      {done ? (
        <div className="banner banner-success" role="status" data-testid="export-sheet-done">
          <p>
            <strong>已导出{sheet.member.name}的第{done.seq}号签名评分表</strong>：<span className="mono">{done.path}</span>
          </p>
          <dl className="dl-grid offline-facts">
            <div>
              <dt>评分</dt>
              <dd data-testid="export-sheet-scores">
                {done.applications}个申请、{done.scores}项评分
              </dd>
            </div>
            <div>
              <dt>回避</dt>
              <dd data-testid="export-sheet-stepped-aside">{done.steppedAside}个申请（不含其评分）</dd>
            </div>
            <div>
              <dt>评分细则</dt>
              <dd>第{done.rubricVersion}版</dd>
            </div>
            <div>
              <dt>签名时间</dt>
              <dd>{formatTimestamp(done.createdAt)}</dd>
            </div>
            <div>
              <dt>文件SHA-256</dt>
              <dd>
                <ShortHash value={done.fileSha256} />
              </dd>
            </div>
          </dl>
          <p>请把该文件拷贝到U盘交经办机构导入。导出即为提交；之后修改评分须写明原因，并重新导出（序号递增，后导入的取代先导入的）。</p>
        </div>
      ) : (
        <>
          <p>
            {sheet.member.name}：已评 {sheet.progress.done} / {sheet.progress.required} 个申请{steppedAside > 0 ? `，回避 ${steppedAside} 个（评分表中不含对其的评分）` : ''}。
            导出的文件包含您的全部评分和评语，并用您的密钥签名；文件被改动一个字节，经办机构都会拒绝导入。
          </p>
          {problem && (
            <div className="banner banner-error" role="alert" data-testid="export-sheet-problem">
              <p>{problem}</p>
            </div>
          )}
          <SignedExportFields
            form={form}
            dialogTitle="保存签名评分表"
            defaultName={defaultName}
            pathHint={`文件的完整路径，如 E:\\${defaultName}（U盘）`}
            passphraseLabel="密钥口令"
            passphraseHint="签名须再次输入本人密钥口令"
          />
        </>
      )}
      <h3 className="dialog-subhead">已导出的评分表</h3>
      {history.error ? (
        <LoadError error={history.error} />
      ) : !history.data ? (
        <Loading what="导出记录" />
      ) : history.data.length === 0 ? (
        <p className="muted small">还没有导出过。</p>
      ) : (
        <table className="data-table compact" data-testid="sheet-exports">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">导出时间</th>
              <th scope="col" className="num">
                评分项
              </th>
              <th scope="col">文件</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.seq}>
                <td>第{h.seq}号</td>
                <td className="nowrap">{formatTimestamp(h.createdAt)}</td>
                <td className="num">{h.scores}</td>
                <td>{h.fileName}</td>
                <td>
                  <ShortHash value={h.fileSha256} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

/** Labels the 申请表 field list does not carry. */
const FIELD_LABEL: Partial<Record<keyof PackageApplicationData, string>> = { profitClass: '服务机构分类' };

function valueText(key: keyof PackageApplicationData, v: unknown): string {
  if (v === undefined || v === null) return '未填写';
  if (typeof v === 'boolean') return v ? '是' : '否';
  switch (key) {
    case 'institutionType':
      return INSTITUTION_TYPE_LABEL[v as keyof typeof INSTITUTION_TYPE_LABEL] ?? String(v);
    case 'profitClass':
      return PROFIT_CLASS_LABEL[v as keyof typeof PROFIT_CLASS_LABEL] ?? String(v);
    case 'medicalArrangement':
      return MEDICAL_ARRANGEMENT_LABEL[v as keyof typeof MEDICAL_ARRANGEMENT_LABEL] ?? String(v);
    case 'serviceTypes':
      return SERVICE_TYPES.filter((t) => (v as string[]).includes(t))
        .map((t) => SERVICE_TYPE_LABEL[t])
        .join('、');
    case 'receivedOn':
    case 'operatingSince':
    case 'premisesUntil':
      return formatDate(String(v));
    default:
      return String(v);
  }
}

/**
 * 申请信息 on a member's laptop: only what the package carries (the
 * allow-listed 申请表 fields and the eligibility results), folded away so the
 * score boxes stay in view.
 */
export function PackageApplicantInfo({ roundId, applicationId }: { roundId: string; applicationId: string }) {
  const app = useLoad(() => api['offline.packageApplication']({ roundId, applicationId }), [roundId, applicationId]);
  return (
    <details className="package-app" data-testid="package-applicant">
      <summary>
        申请信息与基础性指标<span className="muted small">（评分包提供；不含联系人、电话、证件号码）</span>
      </summary>
      {app.error ? (
        <LoadError error={app.error} onRetry={app.reload} />
      ) : !app.data ? (
        <Loading what="申请信息" />
      ) : (
        <div className="package-app-body">
          <dl className="dl-grid offline-facts">
            {PACKAGE_APPLICATION_FIELDS.filter((k) => k !== 'name' && app.data!.data[k] !== undefined).map((k) => (
              <div key={k}>
                <dt>{FIELD_LABEL[k] ?? APPLICATION_FIELD_LABEL[k] ?? k}</dt>
                <dd>{valueText(k, app.data!.data[k])}</dd>
              </div>
            ))}
            {app.data.staffToBedRatio && (
              <div>
                <dt>护理服务人员与床位比</dt>
                <dd>{app.data.staffToBedRatio}</dd>
              </div>
            )}
          </dl>
          <h4>
            基础性指标 <OverallBadge overall={app.data.eligibility.overall} />
          </h4>
          <ul className="package-rules">
            {app.data.eligibility.results.map((r) => (
              <li key={r.ruleId}>
                <RuleStateChip state={r.state} /> <strong>{r.title}</strong>
                <span className="muted small"> {r.explanation}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
