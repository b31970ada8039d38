import type { PairAttendance, SavedConferenceReport } from '../db/repositories/conference-reports.js';
import type { AuditEntry, Role, Unit, UnitFigures } from '../db/schema.js';
import { clip } from '../domain/pages.js';
import { formatDate, formatNumber, formatPercent, isoDateIn } from '../domain/vn.js';
import { T } from '../forms/texts.js';

/** Every word the bot says outside a form's own questions, grouped by feature. */

export const ROLE_NAMES: Record<Role, string> = {
  bi_thu: 'bí thư (người báo cáo)',
  lanh_dao: 'lãnh đạo',
  quan_tri: 'quản trị',
};

export interface CommandHelp {
  command: string;
  description: string;
}

export const COMMANDS = {
  start: { command: 'start', description: 'Bắt đầu, nhập mã mời' },
  baocao: { command: 'baocao', description: 'Báo cáo hội nghị học tập, quán triệt; kế hoạch, số liệu' },
  danhsach: { command: 'danhsach', description: 'Các báo cáo gần đây của đơn vị' },
  lienket: { command: 'lienket', description: 'Liên kết nhóm này với đơn vị (dùng trong nhóm)' },
  nhacnhom: { command: 'nhacnhom', description: 'Nhóm nhận nhắc việc của đơn vị: /nhacnhom bat|tat' },
  huy: { command: 'huy', description: 'Hủy báo cáo đang điền' },
  dean: { command: 'dean', description: 'Quản trị: các đề án và mục tiêu' },
  donvi: { command: 'donvi', description: 'Quản trị: cây đơn vị, mời, thành viên, nhóm' },
  nhatky: { command: 'nhatky', description: 'Quản trị: nhật ký thay đổi của một đơn vị' },
  hanchot: { command: 'hanchot', description: 'Quản trị: hạn kế hoạch, kiểm tra giám sát, tập huấn' },
  nhap: { command: 'nhap', description: 'Quản trị: nhập báo cáo cũ từ tệp Excel hoặc CSV' },
  nhacviec: { command: 'nhacviec', description: 'Việc quá hạn và sắp đến hạn' },
  tiendo: { command: 'tiendo', description: 'Tiến độ các chỉ tiêu: /tiendo 2022, /tiendo 2017-2022' },
  xuat: { command: 'xuat', description: 'Xuất Excel chỉ tiêu và các báo cáo: /xuat 2022, /xuat 2017-2022' },
  tongket: { command: 'tongket', description: 'Báo cáo tổng kết (tin nhắn và tệp Word): /tongket 2017-2022' },
  web: { command: 'web', description: 'Mã đăng nhập để dùng bot trên trang web (trò chuyện riêng)' },
  trogiup: { command: 'trogiup', description: 'Các lệnh đồng chí dùng được' },
} satisfies Record<string, CommandHelp>;

/**
 * The menu everyone sees; administrators' commands stay out of it, and so does /web (needed once, by the few
 * who cannot use Telegram everywhere): /trogiup lists them.
 */
const NOT_IN_MENU = new Set(['dean', 'hanchot', 'donvi', 'nhatky', 'nhap', 'web']);
export const MENU: CommandHelp[] = Object.values(COMMANDS).filter((c) => !NOT_IN_MENU.has(c.command));

/** A unit code the user typed that is not theirs to see; the code quoted, cut at 100 characters. */
const notInScope = (hint: string) => (code: string) =>
  `Không có đơn vị "${clip(code, 100)}" trong phạm vi đồng chí được xem. ${hint}`;

