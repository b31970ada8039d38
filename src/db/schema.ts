import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { INDICATORS } from '../domain/indicators.js';

/*
 * Calendar dates (a conference day, a validity bound) are stored as ISO text `yyyy-MM-dd`:
 * they are days in Vietnam, not instants, and sort and compare correctly as text.
 * Instants (created, updated, audited) are stored as milliseconds since the epoch.
 */

export const UNIT_KINDS = ['tinh', 'huyen', 'xa', 'co_so', 'chi_bo'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['bi_thu', 'lanh_dao', 'quan_tri'] as const;
export type Role = (typeof ROLES)[number];

export const CONFERENCE_FORMS = ['truc_tiep', 'truc_tuyen', 'ket_hop'] as const;
export type ConferenceForm = (typeof CONFERENCE_FORMS)[number];

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    /** The unit this one was merged into (its history stays in its own tree). */
    successorId: integer('successor_id').references((): AnySQLiteColumn => units.id),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId),
    check('units_kind_ck', sql`${t.kind} in ('tinh','huyen','xa','co_so','chi_bo')`),
  ],
);

export const unitFigures = sqliteTable(
  'unit_figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    asOf: text('as_of').notNull(),
    partyMembers: integer('party_members').notNull(),
    exemptMembers: integer('exempt_members').notNull(),
    reporters: integer('reporters').notNull(),
    personalPlanRequired: integer('personal_plan_required').notNull(),
    hasLoudspeaker: integer('has_loudspeaker', { mode: 'boolean' }).notNull(),
    bridgePoints: integer('bridge_points').notNull(),
  },
  (t) => [
    uniqueIndex('unit_figures_unit_date_uq').on(t.unitId, t.asOf),
    check('unit_figures_exempt_ck', sql`${t.exemptMembers} <= ${t.partyMembers}`),
  ],
);

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** As written: `35-NQ/TW`. Numbers restart every term, so the key is (code, issued_on). */
    code: text('code').notNull(),
    issuedOn: text('issued_on').notNull(),
    /** The leading number of the code, for typing `35` in a form. */
    number: integer('number').notNull(),
    /** NQ, CT, KL, QĐ, HD, KH, CTr, ĐA. */
    type: text('type').notNull(),
    issuer: text('issuer').notNull(),
    summary: text('summary').notNull(),
  },
  (t) => [
    uniqueIndex('documents_code_date_uq').on(t.code, t.issuedOn),
    index('documents_number_idx').on(t.number),
  ],
);

/** Telegram users the bot has met. Only what is needed to greet and to reach them. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name'),
  username: text('username'),
  createdAt: createdAt(),
  /** Set when Telegram says the user blocked the bot; reminders skip them. */
  blockedAt: integer('blocked_at', { mode: 'timestamp_ms' }),
});

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('members_user_unit_role_uq').on(t.userId, t.unitId, t.role),
    index('members_unit_idx').on(t.unitId),
  ],
);

export const invites = sqliteTable('invites', {
  code: text('code').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  role: text('role', { enum: ROLES }).notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedBy: integer('used_by'),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});

export const conferenceReports = sqliteTable(
  'conference_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    heldOn: text('held_on').notNull(),
    form: text('form', { enum: CONFERENCE_FORMS }).notNull(),
    bridgePoints: integer('bridge_points').notNull().default(0),
    eligible: integer('eligible').notNull(),
    present: integer('present').notNull(),
    nonMemberAttendances: integer('non_member_attendances').notNull(),
    makeUp: integer('make_up', { mode: 'boolean' }).notNull(),
    reporterPresent: integer('reporter_present', { mode: 'boolean' }).notNull(),
    note: text('note'),
    createdBy: integer('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('conference_reports_unit_date_idx').on(t.unitId, t.heldOn),
    check('conference_reports_present_ck', sql`${t.present} >= 0 and ${t.present} <= ${t.eligible}`),
  ],
);

