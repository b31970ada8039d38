import { membershipsOf } from '../../db/repositories/members.js';
import { type BotContext, todayOf } from '../context.js';
import { COMMANDS, type CommandHelp, M } from '../messages.js';
import { isAdministrator } from './dean.js';

/** The commands this user may use: a newcomer sees only how to join. */
export function commandsFor(ctx: BotContext): CommandHelp[] {
  const userId = ctx.from?.id;
  const roles = userId ? membershipsOf(ctx.deps.db, userId, todayOf(ctx.deps)).map((m) => m.role) : [];
  const admin = isAdministrator(ctx);
  if (roles.length === 0 && !admin) return [COMMANDS.start, COMMANDS.trogiup];
  const reports = roles.some((r) => r === 'bi_thu' || r === 'lanh_dao');
  return [
    ...(reports ? [COMMANDS.baocao, COMMANDS.danhsach, COMMANDS.huy] : []),
    COMMANDS.tiendo,
    COMMANDS.xuat,
    COMMANDS.tongket,
    COMMANDS.nhacviec,
    ...(admin ? [COMMANDS.donvi, COMMANDS.nhatky, COMMANDS.dean, COMMANDS.hanchot, COMMANDS.nhap] : []),
    COMMANDS.lienket,
    COMMANDS.nhacnhom,
    COMMANDS.web,
    COMMANDS.trogiup,
  ];
}

/** The commands this user may use; `lead` (a greeting) goes first in the same message. */
export async function sendHelp(ctx: BotContext, lead?: string): Promise<void> {
  const commands = commandsFor(ctx);
  const text = M.help(commands);
  const body = commands.length <= 2 ? `${M.start.howToJoin}\n\n${text}` : text;
  await ctx.reply(lead ? `${lead}\n\n${body}` : body);
}