export const M = {
  /** /nhap: past reports from a file sent in the chat (src/bot/commands/nhap.ts). */
  importing: {
    notAdmin:
      'Chỉ quản trị mới nhập được báo cáo cũ từ tệp. Đồng chí báo cáo việc đã làm bằng /baocao; ' +
      'tệp khác bot không đọc.',
    howTo:
      'Gửi vào đây tệp báo cáo cũ (tối đa 10 MB):\n' +
      '• tệp Excel (.xlsx) như tệp mẫu dưới đây: mỗi loại báo cáo một trang tính, tên trang là tên loại; hoặc\n' +
      '• tệp CSV (UTF-8) của một loại, tên tệp bắt đầu bằng tên loại, ví dụ hoi_nghi_2019.csv.\n' +
      'Mỗi dòng được kiểm tra như khi báo cáo bằng /baocao. Bot báo kết quả kiểm tra trước; ' +
      'đồng chí bấm "Nhập" thì mới lưu. Một ô sai thì không lưu gì.',
    templateCaption: 'Tệp mẫu: điền từ dòng 2 của mỗi trang (xóa dòng ví dụ), xem trang "Hướng dẫn".',
    tooBig: (mb: string) => `Tệp lớn quá (${mb} MB): bot nhận tệp đến 10 MB. Hãy chia thành nhiều tệp.`,
    unreadable: {
      not_xlsx:
        'Tệp này không đọc được như tệp Excel .xlsx. Trong Excel chọn "Lưu thành" → "Sổ làm việc Excel (.xlsx)".',
      not_utf8: 'Tệp CSV không phải mã UTF-8. Trong Excel chọn "Lưu thành" → "CSV UTF-8".',
      csv_kind:
        'Tên tệp CSV phải bắt đầu bằng loại báo cáo: hoi_nghi, ke_hoach_hanh_dong, ke_hoach_ca_nhan, ' +
        'kiem_tra_giam_sat, tap_huan_bcv, khao_sat, khen_thuong, co_so_vat_chat (ví dụ hoi_nghi_2019.csv).',
      unknown_type: 'Bot chỉ nhận tệp .xlsx hoặc .csv để nhập báo cáo cũ (/nhap).',
      csv: 'Tệp CSV không đọc được.',
    },
    downloadFailed: 'Không tải được tệp từ Telegram. Đồng chí gửi lại sau ít phút.',
    /** At most 20 errors of at most 180 characters: within Telegram's 4.096. */
    failed: (file: string, n: number, lines: string[], more: boolean) =>
      `❌ Tệp ${clip(file, 100)} có ${more ? `từ ${n} lỗi trở lên` : `${n} lỗi`}, chưa lưu gì. Sửa tệp rồi gửi lại:\n` +
      lines.map((l) => `• ${clip(l, 180)}`).join('\n') +
      (more ? '\n(Chỉ nêu các lỗi đầu tiên.)' : ''),
    checked: (file: string, lines: string[]) =>
      `✅ Tệp ${clip(file, 100)} hợp lệ. Nếu nhập sẽ lưu:\n${lines.map((l) => `• ${l}`).join('\n')}\nBấm "Nhập" để lưu.`,
    line: (noun: string, rows: string, created: string, updated: string, unchanged: string) =>
      `${rows} ${noun}: thêm mới ${created}, cập nhật ${updated}, không đổi ${unchanged}`,
    confirm: '📥 Nhập',
    cancel: '❌ Hủy',
    cancelled: 'Đã hủy, không nhập gì.',
    stale: 'Kết quả kiểm tra này đã cũ hoặc đã dùng. Đồng chí gửi lại tệp.',
    imported: (file: string, lines: string[]) =>
      `📥 Đã nhập ${clip(file, 100)}:\n${lines.map((l) => `• ${l}`).join('\n')}`,
  },
  /** The buttons of a list shown a page at a time (src/bot/pager.ts). */
  pages: { previous: '◀️ Trang trước', next: 'Trang sau ▶️' },
  web: {
    code: (code: string, minutes: number) =>
      `Mã đăng nhập trang web của bot: ${code}\n` +
      `Nhập mã này ở trang web (ô "Mã mời hoặc mã đăng nhập") để dùng bot trong trình duyệt, với cùng vai trò ` +
      `và số liệu như ở đây. Mã dùng một lần, hết hạn sau ${minutes} phút; đừng gửi mã cho người khác.`,
    privateOnly: 'Lệnh /web chỉ dùng trong trò chuyện riêng với bot.',
    tooMany: (wait: string) =>
      `Đồng chí đã xin nhiều mã đăng nhập trong thời gian ngắn. Hãy dùng mã vừa nhận, hoặc thử lại sau ${wait}.`,
  },
  start: {
    howToJoin:
      'Xin chào! Đây là bot báo cáo việc học tập, quán triệt nghị quyết của cấp ủy.\n' +
      'Để dùng bot, đồng chí cần một mã mời do văn phòng cấp ủy (quản trị) cấp. ' +
      'Hãy mở đường link mời, hoặc gửi: /start <mã mời>.',
    welcome: (name: string, unit: string, role: Role) =>
      `Chào đồng chí ${name}! Đồng chí đã được ghi nhận là ${ROLE_NAMES[role]} của ${unit}.`,
    welcomeBack: (name: string, roles: string) => `Chào đồng chí ${name}! Đồng chí đang là: ${roles}.`,
    inviteErrors: {
      not_found: 'Mã mời không đúng. Hãy kiểm tra lại đường link, hoặc xin mã mới từ văn phòng cấp ủy.',
      used: 'Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần: hãy xin mã mới từ văn phòng cấp ủy.',
      expired: 'Mã mời này đã hết hạn. Hãy xin mã mới từ văn phòng cấp ủy.',
      unit_closed: 'Đơn vị của mã mời này đã hết hiệu lực (đã sáp nhập hoặc giải thể). Hãy xin mã mới.',
    },
    tooManyTries: (wait: string) => `Đồng chí đã nhập sai mã mời quá nhiều lần. Hãy thử lại sau ${wait}.`,
  },
  help: (commands: CommandHelp[]) =>
    `Các lệnh đồng chí dùng được:\n${commands.map((c) => `/${c.command} — ${c.description}`).join('\n')}`,
  noRole:
    'Đồng chí chưa được giao vai trò nào trong bot. Hãy xin mã mời từ văn phòng cấp ủy, ' +
    'rồi mở đường link mời hoặc gửi /start <mã mời>.',
  notReporter: 'Đồng chí chưa có quyền báo cáo cho đơn vị nào (cần vai trò bí thư hoặc lãnh đạo của đơn vị).',
  noDocuments:
    'Danh mục văn bản còn trống: chưa thể báo cáo. Đề nghị quản trị nhập danh mục nghị quyết, chỉ thị trước.',
  form: {
    cancelled: T.cancelled,
    busy: 'Đồng chí đang điền dở một báo cáo. Hãy trả lời câu hỏi dưới đây, hoặc gõ /huy để hủy.',
    nothingToCancel: 'Không có báo cáo nào đang điền.',
    stale: 'Nút này thuộc một biểu mẫu cũ hoặc đã kết thúc.',
    alreadySaved: 'Báo cáo này đã được lưu rồi.',
    /** The short notice on the "Xác nhận" button itself. */
    savedNotice: '✅ Đã lưu',
    lostRight: 'Đồng chí không còn quyền báo cáo cho đơn vị này. Báo cáo chưa được lưu.',
    staleReport: 'Báo cáo này không còn sửa được (đã bị xóa hoặc đã quá 7 ngày). Không có gì thay đổi.',
  },
  /** A make-up session also answers with its pairs' running totals (`pairs`: conference-reports.ts pairAttendance). */
  saved: (r: SavedConferenceReport, corrected: boolean, pairs: PairAttendance[] = []) =>
    `✅ Đã ${corrected ? 'cập nhật' : 'lưu'} báo cáo số ${r.id} của ${r.unitName}.\n` +
    (r.makeUp && pairs.length > 0
      ? `Buổi học bù: ${formatNumber(r.present)} đảng viên có mặt.\n${withMakeUp(pairs)}`
      : `Tỷ lệ đảng viên tham dự: ${attendance(r)}`),
  groupNotice: (r: SavedConferenceReport) =>
    `📋 ${r.unitName} đã báo cáo hội nghị ngày ${formatDate(r.heldOn)} (số ${r.id}, ${codes(r, 300)}): ` +
    `${attendance(r)} đảng viên tham dự.`,
  group: {
    openPrivate: 'Báo cáo được điền trong trò chuyện riêng với bot. Bấm nút dưới đây để mở.',
    openPrivateButton: '📝 Mở trò chuyện riêng để báo cáo',
    onlyInGroup:
      'Lệnh /lienket dùng trong nhóm Telegram của đơn vị: thêm bot vào nhóm rồi gửi /lienket ở đó.',
    notMember:
      'Chỉ thành viên đã đăng ký của một đơn vị mới liên kết được nhóm. Hãy xin mã mời trong trò chuyện riêng với bot.',
    pickUnit: 'Liên kết nhóm này với đơn vị nào?',
    remindersOnlyInGroup: 'Lệnh /nhacnhom dùng trong nhóm đã liên kết với đơn vị.',
    notLinked: 'Nhóm này chưa liên kết với đơn vị nào: gửi /lienket trước.',
    remindersUsage:
      'Gửi /nhacnhom bat để nhóm nhận bản nhắc việc hằng ngày của đơn vị, /nhacnhom tat để thôi.',
    remindersOn: '🔔 Từ nay nhóm nhận bản nhắc việc hằng ngày của đơn vị (giờ hành chính, ngày làm việc).',
    remindersOff: '🔕 Nhóm thôi nhận bản nhắc việc. Bí thư vẫn nhận trong trò chuyện riêng.',
    linked: (unit: string) =>
      `🔗 Nhóm này đã được liên kết với ${unit}: mỗi khi đơn vị lưu báo cáo, nhóm sẽ nhận một dòng thông báo.`,
  },
  list: {
    empty: 'Chưa có báo cáo nào của đơn vị.',
    header: (units: string) => `Báo cáo gần đây của ${clip(units, 300)}:`,
    /** At most ~330 characters: ten of them, the header and the footer fit one message. */
    line: (r: SavedConferenceReport) =>
      `• Số ${r.id} · ${formatDate(r.heldOn)} · ${clip(r.unitName, 100)} · ${codes(r, 150)} · ${attendance(r)}`,
    footer: 'Đồng chí sửa hoặc xóa được báo cáo của chính mình trong 7 ngày kể từ khi gửi.',
    edit: (id: number) => `✏️ Sửa số ${id}`,
    delete: (id: number) => `🗑 Xóa số ${id}`,
    confirmDelete: (r: SavedConferenceReport) =>
      `Xóa báo cáo số ${r.id} (${r.unitName}, ngày ${formatDate(r.heldOn)})? Việc xóa được ghi vào nhật ký.`,
    yesDelete: '🗑 Xóa',
    noKeep: 'Không xóa',
    deleted: (id: number) => `Đã xóa báo cáo số ${id}.`,
    kept: 'Đã giữ nguyên báo cáo.',
  },
  progress: {
    usage: 'Cách dùng: /tiendo (năm nay), /tiendo 2022, /tiendo 2017-2022, /tiendo <mã đơn vị> [năm].',
    notInScope: notInScope('Gõ /tiendo để xem đơn vị của mình.'),
    notAllowed: 'Đồng chí không được xem tiến độ của đơn vị này.',
    everything: 'Toàn bộ các đảng bộ',
    ownLevel: (name: string) => `${name} (riêng cấp này)`,
    dashboard: '📊 Mở bảng theo dõi',
    noProgramme: 'chưa có đề án',
    thisYear: '📅 Năm nay',
    lastYear: '📅 Năm trước',
    wholeProgramme: '📆 Cả kỳ đề án',
    byUnit: '🏢 Theo đơn vị',
    overall: '📊 Tổng hợp',
    chart: '📈 Biểu đồ',
  },
  exportXlsx: {
    usage: 'Cách dùng: /xuat (năm nay), /xuat 2022, /xuat 2017-2022, /xuat <mã đơn vị> [năm].',
    notInScope: notInScope('Gõ /xuat để xuất số liệu của đơn vị mình.'),
    caption: (unit: string, period: string) =>
      `📎 ${unit} · ${period}: chỉ tiêu theo đơn vị, số đếm và các báo cáo đã gửi (Excel).`,
  },
  summary: {
    usage: 'Cách dùng: /tongket (năm nay), /tongket 2022, /tongket 2017-2022, /tongket <mã đơn vị> [năm].',
    notInScope: notInScope('Gõ /tongket để lập báo cáo của đơn vị mình.'),
    caption: '📎 Báo cáo tổng kết theo thể thức văn bản của Đảng (Word): đồng chí mở ra, sửa và ký ban hành.',
  },
  due: {
    nothing: (days: number) => `✅ Không có việc nào quá hạn hay đến hạn trong ${days} ngày tới.`,
    header: (units: string, days: number, items: number, unitCount: number) =>
      `📋 Việc quá hạn và đến hạn trong ${days} ngày tới — ${units}: ${formatNumber(items)} việc của ${formatNumber(unitCount)} đơn vị\n(⏰ quá hạn, ⏳ sắp đến hạn; đơn vị chậm nhất trước)`,
  },
  admin: {
    notAllowed:
      'Đồng chí không quản trị đơn vị này (cần vai trò quản trị hoặc lãnh đạo của đơn vị hay cấp trên).',
    unit: (u: AdminUnitView) =>
      [
        `🏛 ${u.unit.name} (${u.unit.code}) — ${u.kind}`,
        `Cấp trên: ${u.parent ?? 'không có'} · Hiệu lực: từ ${formatDate(u.unit.validFrom)}${
          u.unit.validTo ? ` đến ${formatDate(u.unit.validTo)}` : ''
        }`,
        u.figures
          ? `Số liệu ngày ${formatDate(u.figures.asOf)}: ${formatNumber(u.figures.partyMembers)} đảng viên ` +
            `(${formatNumber(u.figures.exemptMembers)} miễn sinh hoạt), ${u.figures.reporters} báo cáo viên, ` +
            `${u.figures.personalPlanRequired} phải có KH cá nhân, loa: ${u.figures.hasLoudspeaker ? 'có' : 'không'}, ` +
            `${u.figures.bridgePoints} điểm cầu`
          : 'Chưa có số liệu đơn vị (nhập bằng CLI hoặc bí thư báo cáo "Số liệu đơn vị").',
        `Thành viên: ${u.members} · Nhóm liên kết: ${u.groups} · Đơn vị trực thuộc: ${u.children}`,
      ].join('\n'),
    invite: '✉️ Mời',
    members: '👥 Thành viên',
    figures: '📊 Số liệu',
    add: '➕ Thêm trực thuộc',
    rename: '✏️ Đổi tên',
    close: '⛔ Đóng',
    groups: '🔗 Nhóm',
    audit: '📜 Nhật ký',
    /** Above the unit's children, a line each (a page at a time). */
    children: '↘️ Đơn vị trực thuộc (bấm nút để xem):',
    child: (u: Pick<Unit, 'name' | 'code'>) => `• ${u.name} (${u.code})`,
    /** `total`: the unit's links nobody has used yet, listed below a line each (the soonest to expire first). */
    pickRole: (unit: string, total: number) =>
      `Mời vào ${unit} với vai trò nào?` +
      (total === 0 ? '' : `\n\nCòn ${total} link mời chưa ai dùng (bấm 🚫 bên dưới để hủy link gửi nhầm):`),
    openInvite: (role: string, expires: Date, tz: string) =>
      `• ${role}, hết hạn ngày ${formatDate(isoDateIn(expires, tz))}`,
    cancelOpenInvite: (role: string, expires: Date, tz: string) =>
      `🚫 Hủy link ${role} (hết hạn ${formatDate(isoDateIn(expires, tz))})`,
    invited: (unit: string, role: string, link: string, code: string, expires: Date, tz: string) =>
      `✉️ Link mời ${role} của ${unit} (dùng một lần, hết hạn ngày ${formatDate(isoDateIn(expires, tz))}):\n${link}\n` +
      `Hoặc gửi cho bot: /start ${code}`,
    memberList: (unit: string, n: number) =>
      n === 0 ? `${unit} chưa có thành viên nào.` : `Thành viên của ${unit} (bấm để thu hồi):`,
    member: (p: { name: string; username: string | null; role: Role }) =>
      `• ${p.name}${p.username ? ` (@${p.username})` : ''}: ${ROLE_NAMES[p.role]}`,
    revokeButton: (name: string, role: string) => `🚫 ${name} — ${role}`,
    confirmRevoke: (unit: string) =>
      `Thu hồi vai trò này ở ${unit}? Người đó sẽ không còn dùng được các lệnh của vai trò.`,
    revokeYes: '🚫 Thu hồi',
    cancelInvite: '🚫 Hủy link này',
    inviteCancelled: 'Đã hủy link mời: link và mã không dùng được nữa (ghi vào nhật ký).',
    inviteNotCancelled: {
      not_found: 'Không tìm thấy link mời này.',
      used: 'Link này đã được dùng: người đó đã là thành viên (thu hồi ở 👥 Thành viên).',
      expired: 'Link này đã hết hạn hoặc đã được hủy: không dùng được nữa.',
    },
    revoked: 'Đã thu hồi vai trò (ghi vào nhật ký).',
    groupList: (unit: string, n: number) =>
      n === 0 ? `${unit} chưa liên kết nhóm nào.` : `Các nhóm liên kết với ${unit} (bấm để hủy liên kết):`,
    group: (title: string) => `• ${title}`,
    unlinkButton: (title: string) => `✂️ ${title}`,
    unlinked: 'Đã hủy liên kết nhóm (ghi vào nhật ký).',
    nothingToDo: 'Việc này đã được làm rồi.',
    created: (name: string, code: string, parent: string) =>
      `✅ Đã thêm ${name} (${code}) trực thuộc ${parent}.`,
    renamed: (from: string, to: string) => `✅ Đã đổi tên ${from} thành ${to}.`,
    closed: (name: string, day: string) => `✅ ${name} hết hiệu lực sau ngày ${day}.`,
    auditTrail: (unit: string, n: number) =>
      n === 0 ? `Nhật ký của ${unit}: chưa có thay đổi nào.` : `📜 Nhật ký của ${unit} (mới nhất trước):`,
    auditLine: (e: Pick<AuditEntry, 'at' | 'actorLabel' | 'action' | 'entity' | 'entityId'>, tz: string) =>
      `• ${formatDate(isoDateIn(e.at, tz))} · ${e.actorLabel === 'cli' ? 'CLI' : e.actorLabel} · ` +
      `${AUDIT_ACTIONS[e.action]} ${AUDIT_ENTITIES[e.entity] ?? e.entity} #${e.entityId}`,
  },
  adminOnly: 'Lệnh này chỉ dành cho quản trị (văn phòng cấp ủy).',
  unknownText:
    'Tôi chưa hiểu. Gõ /baocao để báo cáo (hội nghị, kế hoạch, số liệu...), hoặc /trogiup để xem các lệnh.',
  /** Sent instead of a message too long for Telegram (src/telegram/limits.ts); the error is in the log. */
  tooLongForTelegram:
    '⚠️ Nội dung này dài quá giới hạn của Telegram nên chưa gửi được. Đồng chí dùng /xuat để nhận tệp Excel, hoặc báo quản trị.',
  error: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu. Đồng chí thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị.',
} as const;

