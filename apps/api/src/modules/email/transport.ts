// The one way mail leaves Care Assist: nodemailer over SMTP. A GOV.UK Notify adapter would implement the same
// MailTransport interface.
import nodemailer from 'nodemailer';
import type { RenderedEmail } from './render.ts';

export interface MailTransport {
  send(to: string, email: RenderedEmail): Promise<void>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, email) {
      await transporter.sendMail({
        from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
      });
    },
    close: () => transporter.close(),
  };
}