export const conferenceReportDocuments = sqliteTable(
  'conference_report_documents',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => conferenceReports.id, { onDelete: 'cascade' }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.documentId] }),
    index('crd_document_report_idx').on(t.documentId, t.reportId),
  ],
);

/*
 * Summaries of the conference reports for /tiendo, kept exact on every write of a report (see
 * repositories/progress-summary.ts) and rebuilt from scratch by the migration that made them. The
 * migration creates them WITHOUT ROWID (drizzle-kit cannot say so): a table rebuilt by a later
 * migration would lose that, which costs speed, never correctness.
 */

/** Per (unit, document, year): the sessions held on that document in that year, make-up included. */
export const studyPairs = sqliteTable(
  'study_pairs',
  {
    unitId: integer('unit_id').notNull(),
    documentId: integer('document_id').notNull(),
    year: integer('year').notNull(),
    /** Σ present over the sessions. */
    present: integer('present').notNull(),
    /** max eligible over the sessions. */
    eligible: integer('eligible').notNull(),
    firstHeldOn: text('first_held_on').notNull(),
    sessions: integer('sessions').notNull(),
    /** How many years the (unit, document) pair has rows in, over all time. */
    pairYears: integer('pair_years').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.documentId, t.year] }),
    index('study_pairs_multi_year_idx').on(t.unitId).where(sql`${t.pairYears} > 1`),
  ],
);

