/* Every line `npm run cli -- doctor` prints: what is wrong, then (→) what to do. */

const ENV_FIX = 'sửa trong tệp .env (hoặc biến môi trường của dịch vụ); xem chú thích trong .env.example.';

/** What the bot does while Telegram cannot be reached: said alike by the doctor and by `npm start`. */
const KEEPS_TRYING =
  'Bot vẫn khởi động và chạy trong lúc đó: cơ sở dữ liệu, trang web (WEB_PORT), nhắc việc và sao lưu hoạt động; bot tự thử kết nối lại Telegram, chờ 1 giây rồi gấp đôi sau mỗi lần không được (tối đa 60 giây), và nhận tin nhắn ngay khi kết nối được; nhắc việc chưa gửi được qua Telegram được gửi lúc đó, mỗi tin một lần.';
const TOKEN_FIX =
  'Mã bot sai hoặc đã bị thu hồi: lấy mã hiện hành ở @BotFather (/mybots → API Token) và sửa BOT_TOKEN.';

const COMMANDS: Record<string, string> = { bot: 'npm start', restore: 'lệnh khôi phục' };

/** Who holds the database's lock, for a person: "tiến trình 1234 trên máy vm, npm start, từ 19:20 02/12/2026". */
export function lockHolder(
  owner: { pid: number; host: string; command: string } | null,
  since: string,
): string {
  if (!owner) return 'tiến trình đang giữ khóa chưa ghi tên';
  return `tiến trình ${owner.pid} trên máy ${owner.host}, ${COMMANDS[owner.command] ?? owner.command}, từ ${since}`;
}

/** What `npm start` prints when it stops before running (the log has the details). */
export const startupMsg = {
  tokenRejected: (status: string) =>
    `Không khởi động được bot: Telegram từ chối mã bot (${status}).\n→ ${TOKEN_FIX} Bot không thử lại với mã này.`,
  failed: (why: string) => `Không khởi động được bot: ${why}`,
  configBad: (why: string) => `${why}\nXem .env.example để biết các biến cấu hình.`,
  lockHeld: (file: string, holder: string) =>
    `Không khởi động được bot: một bản khác của bot đang chạy với cùng cơ sở dữ liệu ${file} (${holder}). Bản đang chạy vẫn tiếp tục phục vụ; không cần khởi động thêm. Muốn khởi động lại thì dừng bản đó trước (sudo systemctl restart bot-hoc-tap, hoặc Ctrl+C ở cửa sổ đang chạy npm start).`,
  stopped: (why: string) => `Bot dừng vì lỗi: ${why}`,
};

