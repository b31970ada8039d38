/* Every line the administrator's CLI prints. */
import type { BackupProblem, Owners } from '../db/backup.js';
import type { Recipient } from '../db/repositories/recipients.js';
import type { UpsertCounts } from '../db/repositories/upsert.js';
import { formatNumber } from '../domain/vn.js';
// Texts only: `cli help` loads this module and nothing heavy (src/help-texts.ts).
import { BOT_TOKEN_HOWTO, DEADLINE_USAGE, PROGRAMME_USAGE } from '../help-texts.js';
import { userName } from '../ops/files.js';

export const USAGE = `Cách dùng: npm run cli -- <lệnh>

Các lệnh:
  import units TỆP.csv       Nhập cây đơn vị (cột: ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den[,ma_sap_nhap_vao])
  import figures TỆP.csv     Nhập số liệu đơn vị (cột: ma,ngay,dang_vien,mien_sinh_hoat,bao_cao_vien,
                             can_ke_hoach_ca_nhan,co_loa,diem_cau)
  import documents TỆP.csv   Nhập văn bản (cột: so_hieu,ngay,co_quan,trich_yeu), ví dụ 35-NQ/TW,22/10/2018,...
  import KIND TỆP.xlsx       Nhập từ Excel: trang tính đầu tiên, dòng 1 là tiêu đề, cùng các cột như tệp CSV
  import LOẠI_BÁO_CÁO TỆP    Nhập báo cáo cũ (.csv hoặc .xlsx), kiểm tra như khi báo cáo trong Telegram; loại:
                             hoi_nghi, ke_hoach_hanh_dong, ke_hoach_ca_nhan, kiem_tra_giam_sat, tap_huan_bcv,
                             khao_sat, khen_thuong, co_so_vat_chat; nhập lại cùng tệp thì cập nhật, không trùng
  import reports TỆP.xlsx    Nhập báo cáo cũ từ một tệp Excel, mỗi loại một trang tính (tên trang là tên loại)
  template KIND TỆP.xlsx     Ghi tệp Excel mẫu (tiêu đề, một dòng ví dụ, trang "Hướng dẫn") cho units, figures,
                             documents, holidays, một loại báo cáo, hoặc reports (mọi loại báo cáo)
  holidays import TỆP.csv    Nhập ngày nghỉ lễ của một năm (cột: ngay,ten); thay danh sách cũ của năm đó.
                             Bot có sẵn danh sách trong thư mục holidays/ (Tết, Giỗ Tổ theo lịch âm: cần đối chiếu)
  invite MÃ_ĐƠN_VỊ VAI_TRÒ   Tạo link mời dùng một lần (vai trò: bi_thu, lanh_dao, quan_tri), hạn 14 ngày
  invite huy MÃ_MỜI          Hủy một link mời chưa ai dùng (gửi nhầm người, lộ ra ngoài): link hết hiệu lực ngay
  programme list             Các đề án và mục tiêu (mặc định: Đề án 07-ĐA/TU, 2017–2022)
  programme add MÃ 2023-2027 TÊN      Thêm hoặc sửa một đề án
  programme target MÃ CHỈ_TIÊU PHẦN_TRĂM   Đặt mục tiêu, ví dụ: programme target 07-ĐA/TU 2 90
  deadline xem               Các hạn mặc định (kế hoạch hành động, kiểm tra giám sát, KH cá nhân, tập huấn BCV)
  deadline dat songay 45     Kế hoạch hành động: số ngày sau hội nghị đầu tiên; dat kiemtra|canhan|taphuan 31/01
  deadline vanban 01-CT/TW 31/03/2026   Hạn riêng của một văn bản (xoa để bỏ)
  remind [--at THỜI_ĐIỂM] [--dry-run]   Chạy đợt nhắc việc như lúc đó (ISO-8601), gửi qua Bot API;
                             --dry-run chỉ in ai sẽ nhận gì, không gửi
  backup TỆP                 Sao lưu cơ sở dữ liệu vào TỆP ngay cả khi bot đang chạy; bản sao được kiểm tra toàn vẹn
  restore TỆP                Khôi phục từ bản sao lưu TỆP. Phải dừng bot trước; bản hiện tại được giữ lại
                             (tệp <cơ sở dữ liệu>.truoc-khoi-phuc-<thời điểm>)
  export [--period 2017-2022] [--out TỆP.xlsx] [--unit MÃ]
                             Xuất Excel như /xuat: chỉ tiêu theo đơn vị, số đếm, mọi báo cáo trong kỳ
                             (mặc định: năm nay, mọi đơn vị cao nhất, tệp bao-cao-<năm>.xlsx)
  summary --unit MÃ [--period 2017-2022] [--out TỆP.docx] [--place TÊN]
          [--signer-position "Phó Bí thư"] [--signer-name "Họ tên"]
                             Báo cáo tổng kết (như /tongket): in nội dung, ghi tệp Word theo thể thức của Đảng;
                             --place: địa danh ở dòng ngày tháng (mặc định: địa danh của đơn vị; tổ chức cơ sở
                             đảng, chi bộ: xã, huyện, tỉnh gần nhất ở trên); --signer-position: Bí thư (mặc định)
                             hoặc Phó Bí thư; --signer-name: họ tên người ký (mặc định để trống, ký và ghi tay)
  doctor                     Kiểm tra cấu hình, cơ sở dữ liệu (toàn vẹn, bảng, WAL), bot có đang chạy không, bản
                             sao lưu gần nhất và Bot API (mã bot, webhook): mỗi mục ✅/⚠️/❌ kèm cách sửa; mã thoát 1
                             khi có mục ❌
  doctor --liveness          Hỏi bot đang chạy (GET /healthz ở WEB_PORT, hoặc cổng webhook): một dòng; mã thoát 0
                             khi bot hoạt động, 1 khi không chạy hoặc Telegram không trả lời quá 5 phút (cho cron)
  demo                       Nạp dữ liệu mẫu (Chợ Mới, Bắc Kạn → Thái Nguyên) và tạo hai link mời để dùng thử
  help                       Xem hướng dẫn này

Tệp CSV: mã UTF-8 (có hoặc không có BOM), dấu phân cách "," hoặc ";", ngày dạng dd/mm/yyyy.
Mẫu tệp: thư mục data-samples/. Nhập lại cùng một tệp sẽ cập nhật, không tạo bản trùng.`;

