import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../shared/logger';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends email: SMTP in production, the log in development, memory in tests (to read links back). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Releases connections at shutdown. */
  close?(): Promise<void>;
}

/**
 * Sends through an SMTP relay with nodemailer. The URL carries host, port and credentials
 * (`smtp://user:pass@host:587`, `smtps://…:465`); nodemailer upgrades to TLS when the server
 * offers STARTTLS, and `?requireTLS=true` refuses to send without it.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  /** Whether the relay answers and accepts our credentials; start-up warns when it does not. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * Logs who would get which email, for development without an SMTP relay. The logger redacts the
 * links in the body like everywhere else: they carry tokens that grant access.
 */
export class LogMailer implements Mailer {
  constructor(
    private readonly logger: Logger,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: { from: this.from, to: message.to, subject: message.subject, text: message.text } }, `email to ${message.to}: ${message.subject}`);
  }
}

/** Keeps messages in memory, newest last. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}
