import type { DocumentInput } from '../../src/db/repositories/documents.js';
import type { UnitInput } from '../../src/db/repositories/units.js';
import type { UnitKind } from '../../src/db/schema.js';
import type { ConferenceReportInput } from '../../src/forms/conference-report.js';

/** Rows a test seeds through the repositories the CLI uses, with the defaults most tests want. */

/** A unit valid from 01/01/2020 (before the 2025 reform, so every TEST_INSTANT sees it) unless told. */
export const unitRow = (
  code: string,
  name: string,
  kind: UnitKind,
  parentCode: string | null,
  validFrom = '2020-01-01',
  validTo: string | null = null,
): UnitInput => ({ code, name, kind, parentCode, validFrom, validTo, successorCode: null });

export const NQ_35: DocumentInput = {
  code: '35-NQ/TW',
  issuedOn: '2018-10-22',
  number: 35,
  type: 'NQ',
  issuer: 'Bộ Chính trị',
  summary: 'Về bảo vệ nền tảng tư tưởng của Đảng',
};

export const NQ_57: DocumentInput = {
  code: '57-NQ/TW',
  issuedOn: '2024-12-22',
  number: 57,
  type: 'NQ',
  issuer: 'Bộ Chính trị',
  summary: 'Về khoa học, công nghệ, đổi mới sáng tạo',
};

/** An in-person conference on `documentIds`: 95 of 100 members, no one else, not a make-up session. */
export const conferenceRow = (
  unitId: number,
  heldOn: string,
  documentIds: number[],
  over: Partial<ConferenceReportInput> = {},
): ConferenceReportInput => ({
  unitId,
  heldOn,
  documentIds,
  form: 'truc_tiep',
  bridgePoints: 0,
  eligible: 100,
  present: 95,
  nonMemberAttendances: 0,
  makeUp: false,
  reporterPresent: true,
  note: null,
  ...over,
});
