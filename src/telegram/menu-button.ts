import type { Telegram } from 'telegraf';

/*
 * The bot's menu button in private chats (docs/architecture.md, "Dashboard"): "Bảng theo dõi" opens the dashboard
 * as a Mini App when WEB_URL is https (Telegram opens only https Mini Apps); otherwise it is left as it is.
 */

export const DASHBOARD_MENU_TEXT = 'Bảng theo dõi';

export function dashboardUrl(webUrl: string): string {
  return `${webUrl.endsWith('/') ? webUrl : `${webUrl}/`}dashboard`;
}

export async function setDashboardMenu(telegram: Telegram, webUrl: string | undefined): Promise<void> {
  if (!webUrl?.startsWith('https://')) return;
  await telegram.setChatMenuButton({
    menuButton: { type: 'web_app', text: DASHBOARD_MENU_TEXT, web_app: { url: dashboardUrl(webUrl) } },
  });
}
