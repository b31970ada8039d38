import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents, groupLinks, units } from './schema.js';

/* Deadlines and reminders (docs/domain.md, "Deadlines and reminders"). */

/** Public holidays when no reminder goes out; lunar ones (Tết, Giỗ Tổ) come from the administrator's list. */
export const holidays = sqliteTable('holidays', {
  day: text('day').primaryKey(),
  name: text('name').notNull(),
});

/** A document's own deadline for grassroots organisations' action plans (e.g. "within quý 1/2026"). */
export const documentDeadlines = sqliteTable('document_deadlines', {
  documentId: integer('document_id')
    .primaryKey()
    .references(() => documents.id),
  actionPlanDue: text('action_plan_due').notNull(),
});

/** Every (item, stage) sent to a chat: never the same stage twice, also across restarts. */
export const reminderLog = sqliteTable(
  'reminder_log',
  {
    itemKey: text('item_key').notNull(),
    stage: text('stage').notNull(),
    chatId: integer('chat_id').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemKey, t.stage, t.chatId] }),
    index('reminder_log_sent_idx').on(t.sentAt),
  ],
);

/** Days the daily sweep ran, so a sweep missed while the bot was down runs once when it starts. */
export const sweepRuns = sqliteTable('sweep_runs', {
  day: text('day').primaryKey(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  sent: integer('sent').notNull().default(0),
});

/** Linked groups that also get their unit's reminder digest. */
export const reminderGroups = sqliteTable('reminder_groups', {
  chatId: integer('chat_id')
    .primaryKey()
    .references(() => groupLinks.chatId, { onDelete: 'cascade' }),
});

/**
 * Due items an administrator has waived (an item that will never be filed: a programme merged into another's, a
 * document withdrawn): no longer reminded nor escalated. Keyed like the reminder log (domain/deadlines.ts
 * itemKey); audited.
 */
export const dueWaivers = sqliteTable('due_waivers', {
  itemKey: text('item_key').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  reason: text('reason').notNull().default(''),
  waivedBy: integer('waived_by'),
  waivedAt: integer('waived_at', { mode: 'timestamp_ms' }).notNull(),
});