/**
 * Each command's one-line usage, printed after a wrong argument (`wrongArgs`); USAGE above says more of each.
 * `doctor` is read by cli.ts before any other command.
 */
export const COMMAND_USAGE = {
  import:
    'import units|figures|documents|holidays|LOẠI_BÁO_CÁO TỆP.csv|TỆP.xlsx  hoặc  import reports TỆP.xlsx',
  template: 'template units|figures|documents|holidays|LOẠI_BÁO_CÁO|reports TỆP.xlsx',
  holidays: 'holidays import TỆP.csv',
  invite: 'invite MÃ_ĐƠN_VỊ bi_thu|lanh_dao|quan_tri  hoặc  invite huy MÃ_MỜI',
  programme: `programme ${PROGRAMME_USAGE}`,
  deadline: `deadline ${DEADLINE_USAGE}`,
  remind: 'remind [--at 2026-01-26T08:00:00+07:00] [--dry-run]',
  backup: 'backup TỆP',
  restore: 'restore TỆP',
  export: 'export [--period 2022|2017-2022] [--out TỆP.xlsx] [--unit MÃ_ĐƠN_VỊ]',
  summary:
    'summary --unit MÃ_ĐƠN_VỊ [--period 2017-2022] [--out TỆP.docx] [--place TÊN] [--signer-position "Phó Bí thư"] [--signer-name "Họ tên"]',
  doctor: 'doctor [--liveness]',
  demo: 'demo',
  help: 'help',
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const isCommandName = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMAND_USAGE, name);

export const ROLE_LABELS = { bi_thu: 'bí thư', lanh_dao: 'lãnh đạo', quan_tri: 'quản trị' } as const;

/** "Lan (bí thư, Đảng ủy xã Thanh Mai)", "nhóm “Chi ủy” của Đảng ủy xã Thanh Mai"; a chat the bot does not know: its id. */
export function recipientName(chatId: number, r: Recipient | undefined): string {
  if (!r) return String(chatId);
  if (r.kind === 'group') return r.title ? `nhóm “${r.title}” của ${r.unitName}` : `nhóm của ${r.unitName}`;
  const who = r.username ? `${r.name} @${r.username}` : r.name;
  const roles = r.roles.map((x) => `${ROLE_LABELS[x.role]}, ${x.unitName}`).join('; ');
  return roles ? `${who} (${roles})` : who;
}