export interface AdminUnitView {
  unit: Unit;
  kind: string;
  parent: string | null;
  figures: UnitFigures | null;
  members: number;
  groups: number;
  children: number;
}

const AUDIT_ACTIONS = { create: 'tạo', update: 'sửa', delete: 'xóa' } as const;
const AUDIT_ENTITIES: Record<string, string> = {
  unit: 'đơn vị',
  member: 'thành viên',
  invite: 'lời mời',
  group_link: 'liên kết nhóm',
  conference_report: 'báo cáo hội nghị',
  unit_figures: 'số liệu',
  action_plan: 'chương trình, kế hoạch hành động',
  personal_plans: 'kế hoạch hành động cá nhân',
  inspection_programme: 'chương trình kiểm tra, giám sát',
  reporter_training: 'tập huấn báo cáo viên',
  awareness_survey: 'khảo sát mức độ nắm bắt',
  commendation: 'khen thưởng',
  due_waiver: 'miễn hạn',
  deadline_rules: 'hạn mặc định',
  document_deadline: 'hạn của văn bản',
  document: 'văn bản',
  holidays: 'ngày nghỉ lễ',
  programme: 'đề án',
  programme_target: 'mục tiêu đề án',
  report_import: 'nhập báo cáo',
  setting: 'cài đặt',
};

