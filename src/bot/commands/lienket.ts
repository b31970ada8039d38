import { Markup } from 'telegraf';
import { groupOf, linkGroup, setGroupThread } from '../../db/repositories/group-links.js';
import { membershipsOf } from '../../db/repositories/members.js';
import { setGroupReminders } from '../../db/repositories/reminders.js';
import { foldVietnamese } from '../../domain/vn.js';
import { type BotContext, todayOf } from '../context.js';
import { M } from '../messages.js';

function userUnits(ctx: BotContext) {
  const userId = ctx.from?.id;
  if (!userId) return [];
  const seen = new Set<number>();
  return membershipsOf(ctx.deps.db, userId, todayOf(ctx.deps)).filter(
    (m) => !seen.has(m.unitId) && seen.add(m.unitId),
  );
}

/**
 * The topic of a group with topics (a forum) the command ran in, from the message (or the pressed button's
 * message); null in a group without topics and in a forum's "General" topic, whose messages carry none.
 */
export function topicOf(ctx: BotContext): number | null {
  const chat = ctx.chat;
  const msg = ctx.msg as { is_topic_message?: boolean; message_thread_id?: number } | undefined;
  if (chat?.type !== 'supergroup' || !chat.is_forum || !msg?.is_topic_message) return null;
  return msg.message_thread_id ?? null;
}

/** `/lienket` in a group: links it to the member's unit (asks which, if several). */
export async function onLinkGroup(ctx: BotContext): Promise<void> {
  if (ctx.chat?.type === 'private') return void (await ctx.reply(M.group.onlyInGroup));
  const units = userUnits(ctx);
  if (units.length === 0) return void (await ctx.reply(M.group.notMember));
  if (units.length === 1 && units[0]) return link(ctx, units[0].unitId);
  await ctx.reply(
    M.group.pickUnit,
    Markup.inlineKeyboard(units.map((u) => [Markup.button.callback(u.unitName, `l:${u.unitId}`)])),
  );
}

/** `l:<unitId>`: checked again, since anyone in the group can press the button. */
export async function onLinkButton(ctx: BotContext, unitId: number): Promise<void> {
  if (!userUnits(ctx).some((u) => u.unitId === unitId)) {
    return void (await ctx.answerCbQuery(M.group.notMember, { show_alert: true }));
  }
  await ctx.answerCbQuery();
  await link(ctx, unitId);
}

async function link(ctx: BotContext, unitId: number): Promise<void> {
  const chat = ctx.chat;
  const user = ctx.from;
  const unit = userUnits(ctx).find((u) => u.unitId === unitId);
  if (!chat || !user || !unit) return;
  const title = 'title' in chat ? chat.title : null;
  linkGroup(
    ctx.deps.db,
    { chatId: chat.id, unitId, title, threadId: topicOf(ctx) },
    { id: user.id, label: user.username ?? user.first_name },
    ctx.deps.now(),
  );
  await ctx.reply(M.group.linked(unit.unitName));
}

/** `/nhacnhom bat|tat` in a linked group: a member of the group's unit turns its reminder digest on or off. */
export async function onGroupReminders(ctx: BotContext, payload: string): Promise<void> {
  const chat = ctx.chat;
  if (!chat || chat.type === 'private') return void (await ctx.reply(M.group.remindersOnlyInGroup));
  const link = groupOf(ctx.deps.db, chat.id);
  if (!link) return void (await ctx.reply(M.group.notLinked));
  if (!userUnits(ctx).some((u) => u.unitId === link.unitId)) return void (await ctx.reply(M.group.notMember));
  const word = foldVietnamese(payload);
  if (word !== 'bat' && word !== 'tat') return void (await ctx.reply(M.group.remindersUsage));
  setGroupReminders(ctx.deps.db, chat.id, word === 'bat');
  // Run in a topic, the group's digests (and notices) go to that topic from now on.
  setGroupThread(ctx.deps.db, chat.id, topicOf(ctx));
  await ctx.reply(word === 'bat' ? M.group.remindersOn : M.group.remindersOff);
}