export const msg = {
  unknownCommand: (c: string) => `Không có lệnh "${c}".`,
  importWhat: 'Cần ghi rõ nhập gì và tệp nào, ví dụ: import units data-samples/units.csv',
  unknownImport: (k: string) =>
    `Không nhập được loại "${k}": chỉ có units, figures, documents, holidays, reports và các loại báo cáo ` +
    'hoi_nghi, ke_hoach_hanh_dong, ke_hoach_ca_nhan, kiem_tra_giam_sat, tap_huan_bcv, khao_sat, khen_thuong, co_so_vat_chat.',
  inviteArgs: 'Cần mã đơn vị và vai trò, ví dụ: invite XA_TANKY_2025 bi_thu',
  tooManyArgs: 'Thừa tham số.',
  wrongArgs: (name: CommandName) => `Sai tham số. Cách dùng: npm run cli -- ${COMMAND_USAGE[name]}`,
  seeHelp: 'Xem mọi lệnh: npm run cli -- help',
  notUnderstood: (arg: string) => `Không hiểu "${arg}".`,
  backupWhat:
    'Cần tên tệp sao lưu, ví dụ: backup data/sao-luu.sqlite hoặc restore data/backups/bot-2026-11-28.sqlite',
  templateWhat: 'Cần loại và tên tệp, ví dụ: template units don-vi.xlsx',
  templateNotXlsx: (f: string) => `Tệp ${f} phải có đuôi .xlsx.`,
  reportsNotXlsx: (f: string) =>
    `"import reports" cần một tệp Excel (.xlsx) có mỗi loại báo cáo một trang tính; ${f} không phải. ` +
    'Tệp CSV thì nhập từng loại: import hoi_nghi TỆP.csv.',
  templateWritten: (f: string, kind: string) =>
    `Đã ghi tệp mẫu ${f}: điền từ dòng 2 (xóa dòng ví dụ), xem trang "Hướng dẫn", rồi chạy: import ${kind} ${f}`,
  notXlsx: (f: string) =>
    `Không đọc được ${f} như một tệp Excel .xlsx. Trong Excel chọn "Lưu thành" → "Sổ làm việc Excel (.xlsx)" ` +
    '(tệp .xls cũ không dùng được), hoặc lưu thành CSV UTF-8.',
  fileUnwritable: (f: string, why: string) => `Không ghi được tệp ${f}: ${why}`,
  exportUnitFlag: 'Chọn đơn vị bằng --unit MÃ_ĐƠN_VỊ, không ghi mã đơn vị trong --period.',
  exported: (f: string) => `Đã xuất tệp Excel ${f}.`,
  fileMissing: (f: string) => `Không tìm thấy tệp ${f}.`,
  fileUnreadable: (f: string, why: string) => `Không đọc được tệp ${f}: ${why}`,
  notUtf8: (f: string) =>
    `Tệp ${f} không phải mã UTF-8. Trong Excel chọn "Lưu thành" → "CSV UTF-8 (phân cách bằng dấu phẩy)" rồi nhập lại.`,
  importFailed: (f: string, n: number, max: number) =>
    `Không nhập được tệp ${f}: có ${n >= max ? `từ ${max} lỗi trở lên` : `${n} lỗi`}. Chưa có gì thay đổi trong cơ sở dữ liệu; sửa tệp rồi nhập lại.`,
  moreErrors: (max: number) => `  (Chỉ liệt kê ${max} lỗi đầu tiên; sửa xong nhập lại để xem tiếp.)`,
  imported: (f: string, noun: string, rows: number, c: UpsertCounts) =>
    `Đã nhập ${f}: ${formatNumber(rows)} ${noun}; thêm mới ${formatNumber(c.created)}, ` +
    `cập nhật ${formatNumber(c.updated)}, không đổi ${formatNumber(c.unchanged)}.`,
  unitNotSaved: (code: string) => `không có đơn vị mã ${code}; hãy nhập đơn vị (import units) trước.`,
  unknownUnit: (code: string) =>
    `Không có đơn vị mã ${code}. Xem lại mã trong tệp đơn vị đã nhập (cột "ma"), ví dụ XA_TANKY_2025.`,
  unknownRole: (r: string) =>
    `Vai trò "${r}" không hợp lệ; chỉ nhận: bi_thu (bí thư), lanh_dao (lãnh đạo), quan_tri (quản trị).`,
  unitClosed: (name: string, until: string) =>
    `${name} đã hết hiệu lực từ sau ngày ${until}; không mời người mới vào đơn vị này được.`,
  inviteCreated: (roleLabel: string, unitName: string, code: string, expires: string, reused = false) =>
    `${reused ? 'Lời mời đã tạo trước đây, chưa ai dùng' : 'Đã tạo lời mời'}: ${roleLabel} của ${unitName}.\n  Mã mời: ${code} (dùng một lần, hết hạn ngày ${expires})`,
  inviteLink: (link: string) => `  Link: ${link}`,
  inviteRevoked: (code: string, roleLabel: string, unitName: string) =>
    `Đã hủy mã mời ${code} (${roleLabel} của ${unitName}): link và mã không dùng được nữa (ghi vào nhật ký).`,
  inviteNotFound: (code: string) => `Không có mã mời ${code}. Xem lại mã (10 ký tự, ví dụ K7QM2XWP9A).`,
  inviteAlreadyUsed: (code: string, day: string) =>
    `Mã mời ${code} đã được dùng ngày ${day}: người đó đã là thành viên. Muốn thu hồi, dùng /donvi → 👥 Thành viên.`,
  inviteAlreadyExpired: (code: string, day: string) =>
    `Mã mời ${code} đã hết hạn ngày ${day}: không dùng được nữa, không cần hủy.`,
  noBotUsername: (code: string) =>
    '  Chưa có link vì chưa biết tên bot: link sẽ có sau khi bot chạy lần đầu (npm start).\n' +
    `  Trong lúc chờ, người được mời mở bot và gửi: /start ${code}`,
  noTokenForLink: (code: string) =>
    '  Chưa có link: link cần tên của bot, mà chưa có mã bot (BOT_TOKEN chưa đặt). Để có link, ' +
    `${BOT_TOKEN_HOWTO}, rồi chạy lại lệnh này.\n` +
    `  Mã mời vẫn dùng được: người được mời mở bot và gửi /start ${code}, hoặc nhập mã ở trang web thử (npm run sandbox).`,
  remindNeedsToken: `Cần mã bot để gửi nhắc việc qua Telegram: ${BOT_TOKEN_HOWTO}. Muốn chỉ xem trước, không gửi: thêm --dry-run.`,
  getMeFailed: (why: string) => `  (Không hỏi được Telegram tên bot: ${why})`,
  summaryArgs:
    'Cần mã đơn vị, ví dụ: summary --unit XA_THANHMAI --period 2017-2022 --out tong-ket.docx [--place "Thanh Mai"]',
  summaryWritten: (file: string) => `Đã ghi báo cáo tổng kết (Word) vào ${file}.`,
  summaryUnwritable: (file: string, why: string) => `Không ghi được tệp ${file}: ${why}`,
  remindTo: (who: string, items: number, text: string) =>
    `— Gửi tới ${who} (${formatNumber(items)} việc):\n${text}\n`,
  dbError: (why: string) => `Lỗi cơ sở dữ liệu, chưa có gì thay đổi: ${why}`,
  demoHeader:
    'Nạp dữ liệu mẫu: Đảng bộ huyện Chợ Mới (Bắc Kạn) đến 30/06/2025, năm đảng ủy xã mới của Thái Nguyên từ 01/07/2025.',
  demoNext: [
    'Dùng thử thế nào:',
    '  1. Chạy bot (npm start) nếu chưa chạy.',
    '  2. Mở link bí thư ở trên trong Telegram và bấm "Bắt đầu" (Start): đồng chí trở thành bí thư của đảng ủy xã đó.',
    '  3. Gửi /baocao để báo cáo một hội nghị học tập, quán triệt nghị quyết.',
    '  4. Mở link lãnh đạo bằng một tài khoản Telegram khác và gửi /tiendo để xem tiến độ toàn tỉnh.',
  ],
};

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 1)} KB` : `${formatNumber(bytes / 1024 / 1024, 1)} MB`;

export const backupMsg = {
  heldBy: (holder: string) => `Đang giữ cơ sở dữ liệu: ${holder}.`,
  /** What openDatabase did to a database that had data (a new database is set up quietly). */
  upgradeBackup: (file: string, pending: number) =>
    `Cơ sở dữ liệu cần ${formatNumber(pending)} bản cập nhật (migration) của phiên bản này; đã sao lưu trước vào ${file}.`,
  upgradeApplied: (tag: string) => `Đã áp dụng bản cập nhật ${tag}.`,
  backedUp: (file: string, bytes: number, reports: number, ms: number) =>
    `Đã sao lưu vào ${file}: ${size(bytes)}, ${formatNumber(reports)} báo cáo hội nghị, ` +
    `mất ${formatNumber(ms)} ms. Bản sao đã qua kiểm tra toàn vẹn (PRAGMA integrity_check: ok).`,
  restored: (live: string, file: string, reports: number, safetyCopy: string | null) =>
    [
      `Đã khôi phục ${live} từ ${file}: ${formatNumber(reports)} báo cáo hội nghị; kiểm tra toàn vẹn: ok.`,
      safetyCopy
        ? `Cơ sở dữ liệu trước khi khôi phục được giữ tại ${safetyCopy} (xóa khi không cần nữa).`
        : 'Trước đó chưa có cơ sở dữ liệu nào.',
      'Giờ có thể khởi động lại bot (npm start).',
    ].join('\n'),
  noFile: 'Cơ sở dữ liệu trong bộ nhớ (:memory:) không khôi phục được; đặt DATABASE_PATH là một tệp.',
  problem: (p: BackupProblem, file: string, live: string, owners?: Owners): string => {
    switch (p) {
      case 'wrong-owner': {
        const fileUid = owners?.fileUid ?? -1;
        const name = userName(fileUid);
        const who = name ? `${name} (uid ${fileUid})` : `uid ${fileUid}`;
        return (
          `Tệp cơ sở dữ liệu ${live} thuộc người dùng ${who}, không phải người đang chạy lệnh ` +
          `(uid ${owners?.runnerUid ?? -1}): khôi phục lúc này sẽ để lại tệp mà dịch vụ không ghi được. ` +
          `Hãy chạy lệnh khôi phục bằng đúng người dùng của dịch vụ: sudo -u ${name ?? `'#${fileUid}'`} npm run cli -- restore ${file}. ` +
          'Chưa có gì thay đổi.'
        );
      }
      case 'missing':
        return `Không tìm thấy tệp ${file}.`;
      case 'not-sqlite':
        return `Tệp ${file} không phải cơ sở dữ liệu SQLite; không khôi phục. Chưa có gì thay đổi.`;
      case 'corrupt':
        return `Tệp ${file} bị hỏng (PRAGMA integrity_check báo lỗi); không dùng được. Chưa có gì thay đổi; hãy chọn một bản sao lưu khác.`;
      case 'foreign':
        return `Tệp ${file} là cơ sở dữ liệu SQLite nhưng không phải của bot này (thiếu bảng __drizzle_migrations, units hoặc conference_reports); không khôi phục. Chưa có gì thay đổi.`;
      case 'live-database':
        return `${file} chính là cơ sở dữ liệu đang dùng (DATABASE_PATH=${live}); hãy chọn một tệp khác.`;
      case 'target-not-sqlite':
        return `Tệp ${file} đã có và không phải bản sao lưu SQLite; không ghi đè. Hãy chọn tên tệp khác.`;
      case 'in-use':
        return (
          `Bot đang chạy: một tiến trình khác đang mở cơ sở dữ liệu ${live}. Phải dừng bot trước khi khôi phục ` +
          '(Ctrl+C trong cửa sổ chạy bot, hoặc lệnh dừng dịch vụ), rồi chạy lại lệnh restore. Chưa có gì thay đổi.'
        );
      case 'newer-version':
        return (
          `Tệp ${file} do phiên bản mới hơn của bot ghi (có bản cập nhật (migration) mà bản này không có); ` +
          'bản này không khôi phục được. Hãy khôi phục bằng phiên bản mới hơn đó, hoặc chọn bản sao lưu trước khi ' +
          'nâng cấp (truoc-nang-cap-….sqlite trong thư mục sao lưu BACKUP_DIR). Chưa có gì thay đổi.'
        );
    }
  },
};
