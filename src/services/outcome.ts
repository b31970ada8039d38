/** What an administrator's command answers, the same for the CLI and the bot. */
export type Outcome = { ok: true; text: string } | { ok: false; text: string; usage: boolean };

export const usage = (text: string): Outcome => ({ ok: false, text, usage: true });
