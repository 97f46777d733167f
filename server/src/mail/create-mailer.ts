import type { Config } from '../config/config';
import type { Logger } from '../shared/logger';
import { LogMailer, MemoryMailer, SmtpMailer, type Mailer } from './mailer';

/** The mail transport named by MAIL_DRIVER. */
export function createMailer(config: Config, logger: Logger): Mailer {
  const mail = config.mail;
  if (mail.driver === 'smtp') return new SmtpMailer(mail.smtpUrl, mail.from);
  return mail.driver === 'memory' ? new MemoryMailer() : new LogMailer(logger, mail.from);
}