export const doctorMsg = {
  header: 'Kiểm tra cấu hình, cơ sở dữ liệu và kết nối Bot API:',

  // ---- configuration ----
  configOk: (mode: string) => `Cấu hình: hợp lệ; nhận cập nhật bằng ${mode}.`,
  /** BOT_TOKEN missing or wrong (its own line above), every other variable right. */
  configOkButToken: (mode: string) => `Cấu hình: các biến khác hợp lệ; nhận cập nhật bằng ${mode}.`,
  modePolling: 'long polling',
  modeWebhook: (url: string) => `webhook tại ${url}`,
  configBad: (variable: string, message: string) => `Cấu hình: biến ${variable}: ${message}.`,
  configFix: (variable: string) =>
    variable === 'BOT_TOKEN'
      ? 'Lấy mã bot ở @BotFather: bot mới thì gửi /newbot, bot đã có thì /mybots → chọn bot → API Token; rồi điền vào BOT_TOKEN trong tệp .env.'
      : `Đặt lại ${variable}: ${ENV_FIX}`,
  webhookPort: (port: string) =>
    `Cấu hình: WEBHOOK_URL dùng cổng ${port}, nhưng máy chủ Telegram chỉ gọi webhook ở cổng 443, 80, 88 hoặc 8443.`,
  webhookPortFix: 'Đổi cổng trong WEBHOOK_URL (cổng công khai của reverse proxy), không phải WEBHOOK_PORT.',

  // ---- database ----
  dbFile: (file: string) => `Cơ sở dữ liệu: tệp ${file} mở được để đọc và ghi.`,
  dbReadOnly: (file: string, why: string) =>
    `Cơ sở dữ liệu: tệp ${file} mở được nhưng không ghi được: ${why}.`,
  dbReadOnlyFix:
    'Tệp (hoặc tệp -wal, -shm bên cạnh, hoặc thư mục chứa nó) phải thuộc tài khoản chạy bot: chown cho đúng người dùng của dịch vụ, hoặc chạy bot bằng người dùng sở hữu tệp; tệp do lệnh chạy bằng root tạo ra thường thuộc root.',
  dbOwnedByRoot: (files: string, who: string) =>
    `Cơ sở dữ liệu: ${files} thuộc root, còn thư mục chứa thuộc ${who}: nếu bot chạy bằng ${who}, bot không ghi được ("attempt to write a readonly database").`,
  dbOwnedByRootFix: (files: string, who: string, gid: number) =>
    `Dừng bot rồi trả tệp cho người dùng của dịch vụ: chown ${who}:${gid} ${files}. Lần sau chạy lệnh quản trị bằng người dùng đó: sudo -u ${who} npm run cli -- …`,
  dbLoose: (file: string, mode: string) =>
    `Cơ sở dữ liệu: tệp ${file} có quyền ${mode}: người ngoài tài khoản chạy bot đọc được (hoặc nhóm ghi được) toàn bộ báo cáo.`,
  dbLooseFix: (file: string) =>
    `Thu hẹp quyền: chmod 640 ${file} ${file}-wal ${file}-shm (cả các bản sao lưu trong BACKUP_DIR và tệp .env). Tệp bot tạo mới đã là 640.`,
  dbMissing: (file: string) => `Cơ sở dữ liệu: chưa có tệp ${file} (tạo được).`,
  dbMissingFix:
    'Bình thường khi chưa chạy bot lần nào: khởi động bot (npm start), bot tự tạo tệp và bảng dữ liệu.',
  dbNotCreatable: (file: string, dir: string) =>
    `Cơ sở dữ liệu: chưa có tệp ${file} và không tạo được: thư mục ${dir} không ghi được.`,
  dbNotCreatableFix:
    'Tạo thư mục và cấp quyền ghi cho tài khoản chạy bot, hoặc đổi DATABASE_PATH trong tệp .env.',
  dbUnopenable: (file: string, why: string) => `Cơ sở dữ liệu: không mở được ${file}: ${why}.`,
  dbUnopenableFix:
    'Kiểm tra quyền đọc, ghi tệp (và thư mục chứa nó) của tài khoản chạy bot; nếu tệp hỏng, khôi phục bản sao lưu: npm run cli -- restore TỆP.',
  integrityOk: 'Toàn vẹn dữ liệu (PRAGMA integrity_check): không có lỗi.',
  integrityBad: (lines: string) => `Toàn vẹn dữ liệu (PRAGMA integrity_check): có lỗi: ${lines}.`,
  integrityFix:
    'Dừng bot và khôi phục bản sao lưu gần nhất trong thư mục sao lưu (BACKUP_DIR): npm run cli -- restore TỆP.',
  migrationsOk: (n: number, last: string) =>
    `Bảng dữ liệu: đã áp dụng đủ ${n}/${n} bản cập nhật (migration), mới nhất ${last}.`,
  migrationsNone: 'Bảng dữ liệu: chưa có (cơ sở dữ liệu chưa được bot khởi tạo).',
  migrationsNoneFix: 'Khởi động bot (npm start): bot tự tạo và cập nhật bảng khi khởi động.',
  migrationsPending: (n: number, total: number, tags: string) =>
    `Bảng dữ liệu: còn ${n}/${total} bản cập nhật (migration) chưa áp dụng: ${tags}.`,
  migrationsPendingFix:
    'Bình thường ngay sau khi nâng cấp: khi khởi động (npm start), bot sao lưu cơ sở dữ liệu vào thư mục sao lưu ' +
    '(BACKUP_DIR/truoc-nang-cap-….sqlite) rồi tự áp dụng.',
  migrationsUnknown: (n: number) =>
    `Bảng dữ liệu: cơ sở dữ liệu có ${n} bản cập nhật mà mã nguồn này không có (do phiên bản mới hơn tạo ra).`,
  migrationsUnknownFix: 'Cập nhật mã nguồn lên phiên bản mới nhất trước khi chạy bot với cơ sở dữ liệu này.',
  migrationsEdited: (tags: string) =>
    `Bảng dữ liệu: bản cập nhật ${tags} đã bị sửa sau khi áp dụng (nội dung khác lúc áp dụng).`,
  migrationsEditedFix:
    'Không sửa tay migration đã phát hành: lấy lại tệp trong drizzle/ từ kho mã (git checkout drizzle/).',
  walOk: 'Chế độ WAL: bật (bot và lệnh quản trị dùng chung cơ sở dữ liệu được).',
  walOff: (mode: string) => `Chế độ WAL: đang là "${mode}", chưa bật WAL.`,
  walOffFix:
    'Bot bật WAL khi khởi động; nếu vẫn chưa bật, tệp có thể nằm trên ổ mạng (WAL không dùng được ở đó): chuyển sang ổ cục bộ.',

  // ---- Bot API ----
  apiSkipped: 'Bot API: chưa kiểm tra vì cấu hình chưa hợp lệ.',
  apiSkippedFix: 'Sửa các lỗi cấu hình ở trên rồi chạy lại: npm run cli -- doctor.',
  apiNoToken: 'Bot API: chưa kiểm tra vì chưa có mã bot (BOT_TOKEN).',
  apiBadToken: 'Bot API: chưa kiểm tra vì mã bot (BOT_TOKEN) không đúng dạng.',
  apiUnreachable: (root: string, why: string) => `Bot API: không kết nối được tới ${root}: ${why}.`,
  apiUnreachableFix: (custom: boolean) =>
    `${
      custom
        ? 'Kiểm tra máy chủ Bot API tự vận hành đang chạy và địa chỉ TELEGRAM_API_ROOT đúng.'
        : 'Kiểm tra mạng, tường lửa, DNS; nếu mạng cơ quan phải đi qua proxy, đặt HTTPS_PROXY trong tệp .env.'
    } ${KEEPS_TRYING}`,
  tokenRejected: (status: string) => `Bot API: mã bot bị từ chối (${status}).`,
  tokenRejectedFix: `${TOKEN_FIX} Với mã bị từ chối, bot không chạy: npm start báo lỗi này rồi dừng.`,
  apiError: (method: string, why: string) => `Bot API: ${method} trả lỗi: ${why}.`,
  apiErrorFix: 'Thử lại sau ít phút; nếu vẫn lỗi, kiểm tra TELEGRAM_API_ROOT và HTTPS_PROXY.',
  /** Telegram answered, with a server error (5xx) or "too many requests" (429): the bot tries again by itself. */
  apiBusyFix: `Thường là Telegram tạm thời quá tải hoặc đang bảo trì. ${KEEPS_TRYING}`,
  tokenOk: (root: string, username: string, id: number) =>
    `Bot API (${root}): kết nối được; mã bot hợp lệ: @${username} (id ${id}).`,
  webhookNone: 'Webhook: chưa đặt, đúng với chế độ long polling.',
  webhookMatches: (url: string) => `Webhook: Telegram gửi cập nhật tới ${url}, đúng với WEBHOOK_URL.`,
  webhookUnexpected: (url: string) =>
    `Webhook: Telegram đang gửi cập nhật tới ${url}, nhưng cấu hình là long polling (WEBHOOK_URL trống).`,
  webhookUnexpectedFix:
    'Khởi động lại bot: ở chế độ long polling bot tự xóa webhook. Nếu muốn dùng webhook, đặt WEBHOOK_URL và WEBHOOK_SECRET.',
  webhookMissing: (url: string) => `Webhook: chưa đặt, nhưng cấu hình là webhook tại ${url}.`,
  webhookMissingFix: 'Khởi động bot: ở chế độ webhook bot tự đặt webhook khi khởi động.',
  webhookElsewhere: (actual: string, wanted: string) =>
    `Webhook: Telegram đang gửi cập nhật tới ${actual}, khác WEBHOOK_URL (${wanted}).`,
  webhookElsewhereFix:
    'Khởi động lại bot để đặt lại webhook; nếu một bản bot khác dùng cùng mã bot, dừng bản đó (mỗi mã bot chỉ chạy một nơi).',
  pendingOk: (n: number) => `Cập nhật đang chờ bot nhận: ${n}.`,
  pendingMany: (n: number) => `Cập nhật đang chờ bot nhận: ${n} (nhiều: bot có thể đang không chạy).`,
  pendingManyFix: 'Kiểm tra bot đang chạy (npm start) và nhật ký của bot.',
  lastError: (when: string, message: string) => `Webhook: lần gửi lỗi gần nhất (${when}): ${message}.`,
  lastErrorFix:
    'Kiểm tra reverse proxy chuyển đúng đường dẫn tới WEBHOOK_HOST:WEBHOOK_PORT, chứng chỉ HTTPS còn hạn, và bot đang chạy. Lỗi cũ đã khắc phục thì bỏ qua.',

  // ---- closing ----
  summary: (ok: number, warn: number, fail: number) =>
    `Kết quả: ${ok} mục đạt, ${warn} mục cần xem, ${fail} mục lỗi.`,
  allGood: 'Mọi thứ sẵn sàng.',
  warnOnly: 'Bot chạy được; xem các mục ⚠️ ở trên.',
  failed: 'Sửa các mục ❌ theo hướng dẫn (→) rồi chạy lại: npm run cli -- doctor',
  tooManyArgs: 'Lệnh doctor không nhận tham số.',
};

