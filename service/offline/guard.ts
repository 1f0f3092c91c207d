import type { ServiceContext } from '../context';
import { refuse } from '../errors';
import { hasAnyPackage, packageRoundOf } from '../../db/queries/offline';
import type { Method } from '../../shared/contract/methods';
import type { HandlerSlice } from '../handlers/types';

/**
 * On a member's laptop a round imported from a round package (origin
 * 'package') is read-only except the members' own scoring. This wraps the
 * handler map: every method not on the allow-list below is refused, with a
 * Chinese message, when its input names a package round — directly (roundId)
 * or through an application, panel member or person of one. New methods are
 * refused on package rounds until they are added here (default deny); the
 * triggers of migration 006 refuse the writes at the database as well.
 *
 * On the clerk's laptop (no package round at all) the cost is one indexed
 * read of an empty table per guarded call.
 */

/** Reads, and the member's own scoring: allowed on package rounds. */
const ALLOWED = new Set<string>([
  'app.info',
  'rounds.list',
  'rounds.get',
  'persons.list',
  'panel.get',
  'panel.conflicts',
  'profiles.list',
  'profiles.get',
  'profiles.versions',
  'rules.catalogue',
  'calendar.listYears',
  'rubric.get',
  'rubric.templates',
  'scoring.signIn',
  'scoring.signOut',
  'scoring.sheet',
  'scoring.entry',
  'scoring.save',
  'scoring.history',
  'scoring.progress',
  'scoring.results',
  'scoring.applicantDetail',
  'scoring.basic',
  'audit.list',
  'audit.verify',
]);

const READ_ONLY = '本批次来自经办机构导出的评分包，在成员电脑上只读：只能录入本人评分。如需修改，请由经办机构修改后重新导出评分包';

/** Methods with a message of their own. */
const SPECIFIC: Record<string, string> = {
  'scoring.submit': '成员电脑上请用“导出签名评分表”提交评分：签名评分表交经办机构导入后即为提交',
  'scoring.explain': '评分畸高畸低说明须在经办机构电脑上填写（成员电脑上只有本人的评分）',
  'applications.list': '成员电脑上只有评分所需的申请信息（不含申请表全文、联系人和联系方式），请在评分页查看',
  'applications.get': '成员电脑上只有评分所需的申请信息（不含申请表全文、联系人和联系方式），请在评分页查看',
  'eligibility.get': '成员电脑上的基础性指标结果随评分包提供，请在评分页查看',
  'eligibility.matrix': '成员电脑上的基础性指标结果随评分包提供，请在评分页查看',
  'eligibility.roundStates': '成员电脑上的基础性指标结果随评分包提供，请在评分页查看',
  'formalCheck.get': '形式审查在经办机构电脑上办理，成员电脑上没有形式审查材料',
  'persons.setPin': '成员电脑上用本人密钥口令登录评分，无需设置PIN',
};

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

async function refuseOnPackageRound(ctx: ServiceContext, method: string, input: unknown) {
  if (!input || typeof input !== 'object') return;
  const i = input as Record<string, unknown>;
  const ref = {
    roundId: str(i.roundId),
    applicationId: str(i.applicationId),
    memberId: str(i.memberId) ?? str(i.chairMemberId) ?? str(i.actingMemberId),
    personId: str(i.personId) ?? (method === 'persons.save' ? str(i.id) : undefined),
  };
  if (!ref.roundId && !ref.applicationId && !ref.memberId && !ref.personId) return;
  if (!(await hasAnyPackage(ctx.db))) return;
  const roundId = await packageRoundOf(ctx.db, ref);
  if (roundId) refuse('STATE', SPECIFIC[method] ?? READ_ONLY, `${method} refused: round ${roundId} is a package round (member laptop)`);
}

export function guardPackageRounds(handlers: HandlerSlice<Method>): HandlerSlice<Method> {
  const out: Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>> = { ...(handlers as unknown as Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>>) };
  for (const method of Object.keys(out)) {
    if (ALLOWED.has(method) || method.startsWith('offline.')) continue;
    const inner = out[method]!;
    out[method] = async (ctx, input) => {
      await refuseOnPackageRound(ctx, method, input);
      return inner(ctx, input);
    };
  }
  return out as unknown as HandlerSlice<Method>;
}
