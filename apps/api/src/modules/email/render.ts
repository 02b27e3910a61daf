// Turns an outbox row into the e-mail people receive: plain-language text with an HTML alternative, the council's
// name, and a footer saying why they got it, where to change their preferences and how to stop this kind at once.

export interface RenderInput {
  councilName: string;
  webOrigin: string;
  subject: string;
  body: string;
  reason: string | null;
  /** One-click unsubscribe page for this kind of notification, or null for account mail (resets, verification). */
  unsubscribeUrl: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const DEFAULT_REASON = 'It is about your Care Assist account, or someone used your address on Care Assist.';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escapes a paragraph and turns the web addresses in it into links. */
function paragraphHtml(paragraph: string): string {
  const parts = paragraph.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('')
    .replace(/\n/g, '<br>');
}

export function renderEmail(input: RenderInput): RenderedEmail {
  const preferencesUrl = `${input.webOrigin}/account/notifications`;
  const footer = [
    `Care Assist is a service from ${input.councilName}.`,
    `Why you got this e-mail: ${input.reason ?? DEFAULT_REASON}`,
    `Choose which e-mails you get: ${preferencesUrl}`,
    ...(input.unsubscribeUrl ? [`Stop e-mails like this one: ${input.unsubscribeUrl}`] : []),
  ];
  const text = `${input.body.trim()}\n\n--\n${footer.join('\n')}\n`;
  const paragraphs = input.body
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${paragraphHtml(p)}</p>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:19px;line-height:1.5;color:#0b0c0c;max-width:640px;margin:0 auto;padding:16px">
<p style="margin:0 0 24px;font-weight:bold;border-bottom:4px solid #1d70b8;padding-bottom:8px">Care Assist &middot; ${escapeHtml(input.councilName)}</p>
${paragraphs}
<hr style="margin:32px 0 16px">
${footer.map((line) => `<p style="margin:0 0 8px;font-size:16px;color:#505a5f">${paragraphHtml(line)}</p>`).join('\n')}
</body></html>
`;
  const headers: Record<string, string> = {};
  if (input.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${input.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject: input.subject, text, html, headers };
}
