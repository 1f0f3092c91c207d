import { z } from 'zod';
import { INSTITUTION_TYPES, MEDICAL_ARRANGEMENTS, PROFIT_CLASSES, SERVICE_TYPES } from '../domain/enums';
import type { ApplicationData } from '../domain/application';

/**
 * What a round package (issue 5) may say about an applicant: shared by the
 * service that writes and reads packages and by the contract that shows them.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const shortText = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(1_000_000);

/**
 * The ALLOW-LIST of 申请表 fields a round package carries: what members need to
 * score (type, service types, staffing, beds, capacity, qualifications). Names,
 * phones and ID numbers of the legal representative, principal, actual
 * controller and contact, the address, the USCC, licence and certificate
 * numbers and the 不予受理 declarations stay on the clerk's laptop (the
 * eligibility results below say what the rules concluded from them).
 */
export const PACKAGE_APPLICATION_FIELDS = [
  'name',
  'institutionType',
  'profitClass',
  'serviceTypes',
  'medicalArrangement',
  'receivedOn',
  'careBeds',
  'totalBeds',
  'careStaff',
  'longTermCarers',
  'doctors',
  'nurses',
  'managers',
  'hasFullTimeManager',
  'serviceCapacity',
  'hasInternalLtcUnit',
  'hasSeparateCareZone',
  'hasMedicalQualification',
  'hasInpatientQualification',
  'localMedicalInsuranceDesignated',
  'operatingSince',
  'premisesUntil',
] as const satisfies readonly (keyof ApplicationData)[];
export type PackageApplicationField = (typeof PACKAGE_APPLICATION_FIELDS)[number];

export const packageApplicationDataSchema = z
  .object({
    name: shortText(100),
    institutionType: z.enum(INSTITUTION_TYPES),
    profitClass: z.enum(PROFIT_CLASSES),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)).min(1).max(3),
    medicalArrangement: z.enum(MEDICAL_ARRANGEMENTS).optional(),
    receivedOn: date,
    careBeds: count.optional(),
    totalBeds: count.optional(),
    careStaff: count,
    longTermCarers: count.optional(),
    doctors: count,
    nurses: count,
    managers: count.optional(),
    hasFullTimeManager: z.boolean().optional(),
    serviceCapacity: count.optional(),
    hasInternalLtcUnit: z.boolean().optional(),
    hasSeparateCareZone: z.boolean().optional(),
    hasMedicalQualification: z.boolean().optional(),
    hasInpatientQualification: z.boolean().optional(),
    localMedicalInsuranceDesignated: z.boolean().optional(),
    operatingSince: date.optional(),
    premisesUntil: date.optional(),
  } satisfies Record<PackageApplicationField, z.ZodType>)
  .strict();
export type PackageApplicationData = z.infer<typeof packageApplicationDataSchema>;

/** The allow-listed fields of a 申请表, nothing else. */
export function pickPackageApplicationData(data: ApplicationData): PackageApplicationData {
  const out: Record<string, unknown> = {};
  for (const k of PACKAGE_APPLICATION_FIELDS) if (data[k] !== undefined) out[k] = data[k];
  return out as PackageApplicationData;
}

export const packageEligibilitySchema = z
  .object({
    overall: z.enum(['all_pass', 'some_fail', 'manual_pending']),
    overallLabel: shortText(100),
    counts: z.object({ pass: count, fail: count, manual: count, warning: count }).strict(),
    results: z
      .array(
        z
          .object({
            ruleId: shortText(80),
            title: shortText(200),
            state: z.enum(['pass', 'fail', 'manual', 'warning']),
            explanation: shortText(2000),
            citations: z.array(shortText(200)).max(20),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type PackageEligibility = z.infer<typeof packageEligibilitySchema>;

