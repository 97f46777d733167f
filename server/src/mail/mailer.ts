import type { Logger } from '../shared/logger';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends email. Development logs messages; tests keep them in memory to read tokens back. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Writes each message to the log instead of sending it: no SMTP is needed to try invitations locally. */
export class LogMailer implements Mailer {
  constructor(
    private readonly logger: Logger,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: { from: this.from, ...message } }, `email to ${message.to}: ${message.subject}`);
  }
}

/** Keeps messages in memory, newest last. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}
