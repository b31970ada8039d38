/*
 * Texts that help and usage lines print, apart from the modules that act on them (config, the services behind
 * /dean, /hanchot and the CLI's programme and deadline), so that `npm run cli -- help` loads nothing else
 * (BENCHMARKS.md, "Start-up").
 */

/** Where a newcomer gets a bot token and where it goes; said by every command that needs one. */
export const BOT_TOKEN_HOWTO =
  'trong Telegram nhắn @BotFather, gửi /newbot để tạo bot và nhận mã, rồi điền mã vào BOT_TOKEN trong tệp .env';

export const WAIVER_USAGE =
  'mien MÃ_ĐƠN_VỊ capuy|ubkt|canhan|taphuan NĂM [lý do] | mien MÃ_ĐƠN_VỊ kehoach SỐ_HIỆU [lý do] | tunam NĂM';

export const DEADLINE_USAGE = `xem | dat songay N | dat kiemtra|canhan|taphuan NGÀY/THÁNG | vanban SỐ_HIỆU HẠN(dd/mm/yyyy)|xoa | ${WAIVER_USAGE}`;

export const PROGRAMME_USAGE =
  'list | add MÃ 2023-2027 TÊN ĐỀ ÁN | target MÃ CHỈ_TIÊU(1-7) PHẦN_TRĂM (tiếng Việt: ds | them | muctieu)';