/** The running service, as the doctor sees it (doctor-ops.ts). */
export const opsMsg = {
  running: (holder: string) => `Bot đang chạy với cơ sở dữ liệu này: ${holder}.`,
  notRunning: 'Bot không chạy với cơ sở dữ liệu này (không tiến trình nào giữ khóa).',
  notRunningFix: 'Khởi động: sudo systemctl start bot-hoc-tap (cài như dịch vụ), hoặc npm start.',
  noBackup: (dir: string) => `Sao lưu: chưa có bản sao lưu tự động nào trong ${dir}.`,
  noBackupFix:
    'Bot tự sao lưu mỗi ngày lúc BACKUP_TIME khi đang chạy; muốn có ngay thì chạy: npm run cli -- backup TỆP.',
  backupOld: (at: string, days: number) => `Sao lưu: bản gần nhất từ ${at}, đã ${days} ngày.`,
  backupOldFix: (dir: string) =>
    `Bot có đang chạy không, và tài khoản chạy bot có ghi được vào ${dir} không? Xem nhật ký: journalctl -u bot-hoc-tap.`,
  backupOk: (at: string, dir: string) => `Sao lưu: bản gần nhất lúc ${at}, trong ${dir}.`,

  never: 'chưa có',
  liveFacts: (telegram: string, backup: string, sweep: string) =>
    `Telegram trả lời lần cuối: ${telegram}; sao lưu gần nhất: ${backup}; nhắc việc gần nhất: ${sweep}`,
  liveOk: (facts: string) => `✅ Bot hoạt động bình thường. ${facts}.`,
  liveLosing: (since: string, facts: string) =>
    `⚠️ Bot hoạt động, nhưng Telegram không trả lời từ ${since} (chưa quá 5 phút; bot tự thử lại). ${facts}.`,
  liveTelegram: (facts: string) =>
    `❌ Bot đang chạy nhưng Telegram không trả lời quá 5 phút (mạng, proxy, hoặc Telegram gián đoạn). ${facts}.`,
  liveDatabase: (facts: string) => `❌ Bot đang chạy nhưng không đọc được cơ sở dữ liệu. ${facts}.`,
  liveUnreachable: (url: string, why: string) =>
    `❌ Không hỏi được ${url} (${why}): bot không chạy, hoặc WEB_PORT/WEBHOOK_PORT khác với cấu hình này.`,
  liveUpNoPort:
    '✅ Bot đang chạy (giữ khóa cơ sở dữ liệu). Không có WEB_PORT hay webhook nên không hỏi được /healthz về Telegram.',
  liveDownNoPort: '❌ Bot không chạy: không tiến trình nào giữ khóa cơ sở dữ liệu.',
};
