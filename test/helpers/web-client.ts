import type { Snapshot, WebMessage } from '../../src/web/channel.js';

/** A browser without the browser: the web page's JSON calls, with its cookie. */
export class WebClient {
  cookie = '';
  snapshot: Snapshot = { version: 0, messages: [], toasts: [], commands: [] };

  constructor(readonly base: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: Record<string, unknown> }> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const data = (await res.json()) as Record<string, unknown>;
    if (res.ok && Array.isArray(data.messages)) this.snapshot = data as unknown as Snapshot;
    return { status: res.status, data };
  }

  signIn(code: string, name = 'Lan') {
    return this.call('POST', '/api/signin', { code, name });
  }

  /** Sends text; returns the texts of the bot's messages that came after it. */
  async say(text: string): Promise<string[]> {
    const before = this.lastId();
    const r = await this.call('POST', '/api/send', { text });
    if (r.status !== 200) throw new Error(`send failed: ${r.status} ${JSON.stringify(r.data)}`);
    return this.botAfter(before).map((m) => m.text);
  }

  /** Presses the newest button labelled `label`; returns the texts of the bot's messages edited or sent. */
  async press(label: string): Promise<string[]> {
    const m = [...this.snapshot.messages]
      .reverse()
      .find((x) => x.buttons.flat().some((b) => b.text === label));
    const b = m?.buttons.flat().find((x) => x.text === label);
    if (!m || !b?.data) throw new Error(`no button "${label}" in:\n${this.transcript()}`);
    const before = this.lastId();
    const r = await this.call('POST', '/api/press', { messageId: m.id, data: b.data });
    if (r.status !== 200) throw new Error(`press failed: ${r.status} ${JSON.stringify(r.data)}`);
    const edited = this.snapshot.messages.find((x) => x.id === m.id);
    return [...(edited ? [edited.text] : []), ...this.botAfter(before).map((x) => x.text)];
  }

  poll(version = -1) {
    return this.call('GET', `/api/poll?version=${version}`);
  }

  private lastId = () => this.snapshot.messages.at(-1)?.id ?? 0;
  private botAfter = (id: number): WebMessage[] =>
    this.snapshot.messages.filter((m) => m.id > id && m.from === 'bot');

  transcript(): string {
    return this.snapshot.messages
      .map(
        (m) => `${m.from}: ${m.text} ${m.buttons.map((r) => r.map((b) => `[${b.text}]`).join('')).join(' ')}`,
      )
      .join('\n');
  }
}
