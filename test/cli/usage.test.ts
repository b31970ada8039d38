import { describe, expect, it } from 'vitest';
import { readCommand, runCommand } from '../../src/cli/commands.js';
import { COMMAND_USAGE, type CommandName, USAGE } from '../../src/cli/messages.js';
import { cliHarness } from '../helpers/cli-context.js';

/* Every command typed wrong says what was wrong, then its own one-line usage; `help` lists them all. */

/** As cli.ts runs a command line, in-process: read it, then run it against an in-memory database. */
async function typed(argv: string[]) {
  const h = cliHarness();
  const command = readCommand(argv, h.ctx.err);
  const code =
    typeof command === 'number' ? command : command.name === 'doctor' ? 0 : await runCommand(h.ctx, command);
  return { code, out: h.out(), err: h.err() };
}

const CASES: ReadonlyArray<[string[], string, CommandName]> = [
  [['import'], 'Cần ghi rõ nhập gì và tệp nào', 'import'],
  [['import', 'members', 'a.csv'], 'Không nhập được loại "members"', 'import'],
  [['template', 'units'], 'Cần loại và tên tệp', 'template'],
  [['template', 'units', 'don-vi.csv'], 'Tệp don-vi.csv phải có đuôi .xlsx.', 'template'],
  [['holidays', 'xoa', 'le.csv'], 'Không có lệnh "holidays xoa".', 'holidays'],
  [['invite', 'XA_TANKY_2025'], 'Cần mã đơn vị và vai trò', 'invite'],
  [['invite', 'XA_TANKY_2025', 'chu_tich'], 'Vai trò "chu_tich" không hợp lệ', 'invite'],
  [['programme', 'xoa'], '', 'programme'],
  [['programme', 'target', '07-ĐA/TU', '9', '95'], '', 'programme'],
  [['deadline', 'dat', 'kiemtra', '30/02'], '', 'deadline'],
  [['remind', '--sai'], 'Không hiểu "--sai".', 'remind'],
  [['remind', '--at', 'hôm-qua'], '"hôm-qua" không phải thời điểm ISO-8601.', 'remind'],
  [['backup'], 'Cần tên tệp sao lưu', 'backup'],
  [['restore', 'a.sqlite', 'b.sqlite'], 'Thừa tham số.', 'restore'],
  [['export', '--nam', '2022'], 'Không hiểu "--nam 2022".', 'export'],
  [['export', '--out', 'bao-cao.csv'], 'Tệp bao-cao.csv phải có đuôi .xlsx.', 'export'],
  [['summary', '--period', '2022'], 'Cần mã đơn vị', 'summary'],
  [['summary', '--unit'], 'Cần mã đơn vị', 'summary'],
  [['doctor', '--sua'], 'Lệnh doctor không nhận tham số.', 'doctor'],
  [['demo', 'thua'], 'Thừa tham số.', 'demo'],
];

describe('a command typed wrong', () => {
  it.each(CASES)('%j: exit 2, what is wrong, then the one-line usage of %s', async (argv, what, name) => {
    const r = await typed(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (what) expect(r.err).toContain(what);
    expect(r.err).toContain(`Sai tham số. Cách dùng: npm run cli -- ${COMMAND_USAGE[name]}\n`);
    expect(r.err.trimEnd().endsWith('Xem mọi lệnh: npm run cli -- help')).toBe(true);
    // One line of usage, not the whole list.
    expect(r.err).not.toContain('Các lệnh:');
    for (const line of Object.values(COMMAND_USAGE)) expect(line).not.toContain('\n');
  });

  it('covers every command that takes arguments', () => {
    const covered = new Set(CASES.map(([, , name]) => name));
    expect(Object.keys(COMMAND_USAGE).filter((n) => !covered.has(n as CommandName))).toEqual(['help']);
  });

  it('an unknown command gets the whole list', async () => {
    const r = await typed(['xuat']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Không có lệnh "xuat".');
    expect(r.err).toContain(USAGE);
  });
});

describe('help', () => {
  it('lists every command', async () => {
    const r = await typed(['help']);
    expect(r.code).toBe(0);
    for (const name of Object.keys(COMMAND_USAGE)) expect(r.out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
  });
});
