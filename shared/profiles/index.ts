/**
 * The built-in region profiles and helpers to select the rules that apply to an applicant.
 */
import type { InstitutionType, ServiceType } from '../domain/enums';
import { heilongjiangProfile } from './heilongjiang';
import { jilinProfile } from './jilin';
import type { Applicability, MaterialRequirement, RegionProfile } from './schema';
import { shenyangProfile } from './shenyang';
import { tianjinProfile } from './tianjin';
import { xinjiangProfile } from './xinjiang';

export * from './schema';
export { heilongjiangProfile, jilinProfile, shenyangProfile, tianjinProfile, xinjiangProfile };

/** In source-file order 000–004. */
export const BUILTIN_PROFILES: readonly RegionProfile[] = Object.freeze([
  xinjiangProfile,
  shenyangProfile,
  tianjinProfile,
  heilongjiangProfile,
  jilinProfile,
]);

export function getBuiltinProfile(id: string): RegionProfile | undefined {
  return BUILTIN_PROFILES.find((p) => p.id === id);
}

/** What an applicant declares that decides which rules concern it. */
export interface ApplicantScope {
  institutionType: InstitutionType;
  /** The service types applied for (申请定点服务类型); one or more. */
  serviceTypes: readonly ServiceType[];
}

/**
 * Whether a rule with this applicability concerns the applicant: absent = yes;
 * institutionTypes must contain the applicant's type; serviceTypes must share
 * at least one type with those applied for.
 */
export function appliesToApplicant(appliesTo: Applicability | undefined, scope: ApplicantScope): boolean {
  if (!appliesTo) return true;
  const { institutionTypes, serviceTypes } = appliesTo;
  if (institutionTypes && !institutionTypes.includes(scope.institutionType)) return false;
  if (serviceTypes && !serviceTypes.some((t) => scope.serviceTypes.includes(t))) return false;
  return true;
}

/** The materials of `profile` that the applicant must submit, in the profile's order. */
export function applicableMaterials(profile: RegionProfile, scope: ApplicantScope): MaterialRequirement[] {
  return profile.materials.filter((m) => appliesToApplicant(m.appliesTo, scope));
}
