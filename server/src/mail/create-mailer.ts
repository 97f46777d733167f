import type { Config } from '../config/config';
import type { Logger } from '../shared/logger';
import { LogMailer, MemoryMailer, type Mailer } from './mailer';

/** The mail transport named by MAIL_DRIVER. */
export function createMailer(config: Config, logger: Logger): Mailer {
  return config.mail.driver === 'memory' ? new MemoryMailer() : new LogMailer(logger, config.mail.from);
}
