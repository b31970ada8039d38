import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { parseCommand, runCommand } from '../../src/cli/commands.js';
import { runImport } from '../../src/cli/import.js';
import { parseRole, runInvite } from '../../src/cli/invite.js';
import { redeemInvite } from '../../src/db/repositories/invites.js';
import { getSetting, setSetting } from '../../src/db/repositories/settings.js';
import { cliHarness, tempFile } from '../helpers/cli-context.js';

const UNITS = [
  'ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den,ma_sap_nhap_vao',
  'XA_OLD,Đảng ủy xã Tân Sơn,xa,,01/01/2020,30/06/2025,XA_TANKY_2025',
  'XA_TANKY_2025,Đảng ủy xã Tân Kỳ,xa,,01/07/2025,,',
].join('\n');

function withUnits(telegram = {}) {
  const h = cliHarness({ now: new Date('2025-07-10T02:00:00Z'), telegram });
  runImport(h.ctx, 'units', tempFile('units.csv', UNITS));
  return h;
}

const codeIn = (text: string) => /Mã mời: ([A-Z0-9]{10})/.exec(text)?.[1] ?? '';

describe('invite', () => {
  it('prints the deep link when the bot has stored its username', async () => {
    const h = withUnits();
    setSetting(h.db, 'bot_username', 'hoctap_bot');
    expect(await runInvite(h.ctx, 'xa_tanky_2025', 'bi-thu')).toBe(0);
    const code = codeIn(h.out());
    expect(h.out()).toContain(
      'Đã tạo lời mời: bí thư của Đảng ủy xã Tân Kỳ.\n' +
        `  Mã mời: ${code} (dùng một lần, hết hạn ngày 24/07/2025)\n` +
        `  Link: https://t.me/hoctap_bot?start=${code}`,
    );
  });

  it('asks getMe when the username is unknown and a token is set, and remembers it', async () => {
    const calls: string[] = [];
    const api = async (method: string) => {
      calls.push(method);
      return { id: 1, is_bot: true, username: 'cap_uy_bot' };
    };
    const h = withUnits({ token: '123:abc', apiRoot: 'http://127.0.0.1:9999/', api });
    await runInvite(h.ctx, 'XA_TANKY_2025', 'lanh_dao');
    expect(calls).toEqual(['getMe']);
    expect(h.out()).toContain(`Link: https://t.me/cap_uy_bot?start=${codeIn(h.out())}`);
    expect(getSetting(h.db, 'bot_username')).toBe('cap_uy_bot');
  });

  it('without a username or token, prints the code, how to use it, and where to get a token for the link', async () => {
    const h = withUnits();
    expect(await runInvite(h.ctx, 'XA_TANKY_2025', 'quản trị')).toBe(0);
    const code = codeIn(h.out());
    expect(code).not.toBe('');
    expect(h.out()).toContain('Chưa có link: link cần tên của bot, mà chưa có mã bot (BOT_TOKEN chưa đặt).');
    expect(h.out()).toContain('trong Telegram nhắn @BotFather, gửi /newbot');
    expect(h.out()).toContain(`gửi /start ${code}`);
  });

  it('with a token but no username yet (getMe refused), says the link comes once the bot has run', async () => {
    const refusing = async () => {
      throw new TelegramError({ error_code: 401, description: 'Unauthorized' });
    };
    const h = withUnits({ token: '123:abc', api: refusing });
    await runInvite(h.ctx, 'XA_TANKY_2025', 'quản trị');
    const code = codeIn(h.out());
    expect(h.out()).toContain('(Không hỏi được Telegram tên bot: Unauthorized)');
    expect(h.out()).toContain(
      'Chưa có link vì chưa biết tên bot: link sẽ có sau khi bot chạy lần đầu (npm start).',
    );
    expect(h.out()).toContain(`gửi: /start ${code}`);
  });

  it('says why getMe failed, without echoing the token', async () => {
    const failing = async () => {
      throw new Error('connect ECONNREFUSED for bot123:secret');
    };
    const h = withUnits({ token: '123:secret', api: failing });
    await runInvite(h.ctx, 'XA_TANKY_2025', 'bi_thu');
    expect(h.out()).toContain('(Không hỏi được Telegram tên bot: connect ECONNREFUSED for bot…)');
    expect(h.out()).not.toContain('secret');
  });

  it('refuses an unknown unit (exit 1), a closed unit (exit 1) and an unknown role (exit 2)', async () => {
    const h = withUnits();
    expect(await runCommand(h.ctx, { name: 'invite', unitCode: 'XA_KHONGCO', role: 'bi_thu' })).toBe(1);
    expect(h.err()).toContain('Không có đơn vị mã XA_KHONGCO.');
    expect(await runCommand(h.ctx, { name: 'invite', unitCode: 'XA_OLD', role: 'bi_thu' })).toBe(1);
    expect(h.err()).toContain('Đảng ủy xã Tân Sơn đã hết hiệu lực từ sau ngày 30/06/2025');
    expect(await runCommand(h.ctx, { name: 'invite', unitCode: 'XA_TANKY_2025', role: 'chu_tich' })).toBe(2);
    expect(h.err()).toContain('Vai trò "chu_tich" không hợp lệ');
    expect(h.err()).toContain(
      'Sai tham số. Cách dùng: npm run cli -- invite MÃ_ĐƠN_VỊ bi_thu|lanh_dao|quan_tri',
    );
  });

  it('gives a code that works once, not for a wrong code, not after 14 days', async () => {
    const h = withUnits();
    await runInvite(h.ctx, 'XA_TANKY_2025', 'bi_thu');
    await runInvite(h.ctx, 'XA_TANKY_2025', 'bi_thu');
    const [first = '', second = ''] = [...h.out().matchAll(/Mã mời: (\w+)/g)].map((m) => m[1]);
    const user = { id: 7, firstName: 'Hà' };
    const soon = new Date('2025-07-11T02:00:00Z');
    expect(redeemInvite(h.db, first, user, soon)).toMatchObject({ ok: true, role: 'bi_thu' });
    expect(redeemInvite(h.db, first, user, soon)).toEqual({ ok: false, reason: 'used' });
    expect(redeemInvite(h.db, 'SAIMA23456', user, soon)).toEqual({ ok: false, reason: 'not_found' });
    expect(redeemInvite(h.db, second, user, new Date('2025-07-24T02:00:01Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('invite huy', () => {
  it('cancels an unused invite, audited; the code then works no more, and a second cancel says why', async () => {
    const h = withUnits();
    await runInvite(h.ctx, 'XA_TANKY_2025', 'bi_thu');
    const code = codeIn(h.out());
    expect(await runCommand(h.ctx, parseCommand(['invite', 'huy', code.toLowerCase()]))).toBe(0);
    expect(h.out()).toContain(
      `Đã hủy mã mời ${code} (bí thư của Đảng ủy xã Tân Kỳ): link và mã không dùng được nữa (ghi vào nhật ký).`,
    );
    const later = new Date('2025-07-10T03:00:00Z');
    expect(redeemInvite(h.db, code, { id: 7, firstName: 'Hà' }, later)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const audit = h.db.$client
      .prepare("select action, entity, entity_id as id from audit_log where entity = 'invite' order by id")
      .all();
    expect(audit).toEqual([
      { action: 'create', entity: 'invite', id: code },
      { action: 'update', entity: 'invite', id: code },
    ]);
    expect(await runCommand(h.ctx, parseCommand(['invite', 'huy', code]))).toBe(1);
    expect(h.err()).toContain(
      `Mã mời ${code} đã hết hạn ngày 10/07/2025: không dùng được nữa, không cần hủy.`,
    );
  });

  it('does not undo a used invite (the member is revoked instead), and names an unknown code', async () => {
    const h = withUnits();
    await runInvite(h.ctx, 'XA_TANKY_2025', 'lanh_dao');
    const code = codeIn(h.out());
    redeemInvite(h.db, code, { id: 8, firstName: 'Bình' }, new Date('2025-07-10T02:30:00Z'));
    expect(await runCommand(h.ctx, parseCommand(['invite', 'huy', code]))).toBe(1);
    expect(h.err()).toContain(
      `Mã mời ${code} đã được dùng ngày 10/07/2025: người đó đã là thành viên. Muốn thu hồi, dùng /donvi → 👥 Thành viên.`,
    );
    expect(await runCommand(h.ctx, parseCommand(['invite', 'huy', 'SAIMA23456']))).toBe(1);
    expect(h.err()).toContain('Không có mã mời SAIMA23456.');
  });
});

describe('command line', () => {
  it('reads roles with or without diacritics and dashes', () => {
    expect(['bi_thu', 'bi-thu', 'bithu', 'Bí thư', 'lãnh đạo', 'QUAN_TRI'].map(parseRole)).toEqual([
      'bi_thu',
      'bi_thu',
      'bi_thu',
      'bi_thu',
      'lanh_dao',
      'quan_tri',
    ]);
    expect(parseRole('admin')).toBeNull();
  });

  it('parses commands and refuses what is typed wrong with exit code 2', () => {
    expect(parseCommand([])).toEqual({ name: 'help' });
    expect(parseCommand(['import', 'units', 'a.csv'])).toEqual({
      name: 'import',
      kind: 'units',
      file: 'a.csv',
    });
    const usage = (argv: string[]) => {
      try {
        parseCommand(argv);
        return null;
      } catch (e) {
        return [(e as Error).message, (e as { exitCode: number }).exitCode];
      }
    };
    expect(usage(['import', 'members', 'a.csv'])).toEqual([
      'Không nhập được loại "members": chỉ có units, figures, documents, holidays, reports và các loại báo cáo ' +
        'hoi_nghi, ke_hoach_hanh_dong, ke_hoach_ca_nhan, kiem_tra_giam_sat, tap_huan_bcv, khao_sat, khen_thuong, ' +
        'co_so_vat_chat.',
      2,
    ]);
    expect(usage(['import', 'units'])?.[1]).toBe(2);
    expect(usage(['invite', 'XA_A', 'bi_thu', 'thua'])).toEqual(['Thừa tham số.', 2]);
    expect(parseCommand(['invite', 'HUY', 'K7QM2XWP9A'])).toEqual({ name: 'uninvite', code: 'K7QM2XWP9A' });
    // A unit whose code is HUY can still be invited to.
    expect(parseCommand(['invite', 'HUY', 'bi_thu'])).toEqual({
      name: 'invite',
      unitCode: 'HUY',
      role: 'bi_thu',
    });
    expect(usage(['xoa'])).toEqual(['Không có lệnh "xoa".', 2]);
  });
});
