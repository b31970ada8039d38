// The web page of the bot: a small Telegram-like client. Every action goes to the server, which hands it
// to the bot's own handlers; this script only shows what the bot answered.

const $ = (id) => document.getElementById(id);
let version = -1;
let polling = false;
let toastTimer = 0;
/** The page buttons' labels (M.pages in src/bot/messages.ts): a turn edits the message, the button stays. */
const PAGE_BUTTONS = ['◀️ Trang trước', 'Trang sau ▶️'];
/** The button being pressed ([message, data, label]): disabled meanwhile, it loses the focus. */
let pressed = null;

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) showSignIn();
  if (!res.ok) throw new Error(data.error || 'Có lỗi xảy ra. Hãy thử lại.');
  return data;
}

function showSignIn() {
  polling = false;
  $('chat').hidden = true;
  $('signout').hidden = true;
  $('who').textContent = '';
  $('signin').hidden = false;
  const start = new URLSearchParams(location.search).get('start');
  if (start && !$('code').value) $('code').value = start;
  ($('code').value ? $('name') : $('code')).focus();
}

function showChat(name) {
  $('signin').hidden = true;
  $('chat').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = name ? `Đồng chí ${name}` : '';
  $('text').focus();
  if (!polling) {
    polling = true;
    void poll();
  }
}

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 4000);
}

function keyboard(message) {
  const box = document.createElement('div');
  box.className = 'keyboard';
  for (const row of message.buttons) {
    const line = document.createElement('div');
    line.className = 'row';
    for (const b of row) {
      let el;
      if (b.url) {
        el = document.createElement('a');
        el.href = b.url;
        el.target = '_blank';
        el.rel = 'noopener noreferrer';
      } else {
        el = document.createElement('button');
        el.type = 'button';
        el.dataset.message = String(message.id);
        el.dataset.data = b.data;
      }
      el.textContent = b.text;
      line.append(el);
    }
    box.append(line);
  }
  return box;
}

function render(snapshot) {
  for (const t of snapshot.toasts) toast(t);
  // The answer to a press and the long poll often bring the same version, or the poll an older one that
  // crossed it: draw each version once, never go back, so no button is replaced under the pointer.
  if (snapshot.version <= version) return;
  const log = $('log');
  const focused = document.activeElement;
  const turning = focused === document.body && PAGE_BUTTONS.includes(pressed?.[2]) ? pressed : null;
  const keep = focused?.dataset?.data
    ? [focused.dataset.message, focused.dataset.data, focused.textContent]
    : turning;
  log.replaceChildren(
    ...snapshot.messages.map((m) => {
      const li = document.createElement('li');
      li.className = `msg ${m.from}`;
      li.dataset.id = String(m.id);
      if (m.photo) {
        const img = document.createElement('img');
        img.src = `/api/file/${m.photo.id}`;
        img.alt = m.text || m.photo.name;
        const link = document.createElement('a');
        link.href = `/api/file/${m.photo.id}?download`;
        link.download = m.photo.name;
        link.append(img);
        li.append(link);
      }
      if (m.document) {
        const a = document.createElement('a');
        a.className = 'file';
        a.href = `/api/file/${m.document.id}?download`;
        a.download = m.document.name;
        a.textContent = `📎 Tải về: ${m.document.name}`;
        li.append(a);
      }
      if (m.text) {
        const text = document.createElement('div');
        text.className = 'text';
        text.textContent = m.text;
        li.append(text);
      }
      if (m.buttons.length > 0) li.append(keyboard(m));
      return li;
    }),
  );
  if (keep) refocus(log, keep);
  log.scrollTop = log.scrollHeight;
  renderMenu(snapshot.commands);
  version = snapshot.version;
  log.dataset.version = String(version);
}

/** The focus back on the button it was on; after a page turn, on the page button of the same message. */
function refocus(log, [message, data, label]) {
  const mine = [...log.querySelectorAll('button')].filter((b) => b.dataset.message === message);
  const turned = PAGE_BUTTONS.includes(label)
    ? (mine.find((b) => b.textContent === label) ?? mine.find((b) => PAGE_BUTTONS.includes(b.textContent)))
    : undefined;
  (mine.find((b) => b.dataset.data === data) ?? turned)?.focus();
}

function renderMenu(commands) {
  const list = $('commands');
  if (list.childElementCount === commands.length) return;
  list.replaceChildren(
    ...commands.map((c) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      const cmd = document.createElement('span');
      cmd.className = 'cmd';
      cmd.textContent = `/${c.command}`;
      b.append(cmd, ` — ${c.description}`);
      b.addEventListener('click', () => {
        closeMenu();
        void say(`/${c.command}`);
      });
      li.append(b);
      return li;
    }),
  );
}

function closeMenu() {
  $('menu').hidden = true;
  $('menu-button').setAttribute('aria-expanded', 'false');
  $('text').focus();
}

async function poll() {
  while (polling) {
    try {
      render(await api('GET', `/api/poll?version=${version}&wait=1`));
    } catch {
      if (!polling) return;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function say(text) {
  try {
    render(await api('POST', '/api/send', { text }));
  } catch (err) {
    toast(err.message);
  }
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signin-error').textContent = '';
  try {
    const me = await api('POST', '/api/signin', { code: $('code').value, name: $('name').value });
    history.replaceState(null, '', '/');
    version = -1;
    showChat(me.name);
  } catch (err) {
    $('signin-error').textContent = err.message;
  }
});

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  void say(text);
});

$('log').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-data]');
  if (!b) return;
  pressed = [b.dataset.message, b.dataset.data, b.textContent];
  b.disabled = true;
  try {
    render(await api('POST', '/api/press', { messageId: Number(b.dataset.message), data: b.dataset.data }));
  } catch (err) {
    toast(err.message);
    b.disabled = false;
  } finally {
    // However the renders fell (the poll's before or after this answer), a page turn keeps the focus on the page
    // button: the disabled button lost it, and Enter must turn the next page.
    const turned = pressed;
    pressed = null;
    if (turned && PAGE_BUTTONS.includes(turned[2]) && document.activeElement === document.body)
      refocus($('log'), turned);
  }
});

$('menu-button').addEventListener('click', () => {
  const open = $('menu').hidden;
  $('menu').hidden = !open;
  $('menu-button').setAttribute('aria-expanded', String(open));
  if (open) $('commands').querySelector('button')?.focus();
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('menu').hidden) closeMenu();
});

$('signout').addEventListener('click', async () => {
  await api('POST', '/api/signout', {}).catch(() => undefined);
  showSignIn();
});

fetch('/api/poll?version=-1', { credentials: 'same-origin' })
  .then(async (res) => {
    if (!res.ok) return showSignIn();
    const data = await res.json();
    showChat(data.name);
    render(data);
  })
  .catch(showSignIn);
