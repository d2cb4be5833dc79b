import nodemailer from 'nodemailer';
import type { ChannelTarget, NotificationMessage, Notifier } from './types.ts';
import { NotifyError } from './types.ts';

export function emailProblem(t: Pick<ChannelTarget, 'config'>): { field: string; message: string } | null {
  if (!t.config.smtpHost) return { field: 'config.smtpHost', message: 'Enter the SMTP server name.' };
  if (!t.config.to?.length) return { field: 'config.to', message: 'Enter at least one recipient.' };
  return null;
}

/** Email over SMTP (nodemailer); the password is the channel secret. */
export function emailNotifier(options: { timeoutMs?: number } = {}): Notifier {
  return {
    async send(m: NotificationMessage, t: ChannelTarget) {
      const problem = emailProblem(t);
      if (problem) throw new NotifyError(problem.message, false);
      const c = t.config;
      const transport = nodemailer.createTransport({
        host: c.smtpHost, port: c.smtpPort ?? 587, secure: c.smtpSecure ?? false,
        ...(c.smtpUser ? { auth: { user: c.smtpUser, pass: t.secret ?? '' } } : {}),
        connectionTimeout: options.timeoutMs ?? 10_000, greetingTimeout: options.timeoutMs ?? 10_000, socketTimeout: options.timeoutMs ?? 10_000,
        // Certificates are always verified, for implicit TLS and for STARTTLS on 587 alike: a password never goes to an
        // impostor. A server with a self-signed certificate fails with a message that says so.
        tls: { rejectUnauthorized: true },
      });
      try {
        await transport.sendMail({
          from: c.from ?? 'Flowdeck <flowdeck@localhost>', to: c.to!.join(', '), subject: `[Flowdeck] ${m.title}`,
          text: `${m.text}${m.url ? `\n\n${m.url}` : ''}\n`,
          ...(m.html ? { html: m.html } : {}),
          ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
        });
      } catch (error) {
        const e = error as { code?: string; responseCode?: number; message: string };
        const permanent = e.code === 'EAUTH' || (e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600);
        throw new NotifyError(`The SMTP server ${c.smtpHost} refused the message: ${e.message}`, !permanent);
      } finally {
        transport.close();
      }
    },
  };
}