/** A report's documents, `35-NQ/TW, 57-NQ/TW`, cut at `max` characters: a report may name dozens. */
const codes = (r: { documentCodes: string[] }, max: number) => clip(r.documentCodes.join(', '), max);

/** `95,2% (120/126)`. */
export function attendance(r: { present: number; eligible: number }): string {
  const pct = r.eligible > 0 ? formatPercent(r.present / r.eligible, 1) : 'chưa có dữ liệu';
  return `${pct} (${formatNumber(r.present)}/${formatNumber(r.eligible)})`;
}

/** Documents listed one a line after a make-up session; the rest counted, so the message fits. */
const MAKE_UP_LINES = 10;

/** The running total after a make-up session: one line, or one per document when they differ. */
function withMakeUp(pairs: PairAttendance[]): string {
  const head = 'Tỷ lệ đảng viên tham dự (cả học bù):';
  const [first] = pairs;
  if (first && pairs.every((p) => attendance(p) === attendance(first))) return `${head} ${attendance(first)}`;
  const lines = pairs.slice(0, MAKE_UP_LINES).map((p) => `• ${clip(p.documentCode, 50)}: ${attendance(p)}`);
  const more = pairs.length - lines.length;
  return [head, ...lines, ...(more > 0 ? [`… và ${formatNumber(more)} văn bản khác`] : [])].join('\n');
}
