// A mail catcher for development and tests: a real SMTP server in this process (smtp-server) that keeps what it
// receives in memory, and a small loopback web page to read it. `npm start` without SMTP_URL sends here, so a
// newcomer can read their verification and reset e-mails; tests read the same messages, links included.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  id: number;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Every web address in the plain-text part, in order. */
  links: string[];
  receivedAt: string;
}

export interface MailCatcher {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  smtpUrl: string;
  /** The page to read messages at, when a web port was asked for. */
  webUrl: string | null;
  messages(): CaughtMessage[];
  /** Messages sent to this address, oldest first. */
  to(address: string): CaughtMessage[];
  clear(): void;
  close(): Promise<void>;
}

const MAX_KEPT = 500;
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startMailCatcher(options: { webPort?: number | null } = {}): Promise<MailCatcher> {
  let messages: CaughtMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Care Assist development mail catcher',
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) {
            headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          }
          messages.push({
            id: nextId++,
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers,
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
            receivedAt: new Date().toISOString(),
          });
          if (messages.length > MAX_KEPT) messages = messages.slice(-MAX_KEPT);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: Server | null = null;
  let webUrl: string | null = null;
  const webPort = options.webPort;
  if (webPort !== undefined && webPort !== null) {
    web = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const one = /^\/messages\/(\d+)$/.exec(url.pathname);
      if (url.pathname === '/messages.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([...messages].reverse()));
      } else if (one) {
        const message = messages.find((m) => m.id === Number(one[1]));
        if (!message) res.writeHead(404).end('No such message');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(message.html);
      } else if (url.pathname === '/') {
        const rows = messages
          .toReversed()
          .map(
            (m) =>
              `<li><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a> to ${escapeHtml(m.to.join(', '))} ` +
              `at ${m.receivedAt}<pre>${escapeHtml(m.text)}</pre></li>`,
          )
          .join('');
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Care Assist mail catcher</title>` +
              `<body style="font-family:sans-serif;max-width:60rem;margin:auto"><h1>E-mail sent by Care Assist ` +
              `(development)</h1><p>Newest first. <a href="/messages.json">As JSON</a>. Refresh to see new mail.</p>` +
              `<ol reversed>${rows || '<p>No e-mail yet.</p>'}</ol></body></html>`,
          );
      } else {
        res.writeHead(404).end('Not found');
      }
    });
    const listen = (port: number) =>
      new Promise<void>((resolve, reject) => {
        web!.once('error', reject);
        web!.listen(port, '127.0.0.1', () => resolve());
      });
    try {
      await listen(webPort);
    } catch (error) {
      // Another program has the usual port (a second `npm start`?): any free one will do; the log says which.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      await listen(0);
    }
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl,
    messages: () => [...messages],
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    clear() {
      messages = [];
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      const open = web;
      if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
    },
  };
}