/** Per (unit, year): its conferences, and "party members study" for the pairs held in that year only. */
export const conferenceYears = sqliteTable(
  'conference_years',
  {
    unitId: integer('unit_id').notNull(),
    year: integer('year').notNull(),
    conferences: integer('conferences').notNull(),
    present: integer('present').notNull(),
    nonMemberAttendances: integer('non_member_attendances').notNull(),
    /** Σ min(present, eligible) over the unit's study_pairs of this year with pair_years = 1. */
    studyNum: integer('study_num').notNull(),
    /** Σ eligible over the same pairs. */
    studyDen: integer('study_den').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

/**
 * Per (grassroots organisation, document): its very first study conference, over all time and all the
 * units it leads (itself and the units below it down to the next xa / co_so). Depends on the tree: a
 * trigger on units marks it stale when a parent or kind changes, and progress() rebuilds it then.
 * The trigger (`units_org_study_firsts_stale`) and the summaries' first fill are hand-written in
 * drizzle/0005_progress_summaries.sql: drizzle-kit does not see them here (docs/architecture.md, "Migrations").
 */
export const orgStudyFirsts = sqliteTable(
  'org_study_firsts',
  {
    orgId: integer('org_id').notNull(),
    documentId: integer('document_id').notNull(),
    firstHeldOn: text('first_held_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.documentId] })],
);

/** Telegram groups linked to a unit: they get a one-line notice when the unit files a report. */
export const groupLinks = sqliteTable('group_links', {
  chatId: integer('chat_id').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  title: text('title'),
  linkedBy: integer('linked_by').notNull(),
  linkedAt: createdAt(),
  /**
   * In a group with topics (a forum), the topic /lienket or /nhacnhom last ran in: the group's notices and reminder
   * digests go there (message_thread_id). Null: the group itself, or its "General" topic.
   */
  threadId: integer('thread_id'),
});

/** Every create, edit and delete: who, when, what, before → after (JSON). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Telegram user id, or null for the administrator's CLI. */
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    unitId: integer('unit_id'),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_unit_idx').on(t.unitId)],
);

/** A guided conversation in progress, keyed by `<userId>:<chatId>`: a restart loses nothing. */
export const formSessions = sqliteTable('form_sessions', {
  key: text('key').primaryKey(),
  formId: text('form_id').notNull(),
  /** Changes with every new form: buttons carry it, so a button from an older form is refused. */
  token: text('token').notNull(),
  state: text('state').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Updates already handled: a batch redelivered after a crash is not handled twice. */
export const processedUpdates = sqliteTable('processed_updates', {
  updateId: integer('update_id').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

/** Small facts the bot remembers, e.g. its username from getMe. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export type Unit = typeof units.$inferSelect;
export type UnitFigures = typeof unitFigures.$inferSelect;
export type Document = typeof documents.$inferSelect;
export type User = typeof users.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type ConferenceReport = typeof conferenceReports.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;

/*
 * The other report kinds (docs/domain.md, "Who files what"). Only aggregates: counts, dates, yes/no.
 * Each row is one unit's report; re-filing the same (unit, key) corrects it in place.
 */

const filed = {
  createdBy: integer('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
};

/** A grassroots organisation's action programme / plan for a document. */
export const actionPlans = sqliteTable(
  'action_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    issuedOn: text('issued_on').notNull(),
    ...filed,
  },
  (t) => [
    uniqueIndex('action_plans_unit_doc_uq').on(t.unitId, t.documentId),
    index('action_plans_doc_idx').on(t.documentId),
  ],
);

/** How many of the unit's secretaries and heads have a personal action plan, for a year. */
export const personalPlans = sqliteTable(
  'personal_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    withPlan: integer('with_plan').notNull(),
    ...filed,
  },
  (t) => [uniqueIndex('personal_plans_unit_year_uq').on(t.unitId, t.year)],
);

export const INSPECTION_BODIES = ['cap_uy', 'ubkt'] as const;
export type InspectionBody = (typeof INSPECTION_BODIES)[number];

/** The annual inspection and supervision programme of a committee (cấp ủy) or its inspection committee (UBKT). */
export const inspectionProgrammes = sqliteTable(
  'inspection_programmes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    body: text('body', { enum: INSPECTION_BODIES }).notNull(),
    approvedOn: text('approved_on').notNull(),
    ...filed,
  },
  (t) => [uniqueIndex('inspection_unit_year_body_uq').on(t.unitId, t.year, t.body)],
);

/** How many of the unit's reporters were informed and trained in a year. */
export const reporterTrainings = sqliteTable(
  'reporter_trainings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    trained: integer('trained').notNull(),
    heldOn: text('held_on').notNull(),
    ...filed,
  },
  (t) => [uniqueIndex('reporter_trainings_unit_year_uq').on(t.unitId, t.year)],
);

/** An awareness survey among union and association members and the people. */
export const awarenessSurveys = sqliteTable(
  'awareness_surveys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    heldOn: text('held_on').notNull(),
    surveyed: integer('surveyed').notNull(),
    aware: integer('aware').notNull(),
    ...filed,
  },
  (t) => [
    index('awareness_unit_date_idx').on(t.unitId, t.heldOn),
    check('awareness_aware_ck', sql`${t.aware} >= 0 and ${t.aware} <= ${t.surveyed}`),
  ],
);

/** Collectives and individuals commended. */
export const commendations = sqliteTable(
  'commendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    awardedOn: text('awarded_on').notNull(),
    collectives: integer('collectives').notNull(),
    individuals: integer('individuals').notNull(),
    note: text('note'),
    ...filed,
  },
  (t) => [index('commendations_unit_date_idx').on(t.unitId, t.awardedOn)],
);

/** A programme (đề án) with a period and targets; Đề án 07-ĐA/TU is seeded by a migration. */
export const programmes = sqliteTable('programmes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  createdAt: createdAt(),
});

export const programmeTargets = sqliteTable(
  'programme_targets',
  {
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    indicator: text('indicator', { enum: INDICATORS }).notNull(),
    /** A share, 0..1: 0.9 for 90%. */
    target: real('target').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.indicator] })],
);

export type { IndicatorKey } from '../domain/indicators.js';
export type ActionPlan = typeof actionPlans.$inferSelect;
export type Programme = typeof programmes.$inferSelect;
