import { Writable } from 'node:stream';
import { graphql } from '../generated';
import { loadConfig } from '../../server/src/config/config';
import { createLogger } from '../../server/src/shared/logger';
import { createMailer } from '../../server/src/mail/create-mailer';
import { LogMailer, SmtpMailer } from '../../server/src/mail/mailer';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { registerOrganisation, uniqueEmail } from '../testkit/accounts';
import { startSmtpServer, type TestSmtpServer } from '../testkit/smtp-server';

const InviteMutation = graphql(`
  mutation MailInviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
    }
  }
`);

/** Every line the app logs, as written. */
function logCapture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, destination };
}

describe('the SMTP mail driver, against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'pilotline', pass: 'relay-password' });
  });
  afterAll(() => smtp.close());

  it('delivers a message, logging in with the credentials in SMTP_URL', async () => {
    const config = loadConfig({ MAIL_DRIVER: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: 'Pilotline <no-reply@pilotline.test>' });
    const mailer = createMailer(config, createLogger('silent'));
    expect(mailer).toBeInstanceOf(SmtpMailer);
    const before = smtp.received.length;
    await mailer.send({ to: 'someone@pilotline.test', subject: 'Hello from the test', text: 'A plain message.' });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail?.from).toBe('no-reply@pilotline.test');
    expect(mail?.to).toEqual(['someone@pilotline.test']);
    expect(mail?.decoded).toMatch(/^Subject: Hello from the test$/m);
    expect(mail?.decoded).toContain('A plain message.');
    await mailer.close?.();
  });

  it('fails the send when the relay refuses the credentials', async () => {
    const mailer = new SmtpMailer(smtp.url.replace('relay-password', 'wrong-password'), 'no-reply@pilotline.test');
    await expect(mailer.send({ to: 'someone@pilotline.test', subject: 'x', text: 'x' })).rejects.toThrow(/auth|invalid/i);
    await mailer.close();
  });

  describe('from the app', () => {
    let app: TestApp;
    const log = logCapture();
    beforeAll(async () => {
      app = await startTestApp({}, { mailer: new SmtpMailer(smtp.url, 'no-reply@pilotline.test'), logDestination: log.destination });
    });
    afterAll(() => app.close());

    it('sends an invitation whose link works, and no log line carries its token', async () => {
      const owner = await registerOrganisation(app, 'STARTUP');
      const email = uniqueEmail('invited');
      const before = smtp.received.length;
      await owner.session.gqlOk(InviteMutation, { input: { organisationId: owner.organisationId, email, role: 'MEMBER' } });
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      expect(mail?.to).toEqual([email]);
      const token = mail?.decoded.match(/\/invitations\/([\w-]+)/)?.[1];
      expect(token).toBeDefined();

      const joined = await app.session().post('/auth/register', { email, password: TEST_PASSWORD, name: 'Invited By Mail', invitationToken: token });
      expect(joined.status).toBe(202);
      const [verification] = (await smtp.waitFor(before + 2)).slice(before + 1);
      const verificationToken = verification?.decoded.match(/\/verify-email\/([\w-]+)/)?.[1];
      expect(verificationToken).toBeDefined();
      expect(log.lines.length).toBeGreaterThan(0);
      expect(log.lines.join('')).not.toContain(token);
      expect(log.lines.join('')).not.toContain(verificationToken);
    });
  });
});

describe('logs never carry tokens', () => {
  it('the log driver names the email but redacts the link it carries', async () => {
    const log = logCapture();
    const logger = createLogger('info', log.destination);
    const token = 'Zq3v_8sTq0uYwqg5dJ9ZbUu1nO9mB2cVhK7xLrE4pQa';
    await new LogMailer(logger, 'no-reply@pilotline.test').send({
      to: 'someone@pilotline.test',
      subject: 'You are invited',
      text: `Join on Pilotline: https://pilotline.example/invitations/${token}\nThis link expires soon.`,
    });
    const written = log.lines.join('');
    expect(written).toContain('email to someone@pilotline.test: You are invited');
    expect(written).toContain('/invitations/[redacted]');
    expect(written).not.toContain(token);
  });

  it('request logs redact tokens in URLs, and messages and errors are redacted too', async () => {
    const log = logCapture();
    const app = await startTestApp({}, { logDestination: log.destination });
    try {
      const token = 'k2Vd8wQz_Lr0pX4nYb7tUe1sMa9cJh6gFi3oKyN5vBq';
      await app.session().agent.get(`/invitations/${token}?token=${token}`);
      // pino-http writes the request line once the response has finished, just after the client has it.
      while (!log.lines.some((line) => line.includes('request completed'))) await new Promise((resolve) => setImmediate(resolve));
      const logger = createLogger('info', log.destination);
      logger.error({ err: new Error(`could not use https://x.example/verify-email/${token}`) }, `failed for ${token}`);
      const written = log.lines.join('');
      expect(written).toContain('/invitations/[redacted]');
      expect(written).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});
